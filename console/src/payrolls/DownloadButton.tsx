import { useState, type ReactNode } from 'react';
import { App as AntApp, Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { describePayrollError } from './payrollProblems';
import { saveBlob } from '../components/saveBlob';

/** A button that fetches one of the payroll's files with the bearer token and saves it as `fileName`; a refusal is shown as a message. */
export function DownloadButton({
  fetchFile,
  fileName,
  testId,
  onSaved,
  children,
}: {
  fetchFile: () => Promise<Blob>;
  fileName: string;
  testId: string;
  /** Called once the file is saved (the bank file's download record then has one more entry). */
  onSaved?: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const labels = useLabels();
  const { message } = AntApp.useApp();
  const [loading, setLoading] = useState(false);

  const download = async () => {
    setLoading(true);
    try {
      saveBlob(await fetchFile(), fileName);
      onSaved?.();
    } catch (error) {
      void message.error(describePayrollError(t, error, labels.payrollStage));
    } finally {
      setLoading(false);
    }
  };

  return (
    <Button icon={<DownloadOutlined />} loading={loading} onClick={() => void download()} data-testid={testId}>
      {children}
    </Button>
  );
}
