import { useRef, useState, type ReactNode } from 'react';
import { Button, Card, Space, Typography } from 'antd';
import { FolderOpenOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/I18nProvider';

/**
 * A file chooser in the console's language. The browser's own `<input type="file">` labels its
 * button and its "no file" text in the browser's language ("Choose File", "No file chosen" in an
 * English browser, whatever the console is set to); here the input stays (the label and the tests
 * reach it by its id) but is hidden, and a button in the console's words opens it.
 */
export function FileChooser({ id, accept, disabled, onChoose }: { id: string; accept: string; disabled?: boolean; onChoose: (file: File | undefined) => void }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  return (
    <>
      <input
        ref={input}
        id={id}
        type="file"
        accept={accept}
        disabled={disabled}
        style={{ display: 'none' }}
        onChange={(event) => {
          const file = event.target.files?.[0];
          setFileName(file?.name ?? null);
          onChoose(file);
        }}
      />
      <Button icon={<FolderOpenOutlined />} disabled={disabled} onClick={() => input.current?.click()}>
        {t('file.browse')}
      </Button>
      <Typography.Text type={fileName ? undefined : 'secondary'} data-testid={`${id}-name`}>
        {fileName ?? t('file.none')}
      </Typography.Text>
    </>
  );
}

/**
 * The card an upload page opens with: a labelled chooser for a CSV file, whatever else the page offers
 * beside it (`children`, such as a template to download), and a line on what the file must hold.
 */
export function CsvFileCard({ id, label, help, disabled, onChoose, children }: { id: string; label: string; help: string; disabled: boolean; onChoose: (file: File | undefined) => void; children?: ReactNode }) {
  return (
    <Card size="small">
      <Space wrap>
        <label htmlFor={id}>
          <Typography.Text strong>{label}</Typography.Text>
        </label>
        <FileChooser id={id} accept=".csv,text/csv" disabled={disabled} onChoose={onChoose} />
        {children}
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {help}
      </Typography.Paragraph>
    </Card>
  );
}
