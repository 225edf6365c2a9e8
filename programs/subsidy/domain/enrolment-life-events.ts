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
 * - Months already paid that are no longer owed afterwards are an overpayment, recorded at once.
 */
import { ENDING_LIFE_EVENTS } from '../../../domain/life-events';
import type { DecisionContext, EnrolmentDecision } from './enrolment-commands';
import { eligibility } from './eligibility';
import { enrolmentEntitlement, foldNew, type EnrolmentState } from './enrolment-state';
import type { ActionIdempotency, LifeEventOutcome, NewEnrolmentEvent } from './events';
import { compareMonths, monthOfDay, nextMonth, type Month } from './month';
import { findOverpayment, lastPaidMonth, type PaidMonth } from './overpayment';
import type { EnrolmentLifeEvent } from './person-facts';
import { BEFORE_ACTIVE_STAGES, isOneOf } from './stages';

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
