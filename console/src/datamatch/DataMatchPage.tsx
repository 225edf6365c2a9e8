import { useCallback, useState } from 'react';
import { Alert, Space, Typography } from 'antd';
import type { LifeEventImportResult } from '../api/types';
import { ApiError } from '../api/problem';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { describeError, describeFieldError } from '../components/problems';
import { CsvFileCard } from '../components/FileChooser';
import { readCsvFile } from '../importing/csv';
import { readLifeEventList, type LifeEventList } from './lifeEventList';
import { ListPreview, mayUpload } from './ListPreview';
import { BatchResult } from './BatchResult';
import { ImportHistory } from './ImportHistory';

interface ChosenFile {
  name: string;
  /** The file's text as decoded (UTF-8 or GB18030); it goes up as it is, the server reads it again. */
  text: string;
  list: LifeEventList;
}

/**
 * 数据比对: the month's list from another office is chosen, previewed with the server's own checks,
 * uploaded whole (the server matches it, reporting progress on a long one), and its result shown;
 * below, the lists uploaded before.
 */
export function DataMatchPage() {
  const { t } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const [chosen, setChosen] = useState<ChosenFile | null>(null);
  const [uploading, setUploading] = useState(false);
  const [result, setResult] = useState<{ answer: LifeEventImportResult; names: Map<number, string> } | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Bumped after an upload so that the history shows the new batch.
  const [version, setVersion] = useState(0);
  const batchDone = useCallback(() => setVersion((n) => n + 1), []);

  async function choose(file: File | undefined) {
    setResult(null);
    setError(null);
    setChosen(null);
    if (!file) return;
    const text = await readCsvFile(file);
    setChosen({ name: file.name, text, list: readLifeEventList(text) });
  }

  async function upload() {
    if (!chosen || !mayUpload(chosen.list)) return;
    setUploading(true);
    setError(null);
    try {
      const answer = await api.importLifeEvents(chosen.text, chosen.name);
      // The names by line, to name the refused rows: the file itself is let go.
      setResult({ answer, names: new Map(chosen.list.lines.map((line, index) => [line, chosen.list.rows[index]?.name ?? ''])) });
      setChosen(null);
      setVersion((n) => n + 1);
    } catch (cause) {
      // A refused file (422) names what is wrong with it: each field error in the clerk's words.
      const reason = cause instanceof ApiError && cause.fieldErrors.length > 0 ? cause.fieldErrors.map((e) => describeFieldError(t, e)).join('; ') : describeError(t, cause, labels.stage);
      setError(t('dataMatch.uploadFailed', { reason }));
    } finally {
      setUploading(false);
    }
  }

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('dataMatch.title')}
      </Typography.Title>
      <CsvFileCard id="life-event-list" label={t('dataMatch.chooseFile')} help={t('dataMatch.help')} disabled={uploading} onChoose={(file) => void choose(file)} />
      {error && <Alert type="error" showIcon title={error} data-testid="upload-error" />}
      {chosen && <ListPreview fileName={chosen.name} list={chosen.list} busy={uploading} onUpload={() => void upload()} />}
      {result && <BatchResult initial={result.answer} nameOnLine={(line) => result.names.get(line)} onDone={batchDone} />}
      <ImportHistory version={version} />
    </Space>
  );
}
