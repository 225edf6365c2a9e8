/**
 * The enrolment's read models — its `enrolments` row and its PAYABLE/SUSPENDED months — are a fold
 * of `enrolment_events` through the subsidy core's `evolve`, the reducer the workflow uses, so they
 * can always be rebuilt from the events (and the pinned policies) alone.
 */
import { compareMonths, enrolmentEntitlement, evolve, monthOfInstant, type EnrolmentEvent, type EnrolmentState, type Month } from '../domain/index';
import { findPersonById } from '../../../store/persons';
import { listEnrolmentEvents } from './enrolment-events';
import { clearEntitlementMonths, lastListedMonth, reopenReturnedMonths, syncEnrolmentMonths } from './enrolment-months';
import { readEnrolmentState, townOfEnrolment, upsertEnrolmentRow } from './enrolments';
import type { Executor } from './executor';
import { subsidyPolicyByVersion } from './subsidy-policies';

/** Folds `events` (consecutive, following what is projected) into the read models of one enrolment. */
export async function projectEnrolmentEvents(trx: Executor, enrolmentId: string, events: readonly EnrolmentEvent[]): Promise<EnrolmentState | undefined> {
  if (events.length === 0) return undefined;
  const current = await readEnrolmentState(trx, enrolmentId, { forUpdate: true });
  const projectedSeq = current?.seq ?? 0;
  let unseen = events.filter((event) => event.seq > projectedSeq);
  if (unseen.length === 0) return current;
  if (unseen[0]!.seq !== projectedSeq + 1) {
    // The read model is behind the events given (it was cleared, or a write was lost): catch up from the store.
    unseen = await listEnrolmentEvents(trx, enrolmentId, projectedSeq);
  }
  const state = unseen.reduce<EnrolmentState | undefined>(evolve, current)!;
  // A corrected bank account makes the months the bank returned payable again; the entitlement
  // below then keeps them only if they are still owed.
  if (unseen.some((event) => event.type === 'BankAccountChanged')) await reopenReturnedMonths(trx, enrolmentId);
  await writeReadModels(trx, state);
  return state;
}

async function writeReadModels(trx: Executor, state: EnrolmentState): Promise<void> {
  await upsertEnrolmentRow(trx, state, (await townOfEnrolment(trx, state.enrolmentId)) ?? (await personTown(trx, state.personId)));
  await syncMonths(trx, state, monthOfInstant(state.updatedAt));
}

async function personTown(trx: Executor, personId: string): Promise<string> {
  const person = await findPersonById(trx, personId);
  if (!person) throw new Error(`enrolment of an unknown person ${personId}`);
  return person.town;
}

/**
 * The months owed through `through` (or as far as the table already reaches), with the policy
 * the decision pinned. Nothing is owed before the public notice has ended.
 */
async function syncMonths(trx: Executor, state: EnrolmentState, through: Month): Promise<void> {
  if (state.activeFrom === null || state.decision === null) return;
  const policy = await subsidyPolicyByVersion(trx, state.decision.policyVersion);
  if (!policy) throw new Error(`policy ${state.decision.policyVersion}, pinned by enrolment ${state.enrolmentId}'s decision, is not stored`);
  const listed = await lastListedMonth(trx, state.enrolmentId);
  const until = listed !== undefined && compareMonths(listed, through) > 0 ? listed : through;
  await syncEnrolmentMonths(trx, state.enrolmentId, state.program, enrolmentEntitlement(state, policy, until));
}

/** Adds the months owed up to `through` (a new month has begun): the payroll calls this before it runs. */
export async function syncEnrolmentMonthsThrough(trx: Executor, enrolmentId: string, through: Month): Promise<void> {
  const state = await readEnrolmentState(trx, enrolmentId, { forUpdate: true });
  if (state) await syncMonths(trx, state, through);
}

/** Refolds one enrolment from all its events, as if the read models had never been written. */
export async function rebuildEnrolment(trx: Executor, enrolmentId: string): Promise<EnrolmentState | undefined> {
  const events = await listEnrolmentEvents(trx, enrolmentId);
  const state = events.reduce<EnrolmentState | undefined>(evolve, undefined);
  if (!state) return undefined;
  // The row is overwritten rather than deleted: the payroll's months refer to it.
  await readEnrolmentState(trx, enrolmentId, { forUpdate: true });
  await clearEntitlementMonths(trx, enrolmentId);
  await writeReadModels(trx, state);
  return state;
}
