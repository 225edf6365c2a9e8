import { Alert, Result, Skeleton, Space } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../api/problem';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { useAsync } from '../components/useAsync';
import { describeError } from '../components/problems';
import { BatchResult } from './BatchResult';

/** One uploaded list's result, opened from the history (still matching: its progress, read again until done). */
export function BatchPage() {
  const { batchId = '' } = useParams();
  const { t } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const batch = useAsync((signal) => api.lifeEventImport(batchId, signal), [batchId]);

  if (batch.error instanceof ApiError && batch.error.status === 404) {
    return <Result status="404" title={t('dataMatch.notFound')} extra={<Link to="/data-match">{t('dataMatch.back')}</Link>} />;
  }
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Link to="/data-match">{t('dataMatch.back')}</Link>
      {batch.error !== undefined && <Alert type="error" showIcon title={describeError(t, batch.error, labels.stage)} />}
      {batch.data ? <BatchResult initial={batch.data} /> : batch.error === undefined && <Skeleton active />}
    </Space>
  );
}
