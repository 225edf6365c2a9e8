/**
 * The reconciliation check: the payroll's paid total, the sum of its PAID lines and what the bank
 * recorded must be one and the same figure, line by line. Every way they differ is listed, so that
 * a clerk sees what to look into instead of a single "does not match".
 */
import type { BankRecord } from './bank-files';
import type { PayrollLineRecord } from './line-records';

export type Discrepancy =
  /** A line still waits for the bank's answer. */
  | { kind: 'LINE_PENDING'; key: string }
  /** The payroll says paid; the bank has no payment for the key. */
  | { kind: 'PAID_NOT_RECORDED'; key: string; amountFen: number }
  /** The bank paid a key the payroll does not hold as paid. */
  | { kind: 'RECORDED_NOT_PAID'; key: string; amountFen: number }
  /** Both say paid, for different amounts. */
  | { kind: 'AMOUNT_DIFFERS'; key: string; lineFen: number; bankFen: number }
  /** The bank recorded the key more than once. */
  | { kind: 'RECORDED_TWICE'; key: string }
  /** The three totals differ. */
  | { kind: 'TOTALS_DIFFER'; statedPaidFen: number; paidLinesFen: number; bankPaidFen: number };

/**
 * `statedPaidFen` is the paid total the payroll carries (added up as results arrived); the sum of
 * the PAID lines and the bank's paid records are recomputed here. Empty when they all agree.
 */
export function reconciliationDiscrepancies(records: readonly PayrollLineRecord[], statedPaidFen: number, bankRecords: readonly BankRecord[]): Discrepancy[] {
  const discrepancies: Discrepancy[] = [];
  const bankPaid = new Map<string, number>();
  for (const record of bankRecords) {
    if (record.status !== 'PAID') continue;
    if (bankPaid.has(record.key)) discrepancies.push({ kind: 'RECORDED_TWICE', key: record.key });
    bankPaid.set(record.key, (bankPaid.get(record.key) ?? 0) + record.amountFen);
  }
  const held = new Set<string>();
  for (const line of records) {
    if (line.status === 'DRAFT' || line.status === 'SENT') discrepancies.push({ kind: 'LINE_PENDING', key: line.key });
    if (line.status !== 'PAID') continue;
    held.add(line.key);
    const bankFen = bankPaid.get(line.key);
    if (bankFen === undefined) discrepancies.push({ kind: 'PAID_NOT_RECORDED', key: line.key, amountFen: line.amountFen });
    else if (bankFen !== line.amountFen) discrepancies.push({ kind: 'AMOUNT_DIFFERS', key: line.key, lineFen: line.amountFen, bankFen });
  }
  for (const [key, amountFen] of bankPaid) if (!held.has(key)) discrepancies.push({ kind: 'RECORDED_NOT_PAID', key, amountFen });
  const paidLinesFen = records.filter((line) => line.status === 'PAID').reduce((sum, line) => sum + line.amountFen, 0);
  const bankPaidFen = [...bankPaid.values()].reduce((sum, amount) => sum + amount, 0);
  if (statedPaidFen !== paidLinesFen || paidLinesFen !== bankPaidFen) discrepancies.push({ kind: 'TOTALS_DIFFER', statedPaidFen, paidLinesFen, bankPaidFen });
  return discrepancies;
}
