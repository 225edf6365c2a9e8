/**
 * The `payrolls` read model: one row per payroll (program and month), its stage and who moved it,
 * its totals, the lines dropped at approval, and what the stuck radar needs (a bank call that keeps
 * failing, a reconciliation that does not agree). The lines are in payroll_lines.
 */
import type { DroppedLine, Month, PayrollRejection, PayrollStage, PayrollState, PayrollTotals, SubsidyProgram } from '../domain/index';
import type { Executor } from './executor';

export interface PayrollRow {
  payrollId: string;
  program: SubsidyProgram;
  period: Month;
  stage: PayrollStage;
  submittedBy: string | null;
  approvedBy: string | null;
  rejections: PayrollRejection[];
  dropped: DroppedLine[];
  totals: PayrollTotals;
  paidFen: number;
  batchCount: number | null;
  batchesDone: number;
  failingAttempts: number;
  lastFailure: string | null;
  failingSince: string | null;
  discrepancy: string | null;
  discrepancySince: string | null;
  openedAt: string;
  stageEnteredAt: string;
  updatedAt: string;
}

/** The partial unique index that lets a program have one payroll at a time that is not reconciled. */
export const ONE_OPEN_PAYROLL_INDEX = 'payrolls_one_open_per_program';

export function isOpenPayrollConflict(error: unknown): boolean {
  const pgError = error as { code?: unknown; constraint?: unknown } | null;
  return pgError?.code === '23505' && pgError.constraint === ONE_OPEN_PAYROLL_INDEX;
}

type Selected = {
  payroll_id: string;
  program: string;
  period: string;
  stage: PayrollStage;
  submitted_by: string | null;
  approved_by: string | null;
  rejections: unknown;
  dropped: unknown;
  totals: unknown;
  paid_fen: number;
  batch_count: number | null;
  batches_done: number;
  failing_attempts: number;
  last_failure: string | null;
  failing_since: Date | null;
  discrepancy: string | null;
  discrepancy_since: Date | null;
  opened_at: Date;
  stage_entered_at: Date;
  updated_at: Date;
};

function rowOf(row: Selected): PayrollRow {
  return {
    payrollId: row.payroll_id,
    program: row.program as SubsidyProgram,
    period: row.period,
    stage: row.stage,
    submittedBy: row.submitted_by,
    approvedBy: row.approved_by,
    rejections: row.rejections as PayrollRejection[],
    dropped: row.dropped as DroppedLine[],
    totals: row.totals as PayrollTotals,
    paidFen: Number(row.paid_fen),
    batchCount: row.batch_count,
    batchesDone: row.batches_done,
    failingAttempts: row.failing_attempts,
    lastFailure: row.last_failure,
    failingSince: row.failing_since?.toISOString() ?? null,
    discrepancy: row.discrepancy,
    discrepancySince: row.discrepancy_since?.toISOString() ?? null,
    openedAt: row.opened_at.toISOString(),
    stageEnteredAt: row.stage_entered_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function readPayrollRow(db: Executor, payrollId: string, options: { forUpdate?: boolean } = {}): Promise<PayrollRow | undefined> {
  let query = db.selectFrom('payrolls').selectAll().where('payroll_id', '=', payrollId);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? rowOf(row as Selected) : undefined;
}

/** Writes the payroll's own fields as the core's state has them (the lines are written apart). */
export async function upsertPayrollRow(db: Executor, state: PayrollState, totals: PayrollTotals): Promise<void> {
  const row = {
    program: state.program,
    period: state.period,
    stage: state.stage,
    submitted_by: state.submittedBy,
    approved_by: state.approvedBy,
    rejections: JSON.stringify(state.rejections),
    dropped: JSON.stringify(state.dropped),
    totals: JSON.stringify(totals),
    paid_fen: state.paidFen,
    opened_at: new Date(state.openedAt),
    stage_entered_at: new Date(state.stageEnteredAt),
    updated_at: new Date(state.updatedAt),
  };
  await db
    .insertInto('payrolls')
    .values({ payroll_id: state.payrollId, ...row })
    .onConflict((oc) => oc.column('payroll_id').doUpdateSet(row))
    .execute();
}

/** The program's payroll that is not reconciled yet, if any. */
export async function openPayrollOf(db: Executor, program: SubsidyProgram): Promise<string | undefined> {
  const row = await db.selectFrom('payrolls').select('payroll_id').where('program', '=', program).where('stage', '<>', 'RECONCILED').executeTakeFirst();
  return row?.payroll_id;
}

/** One page of payrolls, newest period first, after `after` (the cursor: the last row's program and period). */
export async function listPayrolls(db: Executor, program: SubsidyProgram | undefined, limit: number, after?: { period: string; payrollId: string }): Promise<PayrollRow[]> {
  let query = db.selectFrom('payrolls').selectAll();
  if (program) query = query.where('program', '=', program);
  if (after) query = query.where((eb) => eb.or([eb('period', '<', after.period), eb.and([eb('period', '=', after.period), eb('payroll_id', '>', after.payrollId)])]));
  const rows = await query.orderBy('period', 'desc').orderBy('payroll_id').limit(limit).execute();
  return rows.map((row) => rowOf(row as Selected));
}

export async function setBatchCount(db: Executor, payrollId: string, batchCount: number): Promise<void> {
  await db.updateTable('payrolls').set({ batch_count: batchCount }).where('payroll_id', '=', payrollId).execute();
}

/** A batch answered: counted, and the bank's failures forgotten. */
export async function batchAnswered(db: Executor, payrollId: string, batchNo: number): Promise<void> {
  await db
    .updateTable('payrolls')
    .set((eb) => ({ batches_done: eb.fn('greatest', [eb.ref('batches_done'), eb.val(batchNo)]), failing_attempts: 0, last_failure: null, failing_since: null }))
    .where('payroll_id', '=', payrollId)
    .execute();
}

/** The bank call failed again: the stuck radar shows the payroll from STUCK_ATTEMPTS failures on. */
export async function recordPayrollFailure(db: Executor, payrollId: string, attempts: number, failure: string): Promise<void> {
  await db
    .updateTable('payrolls')
    .set((eb) => ({ failing_attempts: attempts, last_failure: failure.slice(0, 1000), failing_since: eb.fn.coalesce('failing_since', eb.val(new Date())) }))
    .where('payroll_id', '=', payrollId)
    .execute();
}

/** What the reconciliation found wrong (null once it agrees). */
export async function recordDiscrepancy(db: Executor, payrollId: string, discrepancy: string | null): Promise<void> {
  await db
    .updateTable('payrolls')
    .set((eb) => (discrepancy === null ? { discrepancy: null, discrepancy_since: null } : { discrepancy: discrepancy.slice(0, 2000), discrepancy_since: eb.fn.coalesce('discrepancy_since', eb.val(new Date())) }))
    .where('payroll_id', '=', payrollId)
    .execute();
}

/** The program's payrolls that are stuck: a bank call failing `minAttempts` times or more, or books that disagree. */
export async function stuckPayrolls(db: Executor, program: SubsidyProgram, minAttempts: number, limit: number): Promise<PayrollRow[]> {
  const rows = await db
    .selectFrom('payrolls')
    .selectAll()
    .where('program', '=', program)
    .where('stage', '<>', 'RECONCILED')
    .where((eb) => eb.or([eb('failing_attempts', '>=', minAttempts), eb('discrepancy', 'is not', null)]))
    .orderBy('stage_entered_at')
    .limit(limit)
    .execute();
  return rows.map((row) => rowOf(row as Selected));
}
