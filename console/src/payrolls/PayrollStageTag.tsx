import { Tag } from 'antd';
import type { PayrollStage } from '@subsidy/payroll/stages';
import { useLabels } from '../i18n/labels';

const COLOURS: Record<PayrollStage, string> = { DRAFT: 'default', PENDING_APPROVAL: 'gold', DISBURSING: 'processing', RECONCILED: 'success' };

export function PayrollStageTag({ stage }: { stage: PayrollStage }) {
  const labels = useLabels();
  return <Tag color={COLOURS[stage]}>{labels.payrollStage(stage)}</Tag>;
}
