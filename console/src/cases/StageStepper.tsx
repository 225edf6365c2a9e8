import { Steps } from 'antd';
import type { CaseView } from '../api/types';
import { useLabels } from '../i18n/labels';
import { useI18n } from '../i18n/I18nProvider';
import { formatDateTime } from '../components/datetime';

/** The path every case walks when nothing stops it. */
export const LIFECYCLE = ['SCREENING', 'AWAITING_ADMISSION', 'AWAITING_SURGERY', 'REHABILITATION', 'REIMBURSING', 'SETTLED'] as const;

/** Where on the path a case stands; a case that ended early (ineligible, withdrawn) stands where it stopped. */
export function stepOf(view: CaseView): { index: number; stopped: boolean } {
  const onPath = (LIFECYCLE as readonly string[]).indexOf(view.stage);
  if (onPath >= 0) return { index: onPath, stopped: false };
  if (view.stage === 'INELIGIBLE') return { index: 0, stopped: true };
  // Withdrawn: after the last step that was recorded.
  const index = view.surgery ? 3 : view.admission ? 2 : view.screening ? 1 : 0;
  return { index, stopped: true };
}

export function StageStepper({ view }: { view: CaseView }) {
  const labels = useLabels();
  const { t, language } = useI18n();
  const { index, stopped } = stepOf(view);
  const settled = view.stage === 'SETTLED';
  const when: Partial<Record<(typeof LIFECYCLE)[number], string | undefined>> = {
    SCREENING: view.screening?.screenedAt ?? view.openedAt,
    AWAITING_ADMISSION: view.admission?.admittedAt,
    AWAITING_SURGERY: view.surgery?.completedAt,
    REHABILITATION: view.discharge?.dischargedAt,
    REIMBURSING: view.stage === 'SETTLED' ? view.updatedAt : undefined,
  };
  return (
    <nav aria-label={t('case.lifecycle')}>
      <Steps
        size="small"
        current={index}
        status={stopped ? 'error' : settled ? 'finish' : view.overdue ? 'error' : 'process'}
        items={LIFECYCLE.map((stage, i) => ({
          title: i === index && stopped ? labels.stage(view.stage) : labels.stage(stage),
          content: i < index || (settled && i === index) ? formatDateTime(when[stage] ?? (i === index ? view.stageEnteredAt : undefined), language) : i === index ? (view.overdue ? t('case.overdue') : t('case.current')) : undefined,
        }))}
      />
    </nav>
  );
}
