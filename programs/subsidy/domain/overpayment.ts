/**
 * Money paid for months that are no longer owed, typically a death reported after the payroll ran.
 * Each such month is overpaid by exactly what was paid for it, less what is still owed for it
 * (nothing, for a month after the termination; the difference, after a late grade change).
 */
import { compareMonths, type Month } from './month';
import { payableMonths, type EntitledMonth } from './entitlement';

export interface PaidMonth {
  month: Month;
  amountFen: number;
}

export interface OverpaidMonth {
  month: Month;
  paidFen: number;
  owedFen: number;
  overpaidFen: number;
}

export interface Overpayment {
  months: OverpaidMonth[];
  totalFen: number;
}

/**
 * Compares what was paid with what is owed now. `entitled` must reach at least the last paid
 * month (compute it through that month): a paid month it does not list counts as owed nothing.
 */
export function findOverpayment(paid: readonly PaidMonth[], entitled: readonly EntitledMonth[]): Overpayment {
  const owed = new Map(payableMonths(entitled).map((entry) => [entry.month, entry.amountFen]));
  const paidByMonth = new Map<Month, number>();
  for (const entry of paid) paidByMonth.set(entry.month, (paidByMonth.get(entry.month) ?? 0) + entry.amountFen);
  const months: OverpaidMonth[] = [];
  for (const [month, paidFen] of [...paidByMonth].sort(([a], [b]) => compareMonths(a, b))) {
    const owedFen = owed.get(month) ?? 0;
    if (paidFen > owedFen) months.push({ month, paidFen, owedFen, overpaidFen: paidFen - owedFen });
  }
  return { months, totalFen: months.reduce((sum, month) => sum + month.overpaidFen, 0) };
}

/** The latest of the paid months, to compute the entitlement through. */
export function lastPaidMonth(paid: readonly PaidMonth[]): Month | undefined {
  return paid.reduce<Month | undefined>((latest, entry) => (latest === undefined || compareMonths(entry.month, latest) > 0 ? entry.month : latest), undefined);
}
