/**
 * The enrolment's read models — its `enrolments` row and its PAYABLE/SUSPENDED months — are a fold
 * of `enrolment_events` through the subsidy core's `evolve`, the reducer the workflow uses, so they
 * can always be rebuilt from the events (and the pinned policies) alone.
 */
import { compareMonths, enrolmentEntitlement, evolve, monthOfInstant, type EnrolmentEvent, type EnrolmentState, type Month, type SubsidyPolicy } from '../domain/index';
import { findPersonById } from '../../../store/persons';
import { listEnrolmentEvents } from './enrolment-events';
import { applyMonthChanges, clearEntitlementMonths, listEnrolmentMonths, monthChanges, monthsOfEnrolments, reopenReturnedMonths, type EnrolmentMonth, type MonthChanges } from './enrolment-months';
import { readEnrolmentState, readEnrolmentStates, townOfEnrolment, upsertEnrolmentRow } from './enrolments';
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

async function syncMonths(trx: Executor, state: EnrolmentState, through: Month): Promise<void> {
  const changes = await monthsOwed(trx, state, await listEnrolmentMonths(trx, state.enrolmentId), through, new Map());
  if (changes) await applyMonthChanges(trx, [changes]);
}

/**
 * The changes that make an enrolment's months those owed through `through` (or as far as the table
 * already reaches), with the policy the decision pinned; none before the public notice has ended.
 * `policies` keeps the pinned policies read so far, by version.
 */
async function monthsOwed(trx: Executor, state: EnrolmentState, existing: readonly EnrolmentMonth[], through: Month, policies: Map<string, SubsidyPolicy>): Promise<MonthChanges | undefined> {
  if (state.activeFrom === null || state.decision === null) return undefined;
  const version = state.decision.policyVersion;
  const policy = policies.get(version) ?? (await subsidyPolicyByVersion(trx, version));
  if (!policy) throw new Error(`policy ${version}, pinned by enrolment ${state.enrolmentId}'s decision, is not stored`);
  policies.set(version, policy);
  const listed = existing.at(-1)?.month;
  const until = listed !== undefined && compareMonths(listed, through) > 0 ? listed : through;
  return monthChanges(state.enrolmentId, state.program, existing, enrolmentEntitlement(state, policy, until));
}

/**
 * Adds the months owed up to `through` (a new month has begun) to these enrolments: the payroll
 * calls this before it runs, for the enrolments whose months do not reach it yet, which in a new
 * month is nearly all of them. Their rows are locked and read, their months read and written, a
 * few statements for the lot rather than a few for each.
 */
export async function syncEnrolmentMonthsThrough(trx: Executor, enrolmentIds: readonly string[], through: Month): Promise<void> {
  const states = await readEnrolmentStates(trx, enrolmentIds, { forUpdate: true });
  const months = await monthsOfEnrolments(trx, [...states.keys()]);
  const policies = new Map<string, SubsidyPolicy>();
  const changes: MonthChanges[] = [];
  for (const state of states.values()) {
    const owed = await monthsOwed(trx, state, months.get(state.enrolmentId) ?? [], through, policies);
    if (owed) changes.push(owed);
  }
  await applyMonthChanges(trx, changes);
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
