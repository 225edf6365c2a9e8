import { Tag } from 'antd';
import type { EnrolmentStage } from '@subsidy/stages';
import { useLabels } from '../i18n/labels';

const STAGE_COLORS: Record<EnrolmentStage, string> = {
  TOWN_REVIEW: 'default',
  CDPF_REVIEW: 'blue',
  DECISION: 'geekblue',
  PUBLIC_NOTICE: 'gold',
  ACTIVE: 'green',
  SUSPENDED: 'orange',
  REJECTED: 'default',
  WITHDRAWN: 'default',
  TERMINATED: 'default',
};

export function EnrolmentStageTag({ stage }: { stage: EnrolmentStage }) {
  const labels = useLabels();
  return <Tag color={STAGE_COLORS[stage]}>{labels.enrolmentStage(stage)}</Tag>;
}
