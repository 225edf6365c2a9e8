/**
 * The key a payroll line travels to the bank with, `<program>:<enrolmentId>:<month>`. It names the
 * money movement, not the payroll: a month returned by the bank and paid in a later payroll keeps
 * its key, so the ledger's unique constraint on it means a month is paid at most once.
 */
import { isMonth, type Month } from '../month';
import { SUBSIDY_PROGRAMS, type SubsidyProgram } from '../programs';

export interface BankKeyParts {
  program: SubsidyProgram;
  enrolmentId: string;
  month: Month;
}

export function bankKey(parts: BankKeyParts): string {
  return `${parts.program}:${parts.enrolmentId}:${parts.month}`;
}

/**
 * The parts of a key, or undefined when it is not one. The program has no colon and the month has
 * none, so an enrolment id that contains colons still reads back whole.
 */
export function parseBankKey(key: string): BankKeyParts | undefined {
  const first = key.indexOf(':');
  const last = key.lastIndexOf(':');
  if (first <= 0 || last <= first + 1) return undefined;
  const program = key.slice(0, first);
  const enrolmentId = key.slice(first + 1, last);
  const month = key.slice(last + 1);
  if (!(SUBSIDY_PROGRAMS as readonly string[]).includes(program) || !isMonth(month)) return undefined;
  return { program: program as SubsidyProgram, enrolmentId, month };
}
