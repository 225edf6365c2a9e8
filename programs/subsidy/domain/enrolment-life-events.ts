/**
 * What a life event of the person does to a subsidy enrolment.
 *
 * - Before the subsidy is paid (`TOWN_REVIEW` to `PUBLIC_NOTICE`): a death or a move out of the
 *   district withdraws the application, with that reason; other changes are only recorded, and
 *   the decision reads them.
 * - While it is paid (`ACTIVE`, `SUSPENDED`): a death or a move terminates it from the event's
 *   month (that month is still owed). A change of disability or category is checked against the
 *   policy for the months after the event: no longer eligible terminates it the same way (reason
 *   `NO_LONGER_ELIGIBLE`); otherwise the new amount applies from the next month.
 * - Months already paid that are no longer owed afterwards are an overpayment, recorded at once;
 *   months a payroll still held then are checked again once the bank has paid them.
 */
import { ENDING_LIFE_EVENTS } from '../../../domain/life-event-types';
import type { DecisionContext, EnrolmentDecision } from './enrolment-commands';
import { eligibility } from './eligibility';
import { enrolmentEntitlement, foldNew, replayEnrolmentEvents, type EnrolmentState } from './enrolment-state';
import type { ActionIdempotency, EnrolmentEvent, LifeEventOutcome, NewEnrolmentEvent } from './events';
import { compareMonths, monthOfDay, nextMonth, type Month } from './month';
import { findOverpayment, lastPaidMonth, type PaidMonth } from './overpayment';
import type { EnrolmentLifeEvent } from './person-facts';
import { BEFORE_ACTIVE_STAGES, isOneOf, type EnrolmentStage } from './stages';

type EventBody = Omit<NewEnrolmentEvent, 'occurredAt' | 'actor' | 'idempotency'>;

export function decideLifeEvent(
  state: EnrolmentState,
  input: EnrolmentLifeEvent,
  paidMonths: readonly PaidMonth[],
  context: DecisionContext,
  idempotency: ActionIdempotency | undefined,
): EnrolmentDecision {
  const ending = ENDING_LIFE_EVENTS.includes(input.type);
  const consequences: EventBody[] = [];
  let outcome: LifeEventOutcome = 'RECORDED';
  if (isOneOf(state.stage, BEFORE_ACTIVE_STAGES)) {
    if (ending) {
      outcome = 'WITHDRAWN';
      consequences.push({ type: 'EnrolmentWithdrawn', data: { reason: input.type } });
    }
  } else if (ending) {
    outcome = 'TERMINATED';
    consequences.push({ type: 'EnrolmentTerminated', data: { on: input.on, reason: input.type as 'DIED' | 'MOVED_OUT', reasons: [] } });
  } else {
    const recorded = foldNew(state, [stamp({ type: 'LifeEventApplied', data: { input, outcome: 'RECORDED' } }, context)]);
    const verdict = eligibility(recorded.person, state.program, context.policy, nextMonth(monthOfDay(input.on)));
    if (verdict.eligible) {
      outcome = 'AMOUNT_CHANGED';
    } else {
      outcome = 'TERMINATED';
      consequences.push({ type: 'EnrolmentTerminated', data: { on: input.on, reason: 'NO_LONGER_ELIGIBLE', reasons: verdict.reasons } });
    }
  }
  const list: EventBody[] = [{ type: 'LifeEventApplied', data: { input, outcome } }, ...consequences];
  const overpaid = newOverpayment(foldNew(state, list.map((event) => stamp(event, context))), paidMonths, context);
  if (overpaid) list.push(overpaid);
  return { kind: 'apply', events: list.map((event, i) => stamp(event, context, i === 0 ? idempotency : undefined)) };
}

function stamp(event: EventBody, context: DecisionContext, idempotency?: ActionIdempotency): NewEnrolmentEvent {
  return { ...event, occurredAt: context.now, actor: context.actor, ...(idempotency ? { idempotency } : {}) } as NewEnrolmentEvent;
}

/**
 * A month a payroll held when the enrolment ended (approved before a death was reported, paid by
 * the bank after it) is overpaid once paid: checked again when the payroll has answered, with the
 * ledger as it is then. Months already found overpaid are not counted twice.
 */
export function decidePaidMonthsSettled(state: EnrolmentState, paidMonths: readonly PaidMonth[], context: DecisionContext): EnrolmentDecision {
  const overpaid = newOverpayment(state, paidMonths, context);
  return { kind: 'apply', events: overpaid ? [stamp(overpaid, context)] : [] };
}

/** What is overpaid after the change, less what earlier findings already recorded for the same months. */
function newOverpayment(after: EnrolmentState, paidMonths: readonly PaidMonth[], context: DecisionContext): EventBody | undefined {
  const through: Month | undefined = lastPaidMonth(paidMonths);
  if (through === undefined) return undefined;
  const found = findOverpayment(paidMonths, enrolmentEntitlement(after, context.policy, through));
  const months = found.months
    .map((month) => ({ ...month, overpaidFen: month.overpaidFen - (after.overpaidMonths[month.month] ?? 0) }))
    .filter((month) => month.overpaidFen > 0)
    .sort((a, b) => compareMonths(a.month, b.month));
  if (months.length === 0) return undefined;
  return { type: 'OverpaymentFound', data: { months, totalFen: months.reduce((sum, month) => sum + month.overpaidFen, 0) } };
}

/** What a life event did to an enrolment, as the life-event answer lists it. */
export interface LifeEventEffectOnRecord {
  stageBefore: EnrolmentStage;
  stageAfter: EnrolmentStage;
  overpaymentFen: number;
}

/** The events one life-event decision records after its `LifeEventApplied` (see `decideLifeEvent`). */
const CONSEQUENCES: readonly EnrolmentEvent['type'][] = ['EnrolmentWithdrawn', 'EnrolmentTerminated', 'OverpaymentFound'];

/**
 * What the life event `eventId` did to the enrolment, read from its stored events: the stage
 * before its `LifeEventApplied`, the stage after the consequences recorded with it, and the
 * overpayment they found. Undefined if the enrolment never received it. This answers a repeat of
 * the event the same as the first time, also once the enrolment is closed and its workflow gone.
 */
export function lifeEventEffectOnRecord(events: readonly EnrolmentEvent[], eventId: string): LifeEventEffectOnRecord | undefined {
  const at = events.findIndex((event) => event.type === 'LifeEventApplied' && event.data.input.eventId === eventId);
  if (at < 0) return undefined;
  const applied = events[at]!;
  let end = at + 1;
  while (end < events.length) {
    const next = events[end]!;
    if (!CONSEQUENCES.includes(next.type) || next.idempotency !== undefined || next.occurredAt !== applied.occurredAt) break;
    end++;
  }
  const before = replayEnrolmentEvents(events.slice(0, at));
  const after = replayEnrolmentEvents(events.slice(0, end));
  if (!before || !after) return undefined;
  const overpaymentFen = events.slice(at + 1, end).reduce((sum, event) => sum + (event.type === 'OverpaymentFound' ? event.data.totalFen : 0), 0);
  return { stageBefore: before.stage, stageAfter: after.stage, overpaymentFen };
}
