/**
 * The `payroll_lines` ledger: a payroll's lines, each a month of an enrolment with its key at the
 * bank. A partial unique index holds a key PAID at most once across every payroll.
 */
import { sql } from 'kysely';
import type { Month, PayrollLineRecord, PayrollLineStatus, PayrollTotals, SubsidyProgram } from '../domain/index';
import type { Executor } from './executor';

/** The partial unique index: a program, enrolment and month is paid at most once. */
export const PAID_ONCE_INDEX = 'payroll_lines_paid_once';

export interface StoredPayrollLine extends PayrollLineRecord {
  batchNo: number | null;
}

/**
 * Every line of the payroll, or of one of its batches (`batchNo`: what a batch's steps decide on,
 * so that a batch costs its own lines and not the whole payroll's), in the lines' one order
 * (enrolment, then month).
 */
export async function readPayrollLines(db: Executor, payrollId: string, options: { batchNo?: number } = {}): Promise<StoredPayrollLine[]> {
  let query = db
    .selectFrom('payroll_lines')
    .select(['bank_key', 'enrolment_id', 'person_id', 'month', 'amount_fen', 'status', 'reason', 'bank_reference', 'batch_no'])
    .where('payroll_id', '=', payrollId);
  if (options.batchNo !== undefined) query = query.where('batch_no', '=', options.batchNo);
  const rows = await query
    .orderBy('enrolment_id')
    .orderBy('month')
    .execute();
  return rows.map((row) => ({
    key: row.bank_key,
    enrolmentId: row.enrolment_id,
    personId: row.person_id,
    month: row.month,
    amountFen: Number(row.amount_fen),
    status: row.status,
    reason: row.reason,
    bankReference: row.bank_reference,
    batchNo: row.batch_no,
  }));
}

/** The draft's lines replaced by `lines` (opening and recomputing a payroll). */
export async function replacePayrollLines(db: Executor, payrollId: string, program: SubsidyProgram, lines: readonly PayrollLineRecord[]): Promise<void> {
  await db.deleteFrom('payroll_lines').where('payroll_id', '=', payrollId).execute();
  for (let start = 0; start < lines.length; start += 1000) {
    const chunk = lines.slice(start, start + 1000);
    await db
      .insertInto('payroll_lines')
      .values(
        chunk.map((line) => ({
          payroll_id: payrollId,
          bank_key: line.key,
          program,
          enrolment_id: line.enrolmentId,
          person_id: line.personId,
          month: line.month,
          amount_fen: line.amountFen,
          status: line.status,
          reason: line.reason,
          bank_reference: line.bankReference,
        })),
      )
      .execute();
  }
}

/**
 * Lines whose status, reason or bank reference changed. Each moves only from the status it had
 * (`from`), so a write that raced another changes nothing twice. One statement per chunk of lines,
 * the changes passed as arrays and joined with `unnest`. A batch's step names its batch
 * (`batchNo`), so that PostgreSQL reads that batch's lines and not the payroll's: a join over the
 * payroll's lines, planned on statistics from before the payroll had them (a fresh payroll's lines
 * were all inserted minutes before), read every line of the payroll for each batch. Returns how
 * many lines moved.
 */
export async function updatePayrollLines(
  db: Executor,
  payrollId: string,
  changes: readonly { line: PayrollLineRecord; from: PayrollLineStatus }[],
  options: { batchNo?: number } = {},
): Promise<number> {
  const inBatch = options.batchNo === undefined ? sql`` : sql`and l.batch_no = ${options.batchNo}`;
  const now = new Date();
  let written = 0;
  for (let start = 0; start < changes.length; start += UPDATE_CHUNK) {
    const chunk = changes.slice(start, start + UPDATE_CHUNK);
    const column = <T>(pick: (change: (typeof chunk)[number]) => T) => chunk.map(pick);
    const result = await sql`
      update payroll_lines as l
         set status = v.status, reason = v.reason, bank_reference = v.bank_reference, updated_at = ${now}
        from unnest(${column((c) => c.line.key)}::text[], ${column((c) => c.line.status)}::text[], ${column((c) => c.line.reason)}::text[],
                    ${column((c) => c.line.bankReference)}::text[], ${column((c) => c.from)}::text[])
             as v (bank_key, status, reason, bank_reference, from_status)
       where l.payroll_id = ${payrollId} ${inBatch} and l.bank_key = v.bank_key and l.status = v.from_status`.execute(db);
    written += Number(result.numAffectedRows ?? 0);
  }
  return written;
}

/** Lines per statement: the arrays have no parameter limit; this bounds one statement's work. */
const UPDATE_CHUNK = 5000;

/**
 * The payroll's totals as its stored lines add up (the same sums as `payrollTotals`), counted by
 * PostgreSQL without reading the lines out: what the row's totals, moved batch by batch, must
 * always equal (the payroll's invariant checks it).
 */
export async function payrollLineTotals(db: Executor, payrollId: string): Promise<PayrollTotals> {
  const row = await db
    .selectFrom('payroll_lines')
    .select([
      sql<string>`count(*)`.as('lines'),
      sql<string>`coalesce(sum(amount_fen), 0)`.as('total_fen'),
      sql<string>`coalesce(sum(amount_fen) filter (where status = 'PAID'), 0)`.as('paid_fen'),
      sql<string>`coalesce(sum(amount_fen) filter (where status = 'RETURNED'), 0)`.as('returned_fen'),
    ])
    .where('payroll_id', '=', payrollId)
    .where('status', '<>', 'DROPPED')
    .executeTakeFirstOrThrow();
  const totalFen = Number(row.total_fen);
  const paidFen = Number(row.paid_fen);
  const returnedFen = Number(row.returned_fen);
  return { lines: Number(row.lines), totalFen, paidFen, returnedFen, pendingFen: totalFen - paidFen - returnedFen };
}

/** Numbers the batches: each key gets the batch it travels in (one statement per chunk of keys, once per payroll). */
export async function assignBatches(db: Executor, payrollId: string, batches: readonly { batchNo: number; keys: readonly string[] }[]): Promise<void> {
  const pairs = batches.flatMap((batch) => batch.keys.map((key) => ({ key, batchNo: batch.batchNo })));
  for (let start = 0; start < pairs.length; start += UPDATE_CHUNK) {
    const chunk = pairs.slice(start, start + UPDATE_CHUNK);
    await sql`
      update payroll_lines as l
         set batch_no = v.batch_no
        from unnest(${chunk.map((pair) => pair.key)}::text[], ${chunk.map((pair) => pair.batchNo)}::int[]) as v (bank_key, batch_no)
       where l.payroll_id = ${payrollId} and l.bank_key = v.bank_key`.execute(db);
  }
}

export interface PayrollLinePage {
  lines: StoredPayrollLine[];
}

/** One page of the payroll's lines in key order, after `afterKey`, of one status or all. */
export async function listPayrollLinePage(db: Executor, payrollId: string, status: PayrollLineStatus | undefined, limit: number, afterKey?: string): Promise<StoredPayrollLine[]> {
  let query = db
    .selectFrom('payroll_lines')
    .select(['bank_key', 'enrolment_id', 'person_id', 'month', 'amount_fen', 'status', 'reason', 'bank_reference', 'batch_no'])
    .where('payroll_id', '=', payrollId);
  if (status) query = query.where('status', '=', status);
  if (afterKey !== undefined) query = query.where('bank_key', '>', afterKey);
  const rows = await query.orderBy('bank_key').limit(limit).execute();
  return rows.map((row) => ({
    key: row.bank_key,
    enrolmentId: row.enrolment_id,
    personId: row.person_id,
    month: row.month as Month,
    amountFen: Number(row.amount_fen),
    status: row.status,
    reason: row.reason,
    bankReference: row.bank_reference,
    batchNo: row.batch_no,
  }));
}

/** Every PAID line of the program across payrolls: the invariant's check reads it. */
export async function paidLinesOf(db: Executor, program: SubsidyProgram): Promise<{ payrollId: string; key: string; amountFen: number }[]> {
  const rows = await db.selectFrom('payroll_lines').select(['payroll_id', 'bank_key', 'amount_fen']).where('program', '=', program).where('status', '=', 'PAID').execute();
  return rows.map((row) => ({ payrollId: row.payroll_id, key: row.bank_key, amountFen: Number(row.amount_fen) }));
}
