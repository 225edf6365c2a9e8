export const STAGES = [
  'SCREENING',
  'AWAITING_ADMISSION',
  'AWAITING_SURGERY',
  'REHABILITATION',
  'REIMBURSING',
  'SETTLED',
  'INELIGIBLE',
  'WITHDRAWN',
] as const;
export type Stage = (typeof STAGES)[number];

/** Stages in which a case waits on a person or a payer, each with a service-level time. */
export const WAITING_STAGES = ['SCREENING', 'AWAITING_ADMISSION', 'AWAITING_SURGERY', 'REHABILITATION', 'REIMBURSING'] as const;
export type WaitingStage = (typeof WAITING_STAGES)[number];

export const TERMINAL_STAGES = ['SETTLED', 'INELIGIBLE', 'WITHDRAWN'] as const satisfies readonly Stage[];

export function isTerminal(stage: Stage): boolean {
  return (TERMINAL_STAGES as readonly Stage[]).includes(stage);
}

export const WITHDRAWABLE_STAGES = ['SCREENING', 'AWAITING_ADMISSION', 'AWAITING_SURGERY'] as const satisfies readonly Stage[];

export const PAYERS = [
  'BASIC_MEDICAL_INSURANCE',
  'CRITICAL_ILLNESS_INSURANCE',
  'MEDICAL_ASSISTANCE',
  'DISABILITY_ASSISTANCE',
  'PROVINCIAL_CHARITY',
] as const;
export type Payer = (typeof PAYERS)[number];

export const HOSPITAL_LEVELS = ['TERTIARY_A', 'TERTIARY', 'SECONDARY', 'PRIMARY'] as const;
export type HospitalLevel = (typeof HOSPITAL_LEVELS)[number];
