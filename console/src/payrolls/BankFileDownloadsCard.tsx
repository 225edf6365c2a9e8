import { Alert, Card, Skeleton, Table, Typography } from 'antd';
import type { BankFileDownloads } from '../api/types';
import { useAuth } from '../auth/AuthProvider';
import { formatDateTime } from '../components/datetime';
import { useAsync } from '../components/useAsync';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';

type Download = BankFileDownloads['items'][number];

const FORMAT_NAMES: Record<Download['format'], string> = { csv: 'CSV', xlsx: 'Excel' };

/**
 * 银行代发文件下载记录: who took the bank file (full account numbers), when and as what, as the
 * server recorded it before the first byte left. For finance and administrators; read again
 * whenever the payroll moved or a bank file was saved from this page (`version`).
 */
export function BankFileDownloadsCard({ payrollId, version }: { payrollId: string; version: string }) {
  const { t, language } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const { data, error } = useAsync((signal) => api.bankFileDownloads(payrollId, signal), [api, payrollId, version]);
  const items = data?.items;

  let body;
  if (error !== undefined) body = <Alert type="warning" showIcon title={t('payroll.bankFileDownloads.unavailable')} />;
  else if (!items) body = <Skeleton active paragraph={{ rows: 1 }} />;
  else
    body = (
      <Table<Download>
        rowKey={(entry) => `${entry.downloadedAt}|${entry.downloadedBy}|${entry.format}`}
        size="small"
        dataSource={items}
        pagination={false}
        scroll={{ x: 520 }}
        locale={{ emptyText: t('payroll.bankFileDownloads.none') }}
        columns={[
          { title: t('payroll.bankFileDownloads.at'), width: 170, render: (_, entry) => formatDateTime(entry.downloadedAt, language) },
          { title: t('payroll.bankFileDownloads.by'), dataIndex: 'downloadedBy', width: 160 },
          { title: t('payroll.bankFileDownloads.role'), width: 110, render: (_, entry) => labels.role(entry.role) },
          { title: t('payroll.bankFileDownloads.format'), width: 90, render: (_, entry) => FORMAT_NAMES[entry.format] },
        ]}
      />
    );
  return (
    <Card size="small" title={t('payroll.bankFileDownloads')} data-testid="bank-file-downloads">
      <Typography.Paragraph type="secondary">{t('payroll.bankFileDownloads.help')}</Typography.Paragraph>
      {body}
    </Card>
  );
}
