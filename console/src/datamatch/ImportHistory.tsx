import { useEffect } from 'react';
import { Alert, Card, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import type { LifeEventImportSummary } from '../api/types';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { useAsync } from '../components/useAsync';
import { useCursorTrail } from '../components/useCursorTrail';
import { CursorPager } from '../components/CursorPager';
import { describeError } from '../components/problems';
import { formatDateTime } from '../components/datetime';
import { MATCH_POLL_MS } from './useBatchProgress';

const PAGE_SIZE = 20;

export function batchLink(batchId: string): string {
  return `/data-match/${encodeURIComponent(batchId)}`;
}

/** 历次比对: every list uploaded, latest first, with its status and counts; each opens its result. */
export function ImportHistory({ version }: { version: number }) {
  const { t, language } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const trail = useCursorTrail();
  const list = useAsync((signal) => api.lifeEventImports({ limit: PAGE_SIZE, cursor: trail.cursor }, signal), [trail.page, trail.cursor, version]);
  // A list still being matched (perhaps uploaded from another desk) shows its progress as it goes.
  const anyRunning = list.data?.items.some((item) => item.status === 'RUNNING') ?? false;
  useEffect(() => {
    if (!anyRunning) return;
    const timer = setInterval(list.reload, MATCH_POLL_MS * 2);
    return () => clearInterval(timer);
  }, [anyRunning, list.reload]);

  return (
    <Card size="small" title={t('dataMatch.historyTitle')}>
      {list.error !== undefined && <Alert type="error" showIcon title={describeError(t, list.error, labels.stage)} style={{ marginBottom: 12 }} />}
      <Table<LifeEventImportSummary>
        rowKey="batchId"
        size="small"
        data-testid="import-history"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('dataMatch.historyEmpty') }}
        columns={[
          { title: t('dataMatch.importedAt'), render: (_, item) => <Link to={batchLink(item.batchId)}>{formatDateTime(item.importedAt, language)}</Link> },
          { title: t('dataMatch.fileName'), render: (_, item) => item.fileName ?? '—' },
          { title: t('dataMatch.importedBy'), dataIndex: 'importedBy' },
          {
            title: t('dataMatch.status'),
            render: (_, item) =>
              item.status === 'RUNNING' ? (
                <Tag color="processing">
                  {t('dataMatch.status.RUNNING')}
                  {item.progress ? ` ${item.progress.done}/${item.progress.total}` : ''}
                </Tag>
              ) : (
                <Tag color="success">{t('dataMatch.status.DONE')}</Tag>
              ),
          },
          { title: t('dataMatch.rows'), align: 'right', dataIndex: 'rows' },
          { title: t('dataMatch.applied'), align: 'right', dataIndex: 'applied' },
          { title: t('dataMatch.queued'), align: 'right', dataIndex: 'queued' },
          { title: t('dataMatch.notInRegistry'), align: 'right', dataIndex: 'notInRegistry' },
          { title: '', render: (_, item) => <Link to={batchLink(item.batchId)}>{t('dataMatch.open')}</Link> },
        ]}
      />
      <CursorPager trail={trail} list={list} style={{ marginTop: 12 }} />
    </Card>
  );
}
