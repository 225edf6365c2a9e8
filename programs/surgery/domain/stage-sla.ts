/**
 * How long a surgery case may wait in each waiting stage before the stuck radar flags it, unless
 * the district sets otherwise (STAGE_SLA). Rehabilitation is long by nature: months, not weeks.
 */
import type { WaitingStage } from './stages';

export const SURGERY_STAGE_SLA_DEFAULTS: Readonly<Record<WaitingStage, string>> = {
  SCREENING: '30d',
  AWAITING_ADMISSION: '30d',
  AWAITING_SURGERY: '30d',
  REHABILITATION: '90d',
  REIMBURSING: '30d',
};
