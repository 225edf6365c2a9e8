/**
 * The payroll's invariant, checked against the database as it stands: across every payroll a
 * program's enrolment and month is paid at most once (one PAID line per key, one PAID month row per
 * key, and the two agree), and every reconciled payroll's paid total equals the sum of its PAID lines
 * equals what the bank recorded as paid for it; and every payroll's stated totals, at any stage, are
 * its lines' (a batch's step moves them by its own lines only).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../../store/schema';
import { bankKey, type SubsidyProgram } from '../../../../programs/subsidy/domain/index';
import { paidMonthRows } from '../../../../programs/subsidy/store/enrolment-months';
import { paidLinesOf, payrollLineTotals, readPayrollLines } from '../../../../programs/subsidy/store/payroll-lines';
import { listPayrolls } from '../../../../programs/subsidy/store/payrolls';
import { listSandboxBankRecords } from '../../../../programs/subsidy/store/sandbox-bank';

export async function payrollInvariantProblems(db: Kysely<Database>, program: SubsidyProgram): Promise<string[]> {
  const problems: string[] = [];
  const paidLines = await paidLinesOf(db, program);
  const linesByKey = new Map<string, number>();
  for (const line of paidLines) linesByKey.set(line.key, (linesByKey.get(line.key) ?? 0) + 1);
  for (const [key, count] of linesByKey) if (count > 1) problems.push(`${key} has ${count} PAID lines`);
  const paidMonths = await paidMonthRows(db, program);
  const monthKeys = new Set(paidMonths.map((row) => bankKey({ program, enrolmentId: row.enrolmentId, month: row.month })));
  for (const key of monthKeys) if (!linesByKey.has(key)) problems.push(`${key} is PAID in the months table without a PAID line`);
  for (const key of linesByKey.keys()) if (!monthKeys.has(key)) problems.push(`${key} has a PAID line but its month is not PAID`);
  const bankPaid = (await listSandboxBankRecords(db, undefined, 1_000_000)).filter((record) => record.status === 'PAID');
  const bankPaidKeys = new Map<string, number>();
  for (const record of bankPaid) bankPaidKeys.set(record.key, (bankPaidKeys.get(record.key) ?? 0) + 1);
  for (const [key, count] of bankPaidKeys) if (count > 1) problems.push(`the bank paid ${key} ${count} times`);
  for (const payroll of await listPayrolls(db, program, 1000)) {
    const lineTotals = await payrollLineTotals(db, payroll.payrollId);
    const fields = ['lines', 'totalFen', 'paidFen', 'returnedFen', 'pendingFen'] as const;
    if (fields.some((field) => payroll.totals[field] !== lineTotals[field])) problems.push(`${payroll.payrollId}: totals ${JSON.stringify(payroll.totals)}, its lines ${JSON.stringify(lineTotals)}`);
    if (payroll.stage !== 'RECONCILED') continue;
    const linesFen = (await readPayrollLines(db, payroll.payrollId)).filter((line) => line.status === 'PAID').reduce((sum, line) => sum + line.amountFen, 0);
    const bankFen = bankPaid.filter((record) => record.payrollId === payroll.payrollId).reduce((sum, record) => sum + record.amountFen, 0);
    if (payroll.paidFen !== linesFen || linesFen !== bankFen || payroll.totals.paidFen !== linesFen) {
      problems.push(`${payroll.payrollId}: stated ${payroll.paidFen}, totals ${payroll.totals.paidFen}, PAID lines ${linesFen}, bank ${bankFen}`);
    }
  }
  return problems;
}
