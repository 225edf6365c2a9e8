/**
 * The `enrolment_months` table: one row per month an enrolment is owed, never two (unique
 * program, enrolment_id, month). The projection keeps the PAYABLE and SUSPENDED rows in line
 * with the entitlement; a row the payroll took (IN_PAYROLL, PAID, RETURNED) is the payroll's.
 */
import { compareMonths, type EntitledMonth, type Month, type PaidMonth, type SubsidyProgram } from '../domain/index';
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

/** The latest month with a row, or undefined: the months table reaches at least this far. */
export async function lastListedMonth(db: Executor, enrolmentId: string): Promise<Month | undefined> {
  const row = await db.selectFrom('enrolment_months').select((eb) => eb.fn.max('month').as('last')).where('enrolment_id', '=', enrolmentId).executeTakeFirst();
  return row?.last ?? undefined;
}

/** What was paid for this enrolment, month by month: the overpayment check compares it with what is owed. */
export async function paidMonthsOf(db: Executor, enrolmentId: string): Promise<PaidMonth[]> {
  const rows = await db.selectFrom('enrolment_months').select(['month', 'amount_fen']).where('enrolment_id', '=', enrolmentId).where('status', '=', 'PAID').orderBy('month').execute();
  return rows.map((row) => ({ month: row.month, amountFen: row.amount_fen }));
}

/**
 * Brings the PAYABLE and SUSPENDED rows in line with `entitled`: missing months are added, the
 * amount and status of the others follow, and months no longer owed are removed. Rows of the
 * payroll are left as they are, whatever the entitlement now says (an overpaid month is the
 * recovery's business, not this table's).
 */
export async function syncEnrolmentMonths(db: Executor, enrolmentId: string, program: SubsidyProgram, entitled: readonly EntitledMonth[]): Promise<void> {
  const existing = new Map((await listEnrolmentMonths(db, enrolmentId)).map((row) => [row.month, row]));
  const owed = new Set(entitled.map((month) => month.month));
  const stale = [...existing.values()].filter((row) => ENTITLEMENT_STATUSES.includes(row.status) && !owed.has(row.month)).map((row) => row.month);
  if (stale.length > 0) {
    await db.deleteFrom('enrolment_months').where('enrolment_id', '=', enrolmentId).where('month', 'in', stale).where('status', 'in', [...ENTITLEMENT_STATUSES]).execute();
  }
  for (const month of [...entitled].sort((a, b) => compareMonths(a.month, b.month))) {
    const row = existing.get(month.month);
    if (row === undefined) {
      await db
        .insertInto('enrolment_months')
        .values({ enrolment_id: enrolmentId, program, month: month.month, amount_fen: month.amountFen, status: month.status, payroll_id: null })
        .onConflict((oc) => oc.columns(['program', 'enrolment_id', 'month']).doNothing())
        .execute();
    } else if (ENTITLEMENT_STATUSES.includes(row.status) && (row.amountFen !== month.amountFen || row.status !== month.status)) {
      await db
        .updateTable('enrolment_months')
        .set({ amount_fen: month.amountFen, status: month.status, updated_at: new Date() })
        .where('enrolment_id', '=', enrolmentId)
        .where('month', '=', month.month)
        .where('status', 'in', [...ENTITLEMENT_STATUSES])
        .execute();
    }
  }
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
