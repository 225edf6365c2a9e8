import { Descriptions } from 'antd';
import { formatYuan } from '@domain/money';
import type { PayrollView } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { formatDateTime } from '../components/datetime';
import { useNarrow } from '../layout/useNarrow';

/** The payroll's figures in yuan (the server counts fen; dropped lines are in none of them) and who moved it. */
export function PayrollTotals({ view }: { view: PayrollView }) {
  const { t, language } = useI18n();
  const narrow = useNarrow();
  const { totals } = view;
  return (
    <Descriptions size="small" column={narrow ? 1 : 3} data-testid="payroll-totals">
      <Descriptions.Item label={t('payroll.totalFen')}>
        <span data-testid="total-fen">{formatYuan(totals.totalFen)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('payroll.paidFen')}>
        <span data-testid="paid-fen">{formatYuan(totals.paidFen)}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('payroll.returnedFen')}>{formatYuan(totals.returnedFen)}</Descriptions.Item>
      <Descriptions.Item label={t('payroll.pendingFen')}>{formatYuan(totals.pendingFen)}</Descriptions.Item>
      <Descriptions.Item label={t('payroll.lineCount')}>{totals.lines}</Descriptions.Item>
      <Descriptions.Item label={t('payroll.openedAt')}>{formatDateTime(view.openedAt, language)}</Descriptions.Item>
      <Descriptions.Item label={t('payroll.submittedBy')}>{view.submittedBy ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('payroll.approvedBy')}>{view.approvedBy ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('payroll.stageEnteredAt')}>{formatDateTime(view.stageEnteredAt, language)}</Descriptions.Item>
    </Descriptions>
  );
}
