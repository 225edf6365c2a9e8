/**
 * A payroll's totals. Dropped lines are not part of it: they were never sent. Every other line is
 * paid, returned or still pending, so `paidFen + returnedFen + pendingFen = totalFen` always.
 */
import type { PayrollLineRecord } from './line-records';

export interface PayrollTotals {
  lines: number;
  totalFen: number;
  paidFen: number;
  returnedFen: number;
  pendingFen: number;
}

export function payrollTotals(records: readonly Pick<PayrollLineRecord, 'status' | 'amountFen'>[]): PayrollTotals {
  const totals: PayrollTotals = { lines: 0, totalFen: 0, paidFen: 0, returnedFen: 0, pendingFen: 0 };
  for (const record of records) {
    if (record.status === 'DROPPED') continue;
    totals.lines += 1;
    totals.totalFen += record.amountFen;
    if (record.status === 'PAID') totals.paidFen += record.amountFen;
    else if (record.status === 'RETURNED') totals.returnedFen += record.amountFen;
    else totals.pendingFen += record.amountFen;
  }
  return totals;
}
