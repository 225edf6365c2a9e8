/**
 * The one definition of an enrolment's state: `evolve(state, event)`. The workflow folds its
 * events with it, and the projection folds the stored events with it; there is no second copy.
 */
import { canonicalJson } from '../../../domain/canonical-json';
import type { IneligibilityReason } from './eligibility';
import { entitledMonths, type EntitledMonth, type EntitlementFacts, type GradeChange, type Suspension } from './entitlement';
import type { ActionIdempotency, EnrolmentEvent, NewEnrolmentEvent, TerminationReason } from './events';
import type { BankAccount } from './inputs';
import { monthOfDay, type Day, type Month } from './month';
import { disabilityGrade, type AssistanceCategory, type EnrolmentLifeEvent, type PersonFacts } from './person-facts';
import type { SubsidyPolicy } from './policy.schema';
import type { DisabilityGrade, SubsidyProgram } from './programs';
import type { EnrolmentStage } from './stages';

export interface ReviewRecord {
  approved: boolean;
  reason: string | null;
  reviewedBy: string;
  recordedBy: string;
  recordedAt: string;
}

export interface DecisionRecord {
  approved: boolean;
  monthlyFen: number;
  policyVersion: string;
  reasons: IneligibilityReason[];
  reason: string | null;
  decidedBy: string;
  decidedAt: string;
}

export interface SuspensionRecord extends Suspension {
  reason: string;
}

export interface TerminationRecord {
  on: Day;
  reason: TerminationReason;
  /** The last month owed: the month of `on`. */
  terminatedAfter: Month;
}

/** How a closed application ended, and who ended it (rejections and withdrawals). */
export interface ClosureRecord {
  reason: string | null;
  by: string;
  at: string;
}

export interface RecoveryRecord {
  owedFen: number;
  recoveredFen: number;
  waivedFen: number;
  status: 'OPEN' | 'CLOSED';
}

export interface EnrolmentState {
  enrolmentId: string;
  program: SubsidyProgram;
  personId: string;
  appliedOn: Day;
  stage: EnrolmentStage;
  overdue: boolean;
  openedAt: string;
  stageEnteredAt: string;
  updatedAt: string;
  bankAccount: BankAccount;
  /** The person as this enrolment knows them: at application, then as life events changed them. */
  person: PersonFacts;
  initialGrade: DisabilityGrade | null;
  gradeChanges: GradeChange[];
  categoryChanges: { on: Day; category: AssistanceCategory }[];
  townReview: ReviewRecord | null;
  cdpfReview: ReviewRecord | null;
  decision: DecisionRecord | null;
  noticeEndsAt: string | null;
  objections: { reason: string; by: string; at: string }[];
  /** Set when the public notice ended: the month the subsidy is owed from (the application's). */
  activeFrom: Month | null;
  suspensions: SuspensionRecord[];
  termination: TerminationRecord | null;
  rejection: ClosureRecord | null;
  withdrawal: ClosureRecord | null;
  recovery: RecoveryRecord | null;
  /** What each month has been found overpaid by so far, so that a later finding adds only what is new. */
  overpaidMonths: Record<Month, number>;
  /** The seq of the last event folded in. */
  seq: number;
  /** Fingerprint (canonical JSON) of each action's body, once applied: tells a replay from a conflict. */
  applied: Record<string, string>;
  /** How many times each stage was entered: a repeatable action (a decision after an objection) is keyed by it. */
  stageEntries: Partial<Record<EnrolmentStage, number>>;
  /** How many times a recovery was opened: a waiver is keyed by it. */
  recoveryOpenings: number;
}

/** The application's own key: a repeated application is told from a different one by it. */
export const APPLICATION_KEY = 'apply';

export function actionFingerprint(body: unknown): string {
  return canonicalJson(body);
}

function enterStage(state: EnrolmentState, stage: EnrolmentStage, at: string): EnrolmentState {
  return { ...state, stage, stageEnteredAt: at, overdue: false, stageEntries: { ...state.stageEntries, [stage]: (state.stageEntries[stage] ?? 0) + 1 } };
}

function remember(state: EnrolmentState, idempotency: ActionIdempotency | undefined): EnrolmentState {
  return idempotency === undefined ? state : { ...state, applied: { ...state.applied, [idempotency.key]: idempotency.fingerprint } };
}

/**
 * Folds one event. The first event of an action carries the action's idempotency key and its
 * body's fingerprint, so that a repeat of the same action is recognised later.
 */
export function evolve(state: EnrolmentState | undefined, event: EnrolmentEvent): EnrolmentState {
  if (event.type === 'EnrolmentApplied') {
    if (state) throw new Error('EnrolmentApplied on an enrolment that already exists');
    const { input, person } = event.data;
    const at = event.occurredAt;
    return {
      enrolmentId: input.enrolmentId,
      program: input.program,
      personId: input.personId,
      appliedOn: input.appliedOn,
      stage: 'TOWN_REVIEW',
      overdue: false,
      openedAt: at,
      stageEnteredAt: at,
      updatedAt: at,
      bankAccount: { ...input.bankAccount },
      person,
      initialGrade: disabilityGrade(person),
      gradeChanges: [],
      categoryChanges: [],
      townReview: null,
      cdpfReview: null,
      decision: null,
      noticeEndsAt: null,
      objections: [],
      activeFrom: null,
      suspensions: [],
      termination: null,
      rejection: null,
      withdrawal: null,
      recovery: null,
      overpaidMonths: {},
      seq: event.seq,
      applied: { [APPLICATION_KEY]: actionFingerprint(input) },
      stageEntries: { TOWN_REVIEW: 1 },
      recoveryOpenings: 0,
    };
  }
  if (!state) throw new Error(`${event.type} before EnrolmentApplied`);
  if (event.seq !== state.seq + 1) throw new Error(`event seq ${event.seq} does not follow ${state.seq}`);
  const next = remember(applyEvent(state, event), event.idempotency);
  return { ...next, seq: event.seq, updatedAt: event.occurredAt };
}

function applyEvent(state: EnrolmentState, event: EnrolmentEvent): EnrolmentState {
  const at = event.occurredAt;
  const by = event.actor.sub;
  switch (event.type) {
    case 'EnrolmentApplied':
      throw new Error('unreachable');
    case 'TownReviewed':
    case 'CdpfReviewed': {
      const d = event.data;
      const record: ReviewRecord = { approved: d.approved, reason: d.reason ?? null, reviewedBy: d.reviewedBy, recordedBy: by, recordedAt: at };
      if (event.type === 'TownReviewed') return d.approved ? { ...enterStage(state, 'CDPF_REVIEW', at), townReview: record } : { ...state, townReview: record };
      return d.approved ? { ...enterStage(state, 'DECISION', at), cdpfReview: record } : { ...state, cdpfReview: record };
    }
    case 'EnrolmentDecided': {
      const d = event.data;
      const decision: DecisionRecord = { approved: d.approved, monthlyFen: d.monthlyFen, policyVersion: d.policyVersion, reasons: [...d.reasons], reason: d.reason ?? null, decidedBy: by, decidedAt: at };
      return d.approved ? { ...enterStage(state, 'PUBLIC_NOTICE', at), decision } : { ...state, decision };
    }
    case 'NoticeStarted':
      return { ...state, noticeEndsAt: event.data.endsAt };
    case 'ObjectionRaised':
      return { ...enterStage(state, 'DECISION', at), noticeEndsAt: null, objections: [...state.objections, { reason: event.data.reason, by, at }] };
    case 'EnrolmentActivated':
      return { ...enterStage(state, 'ACTIVE', at), activeFrom: event.data.activeFrom };
    case 'EnrolmentRejected':
      return { ...enterStage(state, 'REJECTED', at), rejection: { reason: event.data.reason, by, at } };
    case 'EnrolmentWithdrawn':
      return { ...enterStage(state, 'WITHDRAWN', at), withdrawal: { reason: event.data.reason, by, at } };
    case 'EnrolmentSuspended':
      return {
        ...enterStage(state, 'SUSPENDED', at),
        suspensions: [...state.suspensions, { fromMonth: event.data.fromMonth, reason: event.data.reason, reinstatedIn: null, backPay: false }],
      };
    case 'EnrolmentReinstated': {
      const { month, backPay } = event.data;
      const suspensions = state.suspensions.map((suspension) => (suspension.reinstatedIn === null ? { ...suspension, reinstatedIn: month, backPay } : suspension));
      return { ...enterStage(state, 'ACTIVE', at), suspensions };
    }
    case 'LifeEventApplied':
      return applyLifeEvent(state, event.data.input);
    case 'EnrolmentTerminated': {
      const { on, reason } = event.data;
      return { ...enterStage(state, 'TERMINATED', at), termination: { on, reason, terminatedAfter: monthOfDay(on) } };
    }
    case 'BankAccountChanged':
      return { ...state, bankAccount: { ...event.data } };
    case 'OverpaymentFound': {
      const overpaidMonths = { ...state.overpaidMonths };
      for (const month of event.data.months) overpaidMonths[month.month] = (overpaidMonths[month.month] ?? 0) + month.overpaidFen;
      const open = state.recovery?.status === 'OPEN';
      const recovery: RecoveryRecord = state.recovery
        ? { ...state.recovery, owedFen: state.recovery.owedFen + event.data.totalFen, status: 'OPEN' }
        : { owedFen: event.data.totalFen, recoveredFen: 0, waivedFen: 0, status: 'OPEN' };
      return { ...state, overpaidMonths, recovery, recoveryOpenings: state.recoveryOpenings + (open ? 0 : 1) };
    }
    case 'RepaymentRecorded':
      return { ...state, recovery: { ...requireRecovery(state), recoveredFen: requireRecovery(state).recoveredFen + event.data.amountFen } };
    case 'RecoveryWaived':
      return { ...state, recovery: { ...requireRecovery(state), waivedFen: requireRecovery(state).waivedFen + event.data.amountFen } };
    case 'RecoveryClosed':
      return { ...state, recovery: { ...requireRecovery(state), status: 'CLOSED' } };
    case 'StageOverdue':
      return event.data.stage === state.stage ? { ...state, overdue: true } : state;
  }
}

function requireRecovery(state: EnrolmentState): RecoveryRecord {
  if (!state.recovery) throw new Error('a recovery event before any overpayment');
  return state.recovery;
}

/** The person's facts after a life event, and the grade and category history it extends. */
function applyLifeEvent(state: EnrolmentState, input: EnrolmentLifeEvent): EnrolmentState {
  switch (input.type) {
    case 'DIED':
      return { ...state, person: { ...state.person, status: 'DECEASED', statusSince: input.on } };
    case 'MOVED_OUT':
      return { ...state, person: { ...state.person, status: 'MOVED_OUT', statusSince: input.on } };
    case 'DISABILITY_CHANGED': {
      const person = { ...state.person, disability: input.disability ?? null };
      return { ...state, person, gradeChanges: [...state.gradeChanges, { on: input.on, grade: disabilityGrade(person) }] };
    }
    case 'ASSISTANCE_CHANGED': {
      const category = input.assistanceCategory ?? state.person.assistanceCategory;
      return { ...state, person: { ...state.person, assistanceCategory: category }, categoryChanges: [...state.categoryChanges, { on: input.on, category }] };
    }
  }
}

/** Folds an enrolment's events, in order, into its state. */
export function replayEnrolmentEvents(events: readonly EnrolmentEvent[]): EnrolmentState | undefined {
  return events.reduce<EnrolmentState | undefined>(evolve, undefined);
}

/** What the entitlement rules read of an enrolment. */
export function entitlementFacts(state: EnrolmentState): EntitlementFacts {
  return {
    program: state.program,
    appliedOn: state.appliedOn,
    initialGrade: state.initialGrade,
    gradeChanges: state.gradeChanges,
    suspensions: state.suspensions,
    termination: state.termination ? { on: state.termination.on } : null,
  };
}

/** The enrolment's entitled months through `through`; none until the public notice has ended. */
export function enrolmentEntitlement(state: EnrolmentState, policy: SubsidyPolicy, through: Month): EntitledMonth[] {
  if (state.activeFrom === null) return [];
  return entitledMonths(entitlementFacts(state), policy, through);
}

/** The state after `events`, as `evolve` will fold them: to look ahead at what an action leads to. */
export function foldNew(state: EnrolmentState, events: readonly NewEnrolmentEvent[]): EnrolmentState {
  return events.reduce((current, event) => evolve(current, { ...event, seq: current.seq + 1 }), state);
}
