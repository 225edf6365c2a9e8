import { Steps } from 'antd';
import { PAYROLL_STAGES } from '@subsidy/payroll/stages';
import type { PayrollView } from '../api/types';
import { useLabels } from '../i18n/labels';
import { useI18n } from '../i18n/I18nProvider';
import { formatDateTime } from '../components/datetime';

/** 草稿 → 待财务审核 → 发放中 → 已对账: a payroll walks these four in order (a rejection walks it back to the draft). */
export function PayrollStepper({ view }: { view: PayrollView }) {
  const labels = useLabels();
  const { t, language } = useI18n();
  const index = PAYROLL_STAGES.indexOf(view.stage);
  const done = view.stage === 'RECONCILED';
  return (
    <nav aria-label={t('payroll.lifecycle')}>
      <Steps
        size="small"
        current={index}
        status={done ? 'finish' : 'process'}
        items={PAYROLL_STAGES.map((stage, i) => ({
          title: labels.payrollStage(stage),
          content: i === index ? (done ? formatDateTime(view.stageEnteredAt, language) : t('payroll.current')) : undefined,
        }))}
      />
    </nav>
  );
}
