import { Alert, Modal, Table, Tag } from 'antd';
import { formatYuan } from '@domain/money';
import type { Payer } from '@surgery/stages';
import type { SandboxClaimRecord } from '../api/types';
import { ApiError } from '../api/problem';
import { useAuth } from '../auth/AuthProvider';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { useAsync } from '../components/useAsync';
import { describeError } from '../components/problems';
import { formatDateTime } from '../components/datetime';
import { fittingModal } from '../components/fittingModal';
import { useNarrow } from '../layout/useNarrow';

const STATUS_COLORS: Record<SandboxClaimRecord['status'], string> = { PAID: 'success', REJECTED: 'warning', VOIDED: 'default' };

/** What the (sandbox) payer itself recorded for this case: the other side of a reconciliation. */
export function PayerBooksModal({ caseId, payer, onClose }: { caseId: string; payer: Payer; onClose: () => void }) {
  const narrow = useNarrow();
  const { t, language } = useI18n();
  const labels = useLabels();
  const { api } = useAuth();
  const books = useAsync((signal) => api.sandboxBooks(payer, caseId, signal), [payer, caseId]);
  const error = books.error === undefined ? null : books.error instanceof ApiError && books.error.status === 404 ? t('payers.notSandbox') : describeError(t, books.error, labels.stage);
  return (
    <Modal {...fittingModal(narrow)} open title={t('books.title', { payer: labels.payer(payer), caseId })} footer={null} onCancel={onClose} width={720} destroyOnHidden>
      {error && <Alert type="warning" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Table<SandboxClaimRecord>
        rowKey={(r) => `${r.key}/${r.recordedAt}`}
        size="small"
        pagination={false}
        loading={books.loading}
        dataSource={books.data?.items ?? []}
        locale={{ emptyText: t('books.empty') }}
        columns={[
          { title: t('discrepancy.key'), dataIndex: 'key' },
          { title: t('money.status'), width: 90, render: (_, r) => <Tag color={STATUS_COLORS[r.status]}>{labels.claimStatus(r.status)}</Tag> },
          { title: t('money.amount'), align: 'right', width: 110, render: (_, r) => formatYuan(r.amountFen) },
          { title: t('propose.reference'), dataIndex: 'reference' },
          { title: t('books.recordedAt'), width: 140, render: (_, r) => formatDateTime(r.recordedAt, language) },
        ]}
      />
    </Modal>
  );
}
