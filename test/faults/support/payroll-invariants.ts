/**
 * What a payroll must leave behind after any fault, checked from PostgreSQL alone: the payroll
 * invariant across every payroll of the program (at most one PAID line and one PAID month per
 * program, enrolment and month, the two agreeing; every reconciled payroll's stated total = the sum
 * of its PAID lines = the bank's books for it), and, for one payroll, each of its PAID lines paid
 * exactly once in the bank's books, at the line's amount, with nothing paid by the bank that the
 * payroll does not hold as PAID.
 */
import type { Kysely } from 'kysely';
import type { SubsidyProgram } from '../../../programs/subsidy/domain/index';
import { readPayrollLines } from '../../../programs/subsidy/store/payroll-lines';
import { listSandboxBankRecords } from '../../../programs/subsidy/store/sandbox-bank';
import type { Database } from '../../../store/schema';
import { payrollInvariantProblems } from '../../programs/subsidy/payroll/payroll-invariant';

export async function payrollFaultProblems(db: Kysely<Database>, program: SubsidyProgram, payrollId: string): Promise<string[]> {
  const problems = await payrollInvariantProblems(db, program);
  const paidLines = (await readPayrollLines(db, payrollId)).filter((line) => line.status === 'PAID');
  const bankPaid = (await listSandboxBankRecords(db, payrollId, 10_000_000)).filter((record) => record.status === 'PAID');
  const bankByKey = new Map<string, number[]>();
  for (const record of bankPaid) bankByKey.set(record.key, [...(bankByKey.get(record.key) ?? []), record.amountFen]);
  const lineKeys = new Set<string>();
  for (const line of paidLines) {
    lineKeys.add(line.key);
    const booked = bankByKey.get(line.key) ?? [];
    if (booked.length !== 1) problems.push(`${payrollId}: ${line.key} is PAID on the roster and ${booked.length} times in the bank's books`);
    else if (booked[0] !== line.amountFen) problems.push(`${payrollId}: ${line.key} is ${line.amountFen} fen on the roster, ${booked[0]} in the bank's books`);
  }
  for (const key of bankByKey.keys()) if (!lineKeys.has(key)) problems.push(`${payrollId}: the bank paid ${key}, which the roster does not hold as PAID`);
  return problems;
}
