/**
 * A payroll's state as the core folds it (`PayrollState`), read from and written to its read model
 * and its lines. Writing a state also moves the months the bank answered for: a line SENT → PAID or
 * RETURNED moves its month IN_PAYROLL → PAID or RETURNED, in the same transaction.
 */
import { payrollTotals, type PayrollLineRecord, type PayrollState, type PayrollTotals } from '../domain/index';
import { settleMonths } from './enrolment-months';
import type { Executor } from './executor';
import { readPayrollLines, replacePayrollLines, updatePayrollLines, type StoredPayrollLine } from './payroll-lines';
import { readPayrollRow, upsertPayrollRow, type PayrollRow } from './payrolls';

export interface LoadedPayroll {
  state: PayrollState;
  /** Each line's batch, once the batches are numbered. */
  batchOf: Map<string, number | null>;
  batchCount: number | null;
}

function record(line: StoredPayrollLine): PayrollLineRecord {
  const { batchNo: _batchNo, ...rest } = line;
  return rest;
}

function stateOf(row: PayrollRow, lines: readonly StoredPayrollLine[]): PayrollState {
  return {
    payrollId: row.payrollId,
    program: row.program,
    period: row.period,
    stage: row.stage,
    lines: lines.map(record),
    submittedBy: row.submittedBy,
    approvedBy: row.approvedBy,
    rejections: row.rejections,
    dropped: row.dropped,
    paidFen: row.paidFen,
    openedAt: row.openedAt,
    stageEnteredAt: row.stageEnteredAt,
    updatedAt: row.updatedAt,
  };
}

/** The payroll as stored; with `forUpdate` its row stays locked until the transaction ends. */
export async function loadPayroll(db: Executor, payrollId: string, options: { forUpdate?: boolean } = {}): Promise<LoadedPayroll | undefined> {
  const row = await readPayrollRow(db, payrollId, options);
  if (!row) return undefined;
  const lines = await readPayrollLines(db, payrollId);
  return {
    state: stateOf(row, lines),
    batchOf: new Map(lines.map((line) => [line.key, line.batchNo])),
    batchCount: row.batchCount,
  };
}

/**
 * One batch of the payroll: the payroll's own fields with the batch's lines only (the other lines
 * are not in `state.lines`). What the core decides for a batch (send it, record the bank's answers)
 * needs those lines alone; loading the whole payroll for every batch made a payroll quadratic in
 * its lines. Saved with `savePayrollBatch`, never `savePayroll` (which would take the missing
 * lines for removed).
 */
export interface LoadedPayrollBatch {
  state: PayrollState;
  batchNo: number;
  /** The whole payroll's totals as its row holds them: a batch's step moves them by its own lines. */
  totals: PayrollTotals;
}

export async function loadPayrollBatch(db: Executor, payrollId: string, batchNo: number, options: { forUpdate?: boolean } = {}): Promise<LoadedPayrollBatch | undefined> {
  const row = await readPayrollRow(db, payrollId, options);
  if (!row) return undefined;
  return { state: stateOf(row, await readPayrollLines(db, payrollId, { batchNo })), batchNo, totals: row.totals };
}

function sameLine(a: PayrollLineRecord, b: PayrollLineRecord): boolean {
  return a.status === b.status && a.reason === b.reason && a.bankReference === b.bankReference;
}

/** Writes `after` over `before` (undefined for a new payroll): the row, the lines that changed, the months answered. */
export async function savePayroll(db: Executor, before: PayrollState | undefined, after: PayrollState): Promise<void> {
  await upsertPayrollRow(db, after, payrollTotals(after.lines));
  const beforeByKey = new Map((before?.lines ?? []).map((line) => [line.key, line]));
  const sameKeys = before !== undefined && before.lines.length === after.lines.length && after.lines.every((line) => beforeByKey.has(line.key));
  if (!sameKeys) {
    await replacePayrollLines(db, after.payrollId, after.program, after.lines);
    return;
  }
  await saveLineChanges(db, before, after);
}

/**
 * Writes a batch's `after` over what `loadPayrollBatch` read (under the payroll's lock): the
 * lines of the batch that changed, their months, then the row. The row's totals move by the
 * batch's own lines (their totals after less before: totals add up line by line, and no other
 * line changes while the lock is held), so that a batch costs its lines and not the payroll's;
 * a line that did not move as decided fails the step (rolled back, tried again), since the totals
 * would then no longer be the lines'. The reconciliation writes them again from every line.
 */
export async function savePayrollBatch(db: Executor, loaded: LoadedPayrollBatch, after: PayrollState): Promise<void> {
  const before = loaded.state;
  const beforeKeys = new Set(before.lines.map((line) => line.key));
  if (before.lines.length !== after.lines.length || after.lines.some((line) => !beforeKeys.has(line.key))) {
    throw new Error(`payroll ${after.payrollId}: a batch's step may change its lines, never add or remove one`);
  }
  const { changed, written } = await saveLineChanges(db, before, after, loaded.batchNo);
  if (written !== changed) throw new Error(`payroll ${after.payrollId}, batch ${loaded.batchNo}: ${changed - written} of ${changed} lines were not as loaded`);
  const was = payrollTotals(before.lines);
  const now = payrollTotals(after.lines);
  const moved = (field: keyof PayrollTotals) => loaded.totals[field] - was[field] + now[field];
  await upsertPayrollRow(db, after, { lines: moved('lines'), totalFen: moved('totalFen'), paidFen: moved('paidFen'), returnedFen: moved('returnedFen'), pendingFen: moved('pendingFen') });
}

/** The lines whose status, reason or bank reference changed (all of batch `batchNo` when given), and the months the bank answered for. */
async function saveLineChanges(db: Executor, before: PayrollState, after: PayrollState, batchNo?: number): Promise<{ changed: number; written: number }> {
  const beforeByKey = new Map(before.lines.map((line) => [line.key, line]));
  const changes = after.lines.flatMap((line) => {
    const old = beforeByKey.get(line.key)!;
    return sameLine(old, line) ? [] : [{ line, from: old.status }];
  });
  const written = await updatePayrollLines(db, after.payrollId, changes, { batchNo });
  const answered = (status: 'PAID' | 'RETURNED') => changes.filter((change) => change.from === 'SENT' && change.line.status === status).map((change) => change.line);
  await settleMonths(db, after.program, after.payrollId, answered('PAID'), 'PAID');
  await settleMonths(db, after.program, after.payrollId, answered('RETURNED'), 'RETURNED');
  return { changed: changes.length, written };
}
