import { Tag } from 'antd';
import type { Stage } from '@surgery/stages';
import { useLabels } from '../i18n/labels';
import { useI18n } from '../i18n/I18nProvider';

const STAGE_COLORS: Record<Stage, string> = {
  SCREENING: 'default',
  AWAITING_ADMISSION: 'blue',
  AWAITING_SURGERY: 'geekblue',
  REHABILITATION: 'cyan',
  REIMBURSING: 'gold',
  SETTLED: 'green',
  INELIGIBLE: 'default',
  WITHDRAWN: 'default',
};

export function StageTag({ stage }: { stage: Stage }) {
  const labels = useLabels();
  return <Tag color={STAGE_COLORS[stage]}>{labels.stage(stage)}</Tag>;
}

export function OverdueBadge({ overdue }: { overdue: boolean }) {
  const { t } = useI18n();
  return overdue ? (
    <Tag color="red" data-testid="overdue-badge">
      {t('case.overdue')}
    </Tag>
  ) : null;
}
