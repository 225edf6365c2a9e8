/**
 * A payroll's lines, built from the months table alone: every month owed up to the period that no
 * payroll holds or has paid. Arrears since the application and months the bank returned come back
 * by construction; nothing else has to remember them.
 */
import { compareMonths, type Month } from '../month';
import type { SubsidyProgram } from '../programs';
import { bankKey } from './bank-key';

/** What the months table says about one month of one enrolment. */
export type MonthRowStatus = 'PAYABLE' | 'SUSPENDED' | 'IN_PAYROLL' | 'PAID' | 'RETURNED';

export interface PayrollMonthRow {
  enrolmentId: string;
  personId: string;
  program: SubsidyProgram;
  month: Month;
  amountFen: number;
  status: MonthRowStatus;
  /**
   * For a RETURNED month: whether the enrolment's bank account was corrected after the bank
   * returned it. Sending the same month to the same closed account again would only come back.
   */
  accountCorrected?: boolean;
}

export interface PayrollLine {
  enrolmentId: string;
  personId: string;
  month: Month;
  amountFen: number;
}

/** The statuses that mean a payroll holds the month or has paid it: never a line again. */
const TAKEN_STATUSES: readonly MonthRowStatus[] = ['IN_PAYROLL', 'PAID'];

function isPayable(row: PayrollMonthRow): boolean {
  return row.status === 'PAYABLE' || (row.status === 'RETURNED' && row.accountCorrected === true);
}

/** Lines in one order everywhere (enrolment, then month), so batches and files come out the same on every replay. */
export function compareLines(a: Pick<PayrollLine, 'enrolmentId' | 'month'>, b: Pick<PayrollLine, 'enrolmentId' | 'month'>): number {
  if (a.enrolmentId !== b.enrolmentId) return a.enrolmentId < b.enrolmentId ? -1 : 1;
  return compareMonths(a.month, b.month);
}

export function lineKey(program: SubsidyProgram, line: Pick<PayrollLine, 'enrolmentId' | 'month'>): string {
  return bankKey({ program, enrolmentId: line.enrolmentId, month: line.month });
}

/**
 * The lines of `program`'s payroll for `period`. The table keeps one row per month; should two rows
 * for one month ever arrive, the month is paid once, and not at all when either says a payroll
 * already has it — a month left out comes back next time, a month paid twice does not.
 */
export function payrollLines(rows: readonly PayrollMonthRow[], program: SubsidyProgram, period: Month): PayrollLine[] {
  const byKey = new Map<string, PayrollMonthRow[]>();
  for (const row of rows) {
    if (row.program !== program || compareMonths(row.month, period) > 0) continue;
    const key = lineKey(program, row);
    byKey.set(key, [...(byKey.get(key) ?? []), row]);
  }
  const lines: PayrollLine[] = [];
  for (const same of byKey.values()) {
    if (same.some((row) => TAKEN_STATUSES.includes(row.status))) continue;
    const row = same.find(isPayable);
    if (row) lines.push({ enrolmentId: row.enrolmentId, personId: row.personId, month: row.month, amountFen: row.amountFen });
  }
  return lines.sort(compareLines);
}

/**
 * Why `lines` cannot be a payroll's lines for `period`, or undefined when they can: each month once,
 * none after the period, every amount a positive whole number of fen. `payrollLines` always gives
 * such lines; this guards the payroll against lines made some other way.
 */
export function linesProblem(lines: readonly PayrollLine[], period: Month): string | undefined {
  const seen = new Set<string>();
  for (const line of lines) {
    const key = `${line.enrolmentId}:${line.month}`;
    if (seen.has(key)) return `lines: ${line.enrolmentId} ${line.month} is listed twice`;
    seen.add(key);
    if (compareMonths(line.month, period) > 0) return `lines: ${line.enrolmentId} ${line.month} is after the period ${period}`;
    if (!Number.isSafeInteger(line.amountFen) || line.amountFen <= 0) return `lines: ${line.enrolmentId} ${line.month} has no positive whole amount of fen`;
  }
  return undefined;
}

/**
 * The months rows once a payroll has taken its lines: each line's month is IN_PAYROLL. What the
 * store does in one statement, written here so that the rule "a taken month is no line" can be
 * checked across two payrolls without a database.
 */
export function takeLines(rows: readonly PayrollMonthRow[], program: SubsidyProgram, lines: readonly PayrollLine[]): PayrollMonthRow[] {
  const taken = new Set(lines.map((line) => lineKey(program, line)));
  return rows.map((row) => (row.program === program && taken.has(lineKey(program, row)) ? { ...row, status: 'IN_PAYROLL' as const } : row));
}
