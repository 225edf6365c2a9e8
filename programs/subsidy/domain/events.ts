/** The domain events of a subsidy enrolment: what people read, and what the reducer folds. */
import type { SubsidyActor } from './actor';
import type { IneligibilityReason } from './eligibility';
import type { ApplyInput, BankAccount, DecisionInput, ReasonInput, ReinstateInput, RepaymentInput, ReviewInput, SuspendInput } from './inputs';
import type { Month } from './month';
import type { OverpaidMonth } from './overpayment';
import type { EnrolmentLifeEvent, PersonFacts } from './person-facts';
import type { WaitingEnrolmentStage } from './stages';

/** Why an active enrolment ended. */
export type TerminationReason = 'DIED' | 'MOVED_OUT' | 'NO_LONGER_ELIGIBLE';

/** What a life event did to the enrolment. */
export type LifeEventOutcome = 'RECORDED' | 'WITHDRAWN' | 'TERMINATED' | 'AMOUNT_CHANGED';

export interface EnrolmentEventDataByType {
  /** `person`: the registry's facts the rules read, as they were on the day of the application. */
  EnrolmentApplied: { input: ApplyInput; person: PersonFacts };
  TownReviewed: ReviewInput;
  CdpfReviewed: ReviewInput;
  /** `monthlyFen` is what the standard in force paid the person in the decision's month. */
  EnrolmentDecided: DecisionInput & { monthlyFen: number; policyVersion: string; reasons: IneligibilityReason[] };
  /** The public notice runs until `endsAt`; an objection before then sends the enrolment back to the decision. */
  NoticeStarted: { noticeDays: number; endsAt: string };
  ObjectionRaised: ReasonInput;
  EnrolmentActivated: { activeFrom: Month };
  EnrolmentRejected: { at: 'TOWN_REVIEW' | 'CDPF_REVIEW' | 'DECISION'; reason: string | null };
  EnrolmentWithdrawn: { reason: string };
  EnrolmentSuspended: SuspendInput;
  /** `month`: the month of the reinstatement, payable again from then on. */
  EnrolmentReinstated: ReinstateInput & { month: Month };
  LifeEventApplied: { input: EnrolmentLifeEvent; outcome: LifeEventOutcome };
  /** The month of `on` is the last one owed. */
  EnrolmentTerminated: { on: string; reason: TerminationReason; reasons: IneligibilityReason[] };
  BankAccountChanged: BankAccount;
  OverpaymentFound: { months: OverpaidMonth[]; totalFen: number };
  RepaymentRecorded: RepaymentInput;
  RecoveryWaived: { amountFen: number; reason: string };
  RecoveryClosed: { owedFen: number; recoveredFen: number; waivedFen: number };
  StageOverdue: { stage: WaitingEnrolmentStage; slaMs: number };
}

export type EnrolmentEventType = keyof EnrolmentEventDataByType;

/** The action an event was the first result of: its idempotency key and its body's fingerprint. */
export interface ActionIdempotency {
  key: string;
  fingerprint: string;
}

/** An event before it has a place in the enrolment's sequence. */
export type NewEnrolmentEvent = {
  [T in EnrolmentEventType]: { type: T; occurredAt: string; actor: SubsidyActor; data: EnrolmentEventDataByType[T]; idempotency?: ActionIdempotency };
}[EnrolmentEventType];

export type EnrolmentEvent = NewEnrolmentEvent & { seq: number };

export const ENROLMENT_EVENT_TYPES = [
  'EnrolmentApplied',
  'TownReviewed',
  'CdpfReviewed',
  'EnrolmentDecided',
  'NoticeStarted',
  'ObjectionRaised',
  'EnrolmentActivated',
  'EnrolmentRejected',
  'EnrolmentWithdrawn',
  'EnrolmentSuspended',
  'EnrolmentReinstated',
  'LifeEventApplied',
  'EnrolmentTerminated',
  'BankAccountChanged',
  'OverpaymentFound',
  'RepaymentRecorded',
  'RecoveryWaived',
  'RecoveryClosed',
  'StageOverdue',
] as const satisfies readonly EnrolmentEventType[];
