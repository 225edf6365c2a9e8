/**
 * How long an enrolment may wait in each stage that waits on people before it is flagged overdue,
 * unless the district sets otherwise (STAGE_SLA). The notice itself lasts the policy's days; past
 * its time here, the timer that ends it has not fired.
 */
import type { WaitingEnrolmentStage } from './stages';

const DAY_MS = 24 * 60 * 60 * 1000;

export const DEFAULT_ENROLMENT_STAGE_SLA_MS: Readonly<Record<WaitingEnrolmentStage, number>> = {
  TOWN_REVIEW: 15 * DAY_MS,
  CDPF_REVIEW: 15 * DAY_MS,
  DECISION: 10 * DAY_MS,
  PUBLIC_NOTICE: 10 * DAY_MS,
};
