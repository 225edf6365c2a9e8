/**
 * The `enrolments` read model: one row per enrolment, the state `evolve` folded from its events,
 * with the columns the lists filter on. The bank account is kept in its own column only, sealed,
 * as are the fingerprints in the state (sealed-enrolment.ts).
 */
import { sql } from 'kysely';
import type { BankAccount, EnrolmentStage, EnrolmentState, SubsidyProgram, TerminationReason } from '../domain/index';
import { TERMINAL_ENROLMENT_STAGES } from '../domain/index';
import type { Executor } from './executor';
import { openBankAccount, openEnrolmentState, sealEnrolmentState } from './sealed-enrolment';

/** The partial unique index that allows one open enrolment per person and program. */
export const ONE_OPEN_ENROLMENT_INDEX = 'enrolments_one_open_per_person';

/** A second open enrolment of the same person in the same program was refused by the database. */
export function isDuplicateEnrolmentError(error: unknown): boolean {
  const pgError = error as { code?: unknown; constraint?: unknown } | null;
  return pgError?.code === '23505' && pgError.constraint === ONE_OPEN_ENROLMENT_INDEX;
}

/** The state as stored, the bank account put back from its column; undefined for an unknown enrolment. */
export async function readEnrolmentState(db: Executor, enrolmentId: string, options: { forUpdate?: boolean } = {}): Promise<EnrolmentState | undefined> {
  let query = db.selectFrom('enrolments').select(['state', 'bank_account']).where('enrolment_id', '=', enrolmentId);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? openEnrolmentState(row.state, row.bank_account) : undefined;
}

/** Several enrolments' states by id, their rows locked when `forUpdate` (in id order: two such reads never wait on each other crosswise). */
export async function readEnrolmentStates(db: Executor, enrolmentIds: readonly string[], options: { forUpdate?: boolean } = {}): Promise<Map<string, EnrolmentState>> {
  if (enrolmentIds.length === 0) return new Map();
  let query = db
    .selectFrom('enrolments')
    .select(['enrolment_id', 'state', 'bank_account'])
    .where('enrolment_id', '=', sql<string>`any(${[...enrolmentIds]}::text[])`)
    .orderBy('enrolment_id');
  if (options.forUpdate) query = query.forUpdate();
  const rows = await query.execute();
  return new Map(rows.map((row) => [row.enrolment_id, openEnrolmentState(row.state, row.bank_account)]));
}

function rowOf(state: EnrolmentState, town: string) {
  return {
    program: state.program,
    person_id: state.personId,
    town,
    stage: state.stage,
    overdue: state.overdue,
    applied_on: state.appliedOn,
    opened_at: state.openedAt,
    stage_entered_at: state.stageEnteredAt,
    updated_at: state.updatedAt,
    last_seq: state.seq,
    ...sealEnrolmentState(state),
  };
}

export async function upsertEnrolmentRow(db: Executor, state: EnrolmentState, town: string): Promise<void> {
  const row = rowOf(state, town);
  await db
    .insertInto('enrolments')
    .values({ enrolment_id: state.enrolmentId, ...row })
    .onConflict((oc) => oc.column('enrolment_id').doUpdateSet(row))
    .execute();
}

/**
 * New enrolment rows in multi-row INSERTs, sealed as `upsertEnrolmentRow` seals them: for loading a
 * program of a district's size at once (the benchmark's payroll of 20,000 lines). An enrolment id
 * already there fails the whole chunk.
 */
export async function insertEnrolmentRowsInBulk(db: Executor, rows: readonly { state: EnrolmentState; town: string }[], chunkSize = 1000): Promise<void> {
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    await db
      .insertInto('enrolments')
      .values(chunk.map(({ state, town }) => ({ enrolment_id: state.enrolmentId, ...rowOf(state, town) })))
      .execute();
  }
}

export async function townOfEnrolment(db: Executor, enrolmentId: string): Promise<string | undefined> {
  const row = await db.selectFrom('enrolments').select('town').where('enrolment_id', '=', enrolmentId).executeTakeFirst();
  return row?.town;
}

export async function deleteEnrolmentRow(db: Executor, enrolmentId: string): Promise<void> {
  await db.deleteFrom('enrolments').where('enrolment_id', '=', enrolmentId).execute();
}

export interface EnrolmentFilter {
  program?: SubsidyProgram;
  stage?: EnrolmentStage;
  town?: string;
  overdue?: boolean;
  personId?: string;
}

export interface EnrolmentListRow {
  enrolmentId: string;
  program: SubsidyProgram;
  personId: string;
  town: string;
  stage: EnrolmentStage;
  overdue: boolean;
  appliedOn: string;
  stageEnteredAt: string;
  updatedAt: string;
}

/** One page of enrolments in id order, after `afterId` (the cursor). */
export async function listEnrolments(db: Executor, filter: EnrolmentFilter, limit: number, afterId?: string): Promise<EnrolmentListRow[]> {
  let query = db.selectFrom('enrolments').select(['enrolment_id', 'program', 'person_id', 'town', 'stage', 'overdue', 'applied_on', 'stage_entered_at', 'updated_at']);
  if (filter.program) query = query.where('program', '=', filter.program);
  if (filter.stage) query = query.where('stage', '=', filter.stage);
  if (filter.town) query = query.where('town', '=', filter.town);
  if (filter.overdue !== undefined) query = query.where('overdue', '=', filter.overdue);
  if (filter.personId) query = query.where('person_id', '=', filter.personId);
  if (afterId !== undefined) query = query.where('enrolment_id', '>', afterId);
  const rows = await query.orderBy('enrolment_id').limit(limit).execute();
  return rows.map((row) => ({
    enrolmentId: row.enrolment_id,
    program: row.program as SubsidyProgram,
    personId: row.person_id,
    town: row.town,
    stage: row.stage as EnrolmentStage,
    overdue: row.overdue,
    appliedOn: row.applied_on,
    stageEnteredAt: row.stage_entered_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  }));
}

/** The person's enrolments that are not closed: a life event of the person goes to each. */
export async function openEnrolmentsOfPerson(db: Executor, personId: string): Promise<{ enrolmentId: string; program: SubsidyProgram; stage: EnrolmentStage }[]> {
  const rows = await db
    .selectFrom('enrolments')
    .select(['enrolment_id', 'program', 'stage'])
    .where('person_id', '=', personId)
    .where('stage', 'not in', [...TERMINAL_ENROLMENT_STAGES])
    .orderBy('enrolment_id')
    .execute();
  return rows.map((row) => ({ enrolmentId: row.enrolment_id, program: row.program as SubsidyProgram, stage: row.stage as EnrolmentStage }));
}

/** The program's enrolments past their stage's service-level time, longest waiting first. */
export async function overdueEnrolments(db: Executor, program: SubsidyProgram, limit: number): Promise<{ enrolmentId: string; stage: EnrolmentStage; stageEnteredAt: string; town: string }[]> {
  const rows = await db
    .selectFrom('enrolments')
    .select(['enrolment_id', 'stage', 'stage_entered_at', 'town'])
    .where('program', '=', program)
    .where('overdue', '=', true)
    .orderBy('stage_entered_at')
    .limit(limit)
    .execute();
  return rows.map((row) => ({ enrolmentId: row.enrolment_id, stage: row.stage as EnrolmentStage, stageEnteredAt: row.stage_entered_at.toISOString(), town: row.town }));
}

/** Every enrolment of the person in the program, with what the payroll has paid for it. */
export async function enrolmentsOfPerson(
  db: Executor,
  personId: string,
  program: SubsidyProgram,
): Promise<{ enrolmentId: string; stage: EnrolmentStage; openedAt: string; stageEnteredAt: string; paidFen: number }[]> {
  const rows = await db
    .selectFrom('enrolments as e')
    .leftJoin('enrolment_months as m', (join) => join.onRef('m.enrolment_id', '=', 'e.enrolment_id').on('m.status', '=', 'PAID'))
    .select(['e.enrolment_id', 'e.stage', 'e.opened_at', 'e.stage_entered_at'])
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('m.amount_fen'), eb.lit(0)).as('paid_fen'))
    .where('e.person_id', '=', personId)
    .where('e.program', '=', program)
    .groupBy(['e.enrolment_id', 'e.stage', 'e.opened_at', 'e.stage_entered_at'])
    .execute();
  return rows.map((row) => ({
    enrolmentId: row.enrolment_id,
    stage: row.stage as EnrolmentStage,
    openedAt: row.opened_at.toISOString(),
    stageEnteredAt: row.stage_entered_at.toISOString(),
    paidFen: Number(row.paid_fen),
  }));
}

/** The enrolments of the program that have been granted (their months may be owed): a payroll looks at each. */
export async function grantedEnrolmentIds(db: Executor, program: SubsidyProgram): Promise<string[]> {
  const rows = await db.selectFrom('enrolments').select('enrolment_id').where('program', '=', program).where('stage', 'in', ['ACTIVE', 'SUSPENDED', 'TERMINATED']).orderBy('enrolment_id').execute();
  return rows.map((row) => row.enrolment_id);
}

/** Of `enrolmentIds`, those that have ended (rejected, withdrawn or terminated). */
export async function endedEnrolmentIds(db: Executor, enrolmentIds: readonly string[]): Promise<string[]> {
  if (enrolmentIds.length === 0) return [];
  const rows = await db.selectFrom('enrolments').select('enrolment_id').where('enrolment_id', 'in', [...enrolmentIds]).where('stage', 'in', [...TERMINAL_ENROLMENT_STAGES]).orderBy('enrolment_id').execute();
  return rows.map((row) => row.enrolment_id);
}

/**
 * Why each of these enrolments ended (null while it has not), read in one statement per chunk
 * from the state's termination, which is not sealed: the check at approval needs nothing else of
 * the state. An unknown enrolment is not in the map.
 */
export async function terminationReasonsOf(db: Executor, enrolmentIds: readonly string[]): Promise<Map<string, TerminationReason | null>> {
  const reasons = new Map<string, TerminationReason | null>();
  for (let start = 0; start < enrolmentIds.length; start += 5000) {
    const rows = await db
      .selectFrom('enrolments')
      .select(['enrolment_id', sql<TerminationReason | null>`state -> 'termination' ->> 'reason'`.as('reason')])
      .where('enrolment_id', 'in', enrolmentIds.slice(start, start + 5000))
      .execute();
    for (const row of rows) reasons.set(row.enrolment_id, row.reason ?? null);
  }
  return reasons;
}

/**
 * The bank account of each enrolment, read when a batch goes to the bank: an account never
 * travels through a workflow's history.
 */
export async function bankAccountsOf(db: Executor, enrolmentIds: readonly string[]): Promise<Map<string, BankAccount>> {
  if (enrolmentIds.length === 0) return new Map();
  const rows = await db.selectFrom('enrolments').select(['enrolment_id', 'bank_account']).where('enrolment_id', 'in', [...enrolmentIds]).execute();
  return new Map(rows.map((row) => [row.enrolment_id, openBankAccount(row.bank_account)]));
}
