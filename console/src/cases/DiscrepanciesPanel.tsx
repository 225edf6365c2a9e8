import { useState } from 'react';
import { Alert, Button, Table, Typography } from 'antd';
import type { Payer } from '@surgery/stages';
import { formatYuan } from '@domain/money';
import type { CaseView, PaymentDiscrepancyView } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { formatDateTime } from '../components/datetime';
import { useSession } from '../auth/AuthProvider';
import { PayerBooksModal } from '../admin/PayerBooksModal';

/** Where the ledger and the payer's own books disagree (found at settlement): both sides, for a person to settle. */
export function DiscrepanciesPanel({ view }: { view: CaseView }) {
  const { t, language } = useI18n();
  const labels = useLabels();
  const session = useSession();
  const [books, setBooks] = useState<Payer | null>(null);
  const discrepancies = view.reimbursement?.discrepancies ?? [];
  if (discrepancies.length === 0) return null;
  return (
    <section aria-label={t('discrepancy.title')} data-testid="discrepancies-panel" style={{ marginTop: 16 }}>
      <Alert type="error" showIcon title={t('discrepancy.title')} description={t('discrepancy.help')} style={{ marginBottom: 8 }} />
      <Table<PaymentDiscrepancyView>
        rowKey="idempotencyKey"
        size="small"
        pagination={false}
        dataSource={discrepancies}
        scroll={{ x: 700 }}
        columns={[
          { title: t('discrepancy.payer'), width: 110, render: (_, d) => labels.payer(d.payer) },
          {
            title: t('discrepancy.ledger'),
            render: (_, d) => (
              <span data-testid={`ledger-${d.payer}`}>
                {labels.claimStatus(d.ledgerStatus)} {formatYuan(d.ledgerAmountFen)}
              </span>
            ),
          },
          {
            title: t('discrepancy.payerBooks'),
            render: (_, d) => (
              <Typography.Text type="danger" data-testid={`payer-books-${d.payer}`}>
                {labels.claimStatus(d.payerStatus)} {formatYuan(d.payerAmountFen)}
              </Typography.Text>
            ),
          },
          { title: t('discrepancy.payerReference'), render: (_, d) => <span data-testid={`payer-reference-${d.payer}`}>{d.payerReference ?? '—'}</span> },
          { title: t('discrepancy.key'), dataIndex: 'idempotencyKey' },
          { title: t('discrepancy.foundAt'), width: 140, render: (_, d) => formatDateTime(d.foundAt, language) },
          ...(session.role === 'admin'
            ? [
                {
                  title: t('money.action'),
                  width: 130,
                  render: (_: unknown, d: PaymentDiscrepancyView) => (
                    <Button size="small" onClick={() => setBooks(d.payer)}>
                      {t('books.open')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {books && <PayerBooksModal caseId={view.caseId} payer={books} onClose={() => setBooks(null)} />}
    </section>
  );
}
