import { Steps } from 'antd';
import type { EnrolmentView } from '../api/types';
import { useLabels } from '../i18n/labels';
import { useI18n } from '../i18n/I18nProvider';
import { formatDateTime } from '../components/datetime';

/** The path every application walks when nothing stops it. */
export const ENROLMENT_PATH = ['TOWN_REVIEW', 'CDPF_REVIEW', 'DECISION', 'PUBLIC_NOTICE', 'ACTIVE'] as const;

type Summary = Pick<EnrolmentView, 'stage' | 'townReview' | 'cdpfReview' | 'decision' | 'activeFrom'>;

/** How far along the path the recorded steps got: each approval moves one step on. */
function stepsPassed(view: Summary): number {
  if (view.activeFrom) return 4;
  if (view.decision?.approved) return 3;
  if (view.cdpfReview?.approved) return 2;
  if (view.townReview?.approved) return 1;
  return 0;
}

/**
 * Where on the path an enrolment stands. A suspended one stands on 享受中, held; one that ended
 * (refused, withdrawn, stopped) stands where it stopped.
 */
export function enrolmentStep(view: Summary): { index: number; stopped: boolean; held: boolean } {
  const onPath = (ENROLMENT_PATH as readonly string[]).indexOf(view.stage);
  if (onPath >= 0) return { index: onPath, stopped: false, held: false };
  if (view.stage === 'SUSPENDED') return { index: 4, stopped: false, held: true };
  return { index: stepsPassed(view), stopped: true, held: false };
}

export function EnrolmentStepper({ view }: { view: EnrolmentView }) {
  const labels = useLabels();
  const { t, language } = useI18n();
  const { index, stopped, held } = enrolmentStep(view);
  const when: Partial<Record<(typeof ENROLMENT_PATH)[number], string | undefined>> = {
    TOWN_REVIEW: view.townReview?.recordedAt,
    CDPF_REVIEW: view.cdpfReview?.recordedAt,
    DECISION: view.decision?.decidedAt,
  };
  const status = stopped ? 'error' : view.overdue || held ? 'error' : view.stage === 'ACTIVE' ? 'finish' : 'process';
  return (
    <nav aria-label={t('enrolment.lifecycle')}>
      <Steps
        size="small"
        current={index}
        status={status}
        items={ENROLMENT_PATH.map((stage, i) => ({
          title: i === index && (stopped || held) ? labels.enrolmentStage(view.stage) : labels.enrolmentStage(stage),
          content:
            i < index
              ? formatDateTime(when[stage], language)
              : i === index
                ? stage === 'PUBLIC_NOTICE' && view.noticeEndsAt
                  ? `${t('enrolment.noticeEndsAt')} ${formatDateTime(view.noticeEndsAt, language)}`
                  : view.overdue
                    ? t('enrolment.overdue')
                    : stage === 'ACTIVE' && view.activeFrom
                      ? `${t('enrolment.activeFrom')} ${view.activeFrom}`
                      : t('enrolment.current')
                : undefined,
        }))}
      />
    </nav>
  );
}
