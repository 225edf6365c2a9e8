/**
 * A payroll's state as the core folds it (`PayrollState`), read from and written to its read model
 * and its lines. Writing a state also moves the months the bank answered for: a line SENT → PAID or
 * RETURNED moves its month IN_PAYROLL → PAID or RETURNED, in the same transaction.
 */
import { payrollTotals, type PayrollLineRecord, type PayrollState } from '../domain/index';
import { settleMonths } from './enrolment-months';
import type { Executor } from './executor';
import { readPayrollLines, replacePayrollLines, updatePayrollLines, type StoredPayrollLine } from './payroll-lines';
import { readPayrollRow, upsertPayrollRow } from './payrolls';

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

/** The payroll as stored; with `forUpdate` its row stays locked until the transaction ends. */
export async function loadPayroll(db: Executor, payrollId: string, options: { forUpdate?: boolean } = {}): Promise<LoadedPayroll | undefined> {
  const row = await readPayrollRow(db, payrollId, options);
  if (!row) return undefined;
  const lines = await readPayrollLines(db, payrollId);
  return {
    state: {
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
    },
    batchOf: new Map(lines.map((line) => [line.key, line.batchNo])),
    batchCount: row.batchCount,
  };
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
  const changes = after.lines.flatMap((line) => {
    const old = beforeByKey.get(line.key)!;
    return sameLine(old, line) ? [] : [{ line, from: old.status }];
  });
  await updatePayrollLines(db, after.payrollId, changes);
  const answered = (status: 'PAID' | 'RETURNED') => changes.filter((change) => change.from === 'SENT' && change.line.status === status).map((change) => change.line);
  await settleMonths(db, after.program, after.payrollId, answered('PAID'), 'PAID');
  await settleMonths(db, after.program, after.payrollId, answered('RETURNED'), 'RETURNED');
}
