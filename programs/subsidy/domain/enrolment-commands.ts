/**
 * What a person's action does to an enrolment, decided purely from its state and the policy:
 * the events it produces, a replay of an action already applied, or a refusal the API can show.
 */
import type { CaseLifeEventInput } from '../../../domain/life-events';
import { forbiddenReason, type EnrolmentActionKind, type SubsidyActor } from './actor';
import { eligibility, type IneligibilityReason } from './eligibility';
import { actionFingerprint, APPLICATION_KEY, type EnrolmentState } from './enrolment-state';
import type { NewEnrolmentEvent } from './events';
import type { ApplyInput, BankAccount, DecisionInput, ReasonInput, ReinstateInput, RepaymentInput, ReviewInput, SuspendInput } from './inputs';
import { decideLifeEvent, decidePaidMonthsSettled } from './enrolment-life-events';
import { compareMonths, isMonth, monthOfDay, monthOfInstant } from './month';
import type { PaidMonth } from './overpayment';
import { disabilityGrade, enrolmentLifeEvent, type PersonFacts, type PersonStatus } from './person-facts';
import type { SubsidyPolicy } from './policy.schema';
import { BEFORE_ACTIVE_STAGES, ENROLMENT_STAGES, TERMINAL_ENROLMENT_STAGES, type EnrolmentStage } from './stages';
import { monthlyAmountFen } from './standards';

export type EnrolmentCommand =
  | { action: 'apply'; input: ApplyInput; person: PersonFacts }
  | { action: 'town-review'; input: ReviewInput }
  | { action: 'cdpf-review'; input: ReviewInput }
  /** `noticeMs` overrides the policy's notice days (for tests and demos). */
  | { action: 'decision'; input: DecisionInput; noticeMs?: number }
  | { action: 'objection'; input: ReasonInput }
  | { action: 'activate' }
  | { action: 'withdraw'; input: ReasonInput }
  | { action: 'suspend'; input: SuspendInput }
  | { action: 'reinstate'; input: ReinstateInput }
  | { action: 'bank-account'; input: BankAccount }
  /** `paidMonths`: what the ledger has paid this enrolment, to find what is no longer owed. */
  | { action: 'life-event'; input: CaseLifeEventInput; paidMonths: readonly PaidMonth[] }
  | { action: 'repayment'; input: RepaymentInput }
  | { action: 'waive'; input: ReasonInput }
  /**
   * The months a payroll held when the enrolment ended have been answered by the bank: what was
   * paid (`paidMonths`, the whole ledger) is checked again against what is owed, and a month no
   * longer owed opens (or adds to) the recovery. Nothing new found is no change.
   */
  | { action: 'settle-paid-months'; paidMonths: readonly PaidMonth[] };

export type EnrolmentRefusal =
  | { kind: 'stage-conflict'; currentStage: EnrolmentStage; allowedStages: readonly EnrolmentStage[]; detail: string }
  | { kind: 'idempotency-conflict'; detail: string }
  | { kind: 'not-eligible'; reasons: IneligibilityReason[]; detail: string }
  | { kind: 'person-inactive'; status: PersonStatus; detail: string }
  | { kind: 'recovery-not-open'; detail: string }
  | { kind: 'unprocessable'; detail: string }
  | { kind: 'forbidden'; detail: string };

export type EnrolmentDecision = { kind: 'apply'; events: NewEnrolmentEvent[] } | { kind: 'replay' } | { kind: 'refuse'; refusal: EnrolmentRefusal };

/** The context every decision needs besides the state: who acts, under which policy, when. */
export interface DecisionContext {
  actor: SubsidyActor;
  policy: SubsidyPolicy;
  /** The instant of the action (the workflow's clock), an ISO date-time. */
  now: string;
}

/** The stages an action may be taken in. */
export const ALLOWED_STAGES: Record<Exclude<EnrolmentActionKind, 'apply' | 'repayment' | 'waive' | 'settle-paid-months'>, readonly EnrolmentStage[]> = {
  'town-review': ['TOWN_REVIEW'],
  'cdpf-review': ['CDPF_REVIEW'],
  decision: ['DECISION'],
  objection: ['PUBLIC_NOTICE'],
  activate: ['PUBLIC_NOTICE'],
  withdraw: BEFORE_ACTIVE_STAGES,
  suspend: ['ACTIVE'],
  reinstate: ['SUSPENDED'],
  'bank-account': ENROLMENT_STAGES.filter((stage) => !(TERMINAL_ENROLMENT_STAGES as readonly EnrolmentStage[]).includes(stage)),
  'life-event': ENROLMENT_STAGES.filter((stage) => !(TERMINAL_ENROLMENT_STAGES as readonly EnrolmentStage[]).includes(stage)),
};

/**
 * The idempotency key of an action on this state. Actions that can happen again (a decision after
 * an objection, a second suspension) are keyed by how often their stage has been entered, so a
 * retry of the last one is a replay and the next round is a new action.
 */
export function idempotencyKey(state: EnrolmentState, command: EnrolmentCommand): string | undefined {
  const round = (stage: EnrolmentStage) => state.stageEntries[stage] ?? 0;
  switch (command.action) {
    case 'apply':
    case 'bank-account':
    case 'settle-paid-months':
      return undefined;
    case 'town-review':
    case 'cdpf-review':
    case 'withdraw':
      return command.action;
    case 'decision':
      return `decision:${round('DECISION')}`;
    case 'objection':
      return `objection:${round('PUBLIC_NOTICE')}`;
    case 'activate':
      return `activate:${round('PUBLIC_NOTICE')}`;
    case 'suspend':
      return `suspend:${round('ACTIVE')}`;
    case 'reinstate':
      return `reinstate:${round('SUSPENDED')}`;
    case 'life-event':
      return `life-event:${command.input.eventId}`;
    case 'repayment':
      return `repayment:${command.input.reference}`;
    case 'waive':
      return `waive:${state.recoveryOpenings}`;
  }
}

/** What an action's fingerprint is taken of: its body, as the enrolment keeps it. */
function commandBody(command: EnrolmentCommand): unknown {
  if (command.action === 'life-event') return enrolmentLifeEvent(command.input);
  return 'input' in command ? command.input : {};
}

/** `now` is the instant of the action (the workflow's clock), an ISO date-time. */
export function decide(state: EnrolmentState | undefined, command: EnrolmentCommand, actor: SubsidyActor, policy: SubsidyPolicy, now: string): EnrolmentDecision {
  const context: DecisionContext = { actor, policy, now };
  const forbidden = forbiddenReason(command.action, actor);
  if (forbidden) return refuse({ kind: 'forbidden', detail: forbidden });

  if (command.action === 'apply') return decideApplication(state, command, context);
  if (!state) throw new Error(`${command.action} on an enrolment that does not exist`);

  const key = idempotencyKey(state, command);
  const fingerprint = actionFingerprint(commandBody(command));
  if (key !== undefined) {
    const previous = state.applied[key];
    if (previous !== undefined) {
      return previous === fingerprint
        ? { kind: 'replay' }
        : refuse({ kind: 'idempotency-conflict', detail: `${command.action} was already applied to this enrolment with a different body` });
    }
  }
  if (command.action === 'settle-paid-months') {
    if (!(TERMINAL_ENROLMENT_STAGES as readonly EnrolmentStage[]).includes(state.stage)) {
      return refuse({ kind: 'stage-conflict', currentStage: state.stage, allowedStages: TERMINAL_ENROLMENT_STAGES, detail: `settle-paid-months is for an enrolment that has ended; this one is ${state.stage}` });
    }
    return decidePaidMonthsSettled(state, command.paidMonths, context);
  }
  if (command.action !== 'repayment' && command.action !== 'waive') {
    const allowed = ALLOWED_STAGES[command.action];
    if (!allowed.includes(state.stage)) {
      return refuse({ kind: 'stage-conflict', currentStage: state.stage, allowedStages: allowed, detail: `${command.action} needs stage ${allowed.join(' or ')}; the enrolment is in ${state.stage}` });
    }
  }
  const idempotency = key === undefined ? undefined : { key, fingerprint };
  const events = (...list: Omit<NewEnrolmentEvent, 'occurredAt' | 'actor'>[]): EnrolmentDecision => ({
    kind: 'apply',
    events: list.map((event, i) => ({ ...event, occurredAt: now, actor, ...(i === 0 && idempotency ? { idempotency } : {}) }) as NewEnrolmentEvent),
  });

  switch (command.action) {
    case 'town-review':
    case 'cdpf-review': {
      const type = command.action === 'town-review' ? 'TownReviewed' : 'CdpfReviewed';
      if (command.input.approved) return events({ type, data: command.input });
      return events({ type, data: command.input }, { type: 'EnrolmentRejected', data: { at: command.action === 'town-review' ? 'TOWN_REVIEW' : 'CDPF_REVIEW', reason: command.input.reason ?? null } });
    }
    case 'decision': {
      const month = monthOfInstant(now);
      const verdict = eligibility(state.person, state.program, policy, month);
      if (command.input.approved && !verdict.eligible) {
        return refuse({ kind: 'not-eligible', reasons: verdict.reasons, detail: `the policy (${policy.version}) does not make this person eligible: ${verdict.reasons.join(', ')}` });
      }
      const decided = {
        type: 'EnrolmentDecided' as const,
        data: { ...command.input, monthlyFen: monthlyAmountFen(policy, state.program, month, disabilityGrade(state.person)) ?? 0, policyVersion: policy.version, reasons: verdict.reasons },
      };
      if (!command.input.approved) return events(decided, { type: 'EnrolmentRejected', data: { at: 'DECISION', reason: command.input.reason ?? null } });
      const noticeMs = command.noticeMs ?? policy.noticeDays * 24 * 60 * 60 * 1000;
      const endsAt = new Date(Date.parse(now) + noticeMs).toISOString();
      return events(decided, { type: 'NoticeStarted', data: { noticeDays: policy.noticeDays, endsAt } });
    }
    case 'objection':
      return events({ type: 'ObjectionRaised', data: command.input });
    case 'activate':
      return events({ type: 'EnrolmentActivated', data: { activeFrom: monthOfDay(state.appliedOn) } });
    case 'withdraw':
      return events({ type: 'EnrolmentWithdrawn', data: { reason: command.input.reason } });
    case 'suspend': {
      const { fromMonth } = command.input;
      if (!isMonth(fromMonth)) return refuse({ kind: 'unprocessable', detail: 'fromMonth must be a month, YYYY-MM' });
      if (compareMonths(fromMonth, monthOfDay(state.appliedOn)) < 0) {
        return refuse({ kind: 'unprocessable', detail: `fromMonth ${fromMonth} is before the month of the application (${monthOfDay(state.appliedOn)})` });
      }
      return events({ type: 'EnrolmentSuspended', data: command.input });
    }
    case 'reinstate':
      return events({ type: 'EnrolmentReinstated', data: { ...command.input, month: monthOfInstant(now) } });
    case 'bank-account':
      if (actionFingerprint(state.bankAccount) === actionFingerprint(command.input)) return { kind: 'replay' };
      return events({ type: 'BankAccountChanged', data: command.input });
    case 'life-event':
      return decideLifeEvent(state, enrolmentLifeEvent(command.input), command.paidMonths, context, idempotency);
    case 'repayment': {
      const recovery = state.recovery;
      if (recovery?.status !== 'OPEN') return refuse({ kind: 'recovery-not-open', detail: 'no recovery is open on this enrolment' });
      const outstanding = recovery.owedFen - recovery.recoveredFen - recovery.waivedFen;
      const { amountFen } = command.input;
      if (!Number.isSafeInteger(amountFen) || amountFen <= 0) return refuse({ kind: 'unprocessable', detail: 'amountFen must be a positive whole number of fen' });
      if (amountFen > outstanding) return refuse({ kind: 'unprocessable', detail: `amountFen ${amountFen} is more than the ${outstanding} fen still owed` });
      const repaid = { type: 'RepaymentRecorded' as const, data: command.input };
      if (amountFen < outstanding) return events(repaid);
      return events(repaid, { type: 'RecoveryClosed', data: { owedFen: recovery.owedFen, recoveredFen: recovery.recoveredFen + amountFen, waivedFen: recovery.waivedFen } });
    }
    case 'waive': {
      const recovery = state.recovery;
      if (recovery?.status !== 'OPEN') return refuse({ kind: 'recovery-not-open', detail: 'no recovery is open on this enrolment' });
      const outstanding = recovery.owedFen - recovery.recoveredFen - recovery.waivedFen;
      return events(
        { type: 'RecoveryWaived', data: { amountFen: outstanding, reason: command.input.reason } },
        { type: 'RecoveryClosed', data: { owedFen: recovery.owedFen, recoveredFen: recovery.recoveredFen, waivedFen: recovery.waivedFen + outstanding } },
      );
    }
  }
}

function decideApplication(state: EnrolmentState | undefined, command: Extract<EnrolmentCommand, { action: 'apply' }>, context: DecisionContext): EnrolmentDecision {
  if (state) {
    const same = state.applied[APPLICATION_KEY] === actionFingerprint(command.input);
    return same ? { kind: 'replay' } : refuse({ kind: 'idempotency-conflict', detail: `enrolment ${state.enrolmentId} already exists with a different body` });
  }
  if (command.person.status !== 'ACTIVE') {
    return refuse({ kind: 'person-inactive', status: command.person.status, detail: `the person is ${command.person.status}; only an active person may apply` });
  }
  return { kind: 'apply', events: [{ type: 'EnrolmentApplied', occurredAt: context.now, actor: context.actor, data: { input: command.input, person: command.person } }] };
}

function refuse(refusal: EnrolmentRefusal): EnrolmentDecision {
  return { kind: 'refuse', refusal };
}
