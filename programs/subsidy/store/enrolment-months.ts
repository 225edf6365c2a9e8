/**
 * The `enrolment_months` table: one row per month an enrolment is owed, never two (unique
 * program, enrolment_id, month). The projection keeps the PAYABLE and SUSPENDED rows in line
 * with the entitlement; a row the payroll took (IN_PAYROLL, PAID, RETURNED) is the payroll's.
 */
import { compareMonths, type EntitledMonth, type Month, type PaidMonth, type SubsidyProgram } from '../domain/index';
import { sql } from 'kysely';
import type { EnrolmentMonthsTable } from '../../../store/schema';
import type { Executor } from './executor';

export type EnrolmentMonthStatus = EnrolmentMonthsTable['status'];

export interface EnrolmentMonth {
  month: Month;
  amountFen: number;
  status: EnrolmentMonthStatus;
  payrollId: string | null;
}

/** The statuses the projection writes; every other belongs to the payroll. */
const ENTITLEMENT_STATUSES: readonly EnrolmentMonthStatus[] = ['PAYABLE', 'SUSPENDED'];

export async function listEnrolmentMonths(db: Executor, enrolmentId: string): Promise<EnrolmentMonth[]> {
  const rows = await db.selectFrom('enrolment_months').select(['month', 'amount_fen', 'status', 'payroll_id']).where('enrolment_id', '=', enrolmentId).orderBy('month').execute();
  return rows.map((row) => ({ month: row.month, amountFen: row.amount_fen, status: row.status, payrollId: row.payroll_id }));
}

/** What was paid for this enrolment, month by month: the overpayment check compares it with what is owed. */
export async function paidMonthsOf(db: Executor, enrolmentId: string): Promise<PaidMonth[]> {
  const rows = await db.selectFrom('enrolment_months').select(['month', 'amount_fen']).where('enrolment_id', '=', enrolmentId).where('status', '=', 'PAID').orderBy('month').execute();
  return rows.map((row) => ({ month: row.month, amountFen: row.amount_fen }));
}

/** How many of this enrolment's months a payroll holds (approved, the bank's answer not yet recorded). */
export async function heldMonthCount(db: Executor, enrolmentId: string): Promise<number> {
  const row = await db
    .selectFrom('enrolment_months')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('enrolment_id', '=', enrolmentId)
    .where('status', '=', 'IN_PAYROLL')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** What bringing one enrolment's months in line with its entitlement writes: rows to drop, add and change. */
export interface MonthChanges {
  enrolmentId: string;
  program: SubsidyProgram;
  /** PAYABLE or SUSPENDED months no longer owed. */
  stale: Month[];
  added: EntitledMonth[];
  changed: EntitledMonth[];
}

/**
 * The changes that bring the PAYABLE and SUSPENDED rows in line with `entitled`: missing months are
 * added, the amount and status of the others follow, and months no longer owed are removed. Rows of
 * the payroll (IN_PAYROLL, PAID, RETURNED) are left as they are, whatever the entitlement now says
 * (an overpaid month is the recovery's business, not this table's).
 */
export function monthChanges(enrolmentId: string, program: SubsidyProgram, existing: readonly EnrolmentMonth[], entitled: readonly EntitledMonth[]): MonthChanges {
  const byMonth = new Map(existing.map((row) => [row.month, row]));
  const owed = new Set(entitled.map((month) => month.month));
  const stale = existing.filter((row) => ENTITLEMENT_STATUSES.includes(row.status) && !owed.has(row.month)).map((row) => row.month);
  const sorted = [...entitled].sort((a, b) => compareMonths(a.month, b.month));
  const added = sorted.filter((month) => !byMonth.has(month.month));
  const changed = sorted.filter((month) => {
    const row = byMonth.get(month.month);
    return row !== undefined && ENTITLEMENT_STATUSES.includes(row.status) && (row.amountFen !== month.amountFen || row.status !== month.status);
  });
  return { enrolmentId, program, stale, added, changed };
}

/**
 * Writes the changes of one enrolment or many: the added months of all of them in one statement
 * per thousand rows (bringing a program's enrolments up to a new month adds one row each); the
 * rare drops and changes one by one. The callers hold the enrolments' rows locked.
 */
export async function applyMonthChanges(db: Executor, all: readonly MonthChanges[]): Promise<void> {
  for (const { enrolmentId, stale, changed } of all) {
    if (stale.length > 0) {
      await db.deleteFrom('enrolment_months').where('enrolment_id', '=', enrolmentId).where('month', 'in', stale).where('status', 'in', [...ENTITLEMENT_STATUSES]).execute();
    }
    for (const month of changed) {
      await db
        .updateTable('enrolment_months')
        .set({ amount_fen: month.amountFen, status: month.status, updated_at: new Date() })
        .where('enrolment_id', '=', enrolmentId)
        .where('month', '=', month.month)
        .where('status', 'in', [...ENTITLEMENT_STATUSES])
        .execute();
    }
  }
  const rows = all.flatMap(({ enrolmentId, program, added }) =>
    added.map((month) => ({ enrolment_id: enrolmentId, program, month: month.month, amount_fen: month.amountFen, status: month.status, payroll_id: null })),
  );
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    await db
      .insertInto('enrolment_months')
      .values(rows.slice(start, start + ROWS_PER_INSERT))
      .onConflict((oc) => oc.columns(['program', 'enrolment_id', 'month']).doNothing())
      .execute();
  }
}

/** Months added in one INSERT: six parameters a row, well under PostgreSQL's 65,535. */
const ROWS_PER_INSERT = 1000;

/** Each enrolment's months, in month order, a chunk of enrolments at a time. */
export async function monthsOfEnrolments(db: Executor, enrolmentIds: readonly string[]): Promise<Map<string, EnrolmentMonth[]>> {
  const byEnrolment = new Map<string, EnrolmentMonth[]>(enrolmentIds.map((id) => [id, []]));
  for (let start = 0; start < enrolmentIds.length; start += ENROLMENT_CHUNK) {
    const rows = await db
      .selectFrom('enrolment_months')
      .select(['enrolment_id', 'month', 'amount_fen', 'status', 'payroll_id'])
      .where('enrolment_id', '=', sql<string>`any(${enrolmentIds.slice(start, start + ENROLMENT_CHUNK)}::text[])`)
      .orderBy('enrolment_id')
      .orderBy('month')
      .execute();
    for (const row of rows) byEnrolment.get(row.enrolment_id)?.push({ month: row.month, amountFen: row.amount_fen, status: row.status, payrollId: row.payroll_id });
  }
  return byEnrolment;
}

/**
 * Marks months as paid by a payroll. Until the payroll exists this is how tests (and a clerk's
 * data fix) say a month was paid; only a PAYABLE or IN_PAYROLL month can become PAID. Returns the
 * months it marked.
 */
export async function markMonthsPaid(db: Executor, enrolmentId: string, months: readonly Month[], payrollId: string): Promise<Month[]> {
  if (months.length === 0) return [];
  const rows = await db
    .updateTable('enrolment_months')
    .set({ status: 'PAID', payroll_id: payrollId, updated_at: new Date() })
    .where('enrolment_id', '=', enrolmentId)
    .where('month', 'in', [...months])
    .where('status', 'in', ['PAYABLE', 'IN_PAYROLL'])
    .returning('month')
    .execute();
  return rows.map((row) => row.month).sort(compareMonths);
}

/** Drops every months row the projection owns, for a rebuild; the payroll's rows stay. */
export async function clearEntitlementMonths(db: Executor, enrolmentId: string): Promise<void> {
  await db.deleteFrom('enrolment_months').where('enrolment_id', '=', enrolmentId).where('status', 'in', [...ENTITLEMENT_STATUSES]).execute();
}

/** One month of one enrolment, as a payroll names it. */
export interface PayrollMonthRef {
  enrolmentId: string;
  month: Month;
}

/**
 * Every month row of `program` up to `through` that a payroll might pay or has taken, with the
 * enrolment's person: what the payroll's lines are computed from (`payrollLines`).
 */
export async function payrollMonthRows(
  db: Executor,
  program: SubsidyProgram,
  through: Month,
): Promise<{ enrolmentId: string; personId: string; month: Month; amountFen: number; status: EnrolmentMonthStatus }[]> {
  const rows = await db
    .selectFrom('enrolment_months as m')
    .innerJoin('enrolments as e', 'e.enrolment_id', 'm.enrolment_id')
    .select(['m.enrolment_id', 'e.person_id', 'm.month', 'm.amount_fen', 'm.status'])
    .where('m.program', '=', program)
    .where('m.month', '<=', through)
    .where('m.status', 'in', ['PAYABLE', 'IN_PAYROLL', 'PAID', 'RETURNED'])
    .orderBy('m.enrolment_id')
    .orderBy('m.month')
    .execute();
  return rows.map((row) => ({ enrolmentId: row.enrolment_id, personId: row.person_id, month: row.month, amountFen: Number(row.amount_fen), status: row.status }));
}

/** Enrolments per statement when a payroll reads many at once (one parameter each). */
const ENROLMENT_CHUNK = 5000;

/** The PAYABLE months (up to `through`) of these enrolments, with their amounts: what each owes now. */
export async function payableMonthsOf(db: Executor, enrolmentIds: readonly string[], through: Month): Promise<Map<string, { month: Month; amountFen: number }[]>> {
  const byEnrolment = new Map<string, { month: Month; amountFen: number }[]>(enrolmentIds.map((id) => [id, []]));
  for (let start = 0; start < enrolmentIds.length; start += ENROLMENT_CHUNK) {
    const rows = await db
      .selectFrom('enrolment_months')
      .select(['enrolment_id', 'month', 'amount_fen'])
      .where('enrolment_id', 'in', enrolmentIds.slice(start, start + ENROLMENT_CHUNK))
      .where('month', '<=', through)
      .where('status', '=', 'PAYABLE')
      .orderBy('month')
      .execute();
    for (const row of rows) byEnrolment.get(row.enrolment_id)?.push({ month: row.month, amountFen: Number(row.amount_fen) });
  }
  return byEnrolment;
}

/**
 * Of `enrolmentIds`, those whose months do not reach `through` yet (no row for `through` or
 * later). The others are up to date: each of an enrolment's events brings its months in line as
 * far as the table reaches, so only these need bringing up to a new period.
 */
export async function enrolmentsBehind(db: Executor, enrolmentIds: readonly string[], through: Month): Promise<string[]> {
  const reaching = new Set<string>();
  for (let start = 0; start < enrolmentIds.length; start += ENROLMENT_CHUNK) {
    const rows = await db
      .selectFrom('enrolment_months')
      .select('enrolment_id')
      .distinct()
      .where('enrolment_id', 'in', enrolmentIds.slice(start, start + ENROLMENT_CHUNK))
      .where('month', '>=', through)
      .execute();
    for (const row of rows) reaching.add(row.enrolment_id);
  }
  return enrolmentIds.filter((id) => !reaching.has(id));
}

/**
 * The rows of these (enrolment, month) pairs. The enrolments as an array PostgreSQL can look up
 * in the unique index, the pairs joined with `unnest`. Written as a literal `IN ((…), (…))` list,
 * it compared every row of the program in the status asked with the whole list, so that settling
 * a batch cost the payroll's size times the batch's (200 ms a batch of 500 in a payroll of 20,000).
 */
function refsCondition(refs: readonly PayrollMonthRef[]) {
  const enrolmentIds = refs.map((ref) => ref.enrolmentId);
  const months = refs.map((ref) => ref.month);
  return sql<boolean>`enrolment_id = any(${[...new Set(enrolmentIds)]}::text[]) and (enrolment_id, month) in (select * from unnest(${enrolmentIds}::text[], ${months}::text[]))`;
}

/**
 * Fresh planner statistics for the months, once an approval has moved a payroll's months to
 * IN_PAYROLL. Planned on the statistics from before (no month IN_PAYROLL), settling a batch's
 * months read every month the payroll holds, for each batch; autovacuum would refresh them only a
 * minute or more later, when the first batches are done. The application role may not analyze a
 * table it does not own: a function of the table's owner does it (its migration says why).
 */
export async function refreshMonthStatistics(db: Executor): Promise<void> {
  await sql`select refresh_enrolment_month_statistics()`.execute(db);
}

/**
 * An approved payroll takes its months: PAYABLE → IN_PAYROLL, only where the month is still
 * PAYABLE (a month another writer changed meanwhile is not taken). Returns the months taken.
 */
export async function takeMonthsForPayroll(db: Executor, program: SubsidyProgram, payrollId: string, refs: readonly PayrollMonthRef[]): Promise<PayrollMonthRef[]> {
  const taken: PayrollMonthRef[] = [];
  for (let start = 0; start < refs.length; start += 500) {
    const chunk = refs.slice(start, start + 500);
    const rows = await db
      .updateTable('enrolment_months')
      .set({ status: 'IN_PAYROLL', payroll_id: payrollId, updated_at: new Date() })
      .where('program', '=', program)
      .where(refsCondition(chunk))
      .where('status', '=', 'PAYABLE')
      .returning(['enrolment_id', 'month'])
      .execute();
    taken.push(...rows.map((row) => ({ enrolmentId: row.enrolment_id, month: row.month })));
  }
  return taken;
}

/**
 * The bank's answers reach the months: IN_PAYROLL (held by this payroll) → PAID or RETURNED. A
 * month in any other status is left alone, so an answer recorded twice changes nothing.
 */
export async function settleMonths(db: Executor, program: SubsidyProgram, payrollId: string, refs: readonly PayrollMonthRef[], status: 'PAID' | 'RETURNED'): Promise<number> {
  if (refs.length === 0) return 0;
  const result = await db
    .updateTable('enrolment_months')
    .set({ status, updated_at: new Date() })
    .where('program', '=', program)
    .where(refsCondition(refs))
    .where('status', '=', 'IN_PAYROLL')
    .where('payroll_id', '=', payrollId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * The enrolment's bank account was corrected: the months the bank returned are payable again (to
 * the new account, by the next payroll). Only RETURNED rows move.
 */
export async function reopenReturnedMonths(db: Executor, enrolmentId: string): Promise<Month[]> {
  const rows = await db
    .updateTable('enrolment_months')
    .set({ status: 'PAYABLE', payroll_id: null, updated_at: new Date() })
    .where('enrolment_id', '=', enrolmentId)
    .where('status', '=', 'RETURNED')
    .returning('month')
    .execute();
  return rows.map((row) => row.month).sort(compareMonths);
}

/** How many PAID rows each (program, enrolment, month) has: at most one, by the table's unique constraint. */
export async function paidMonthRows(db: Executor, program: SubsidyProgram): Promise<{ enrolmentId: string; month: Month; amountFen: number; payrollId: string | null }[]> {
  const rows = await db.selectFrom('enrolment_months').select(['enrolment_id', 'month', 'amount_fen', 'payroll_id']).where('program', '=', program).where('status', '=', 'PAID').execute();
  return rows.map((row) => ({ enrolmentId: row.enrolment_id, month: row.month, amountFen: Number(row.amount_fen), payrollId: row.payroll_id }));
}
