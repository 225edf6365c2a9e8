import { Alert, Card, Descriptions, Skeleton } from 'antd';
import { formatYuan } from '@domain/money';
import type { PayrollView, SandboxBankRecord } from '../api/types';
import { useAuth } from '../auth/AuthProvider';
import { useAsync } from '../components/useAsync';
import { useI18n } from '../i18n/I18nProvider';

/** What the bank's books say it paid for the payroll: the PAID records, added up in fen. */
export function bankPaid(records: readonly SandboxBankRecord[]): { count: number; fen: number } {
  const paid = records.filter((record) => record.status === 'PAID');
  return { count: paid.length, fen: paid.reduce((sum, record) => sum + record.amountFen, 0) };
}

/**
 * 对账: the ledger's paid total beside the bank's books for the same payroll, and whether they
 * agree. The bank's books are an administrator's to read (the sandbox bank's records), so only an
 * administrator sees this card; it is read again whenever the payroll moved (`version`).
 */
export function ReconciliationCard({ view, version }: { view: PayrollView; version: string }) {
  const { t } = useI18n();
  const { api } = useAuth();
  const { data, error } = useAsync((signal) => api.sandboxBankRecords(view.payrollId, signal), [api, view.payrollId, version]);
  const records = data?.items;

  let body;
  if (error !== undefined) body = <Alert type="warning" showIcon title={t('payroll.reconciliation.unavailable')} />;
  else if (!records) body = <Skeleton active paragraph={{ rows: 1 }} />;
  else {
    const bank = bankPaid(records);
    const difference = view.totals.paidFen - bank.fen;
    body = (
      <>
        <Descriptions size="small" column={2}>
          <Descriptions.Item label={t('payroll.reconciliation.ledger')}>
            <span data-testid="ledger-paid">{formatYuan(view.totals.paidFen)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('payroll.reconciliation.bank')}>
            <span data-testid="bank-paid">{t('payroll.reconciliation.bankFigure', { amount: formatYuan(bank.fen), count: bank.count })}</span>
          </Descriptions.Item>
        </Descriptions>
        {difference === 0 ? (
          <Alert type="success" showIcon title={t('payroll.reconciliation.agree')} data-testid="reconciliation-result" />
        ) : (
          <Alert
            type={view.stage === 'RECONCILED' ? 'error' : 'info'}
            showIcon
            title={t(view.stage === 'RECONCILED' ? 'payroll.reconciliation.differ' : 'payroll.reconciliation.inProgress', { difference: formatYuan(Math.abs(difference)) })}
            data-testid="reconciliation-result"
          />
        )}
      </>
    );
  }
  return (
    <Card size="small" title={t('payroll.reconciliation')} data-testid="payroll-reconciliation">
      {body}
    </Card>
  );
}
