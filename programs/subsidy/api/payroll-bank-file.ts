/**
 * The bank file: what a bank takes to pay a payroll, one row per line sent to it, with the FULL
 * account number. Only finance downloads it (they pay into these accounts; disclosure.ts), only
 * once the payroll is approved (BANK_FILE_STAGES, the payroll core's), and every download is recorded
 * (store/payroll-bank-file-downloads.ts).
 *
 * The lines are those the payroll sends (every line but the dropped ones), keyed as the bank knows
 * them (`<program>:<enrolmentId>:<month>`), so that the bank's books and this file match key for key.
 * The account is the one the enrolment holds when the file is made.
 */
import type { BankAccount, PayrollLineRecord } from '../domain/index';
import type { SheetColumn, SheetRow } from './payroll-sheet';

export const BANK_FILE_COLUMNS: readonly SheetColumn[] = [
  { header: { 'zh-CN': '业务编号', en: 'Bank key' }, kind: 'text', width: 44 },
  { header: { 'zh-CN': '户名', en: 'Account holder' }, kind: 'text', width: 12 },
  { header: { 'zh-CN': '开户行', en: 'Bank' }, kind: 'text', width: 24 },
  { header: { 'zh-CN': '账号', en: 'Account number' }, kind: 'text', width: 24 },
  { header: { 'zh-CN': '金额（元）', en: 'Amount (yuan)' }, kind: 'fen', width: 14 },
];

/** True for a line the bank is asked to pay (a dropped line was never sent). */
export function goesToTheBank(line: Pick<PayrollLineRecord, 'status'>): boolean {
  return line.status !== 'DROPPED';
}

/** The bank file's row of a line: the account holder is the person the subsidy is paid to. */
export function bankFileRow(line: PayrollLineRecord, holderName: string, account: BankAccount | undefined): SheetRow {
  return [line.key, holderName, account?.bank ?? '', account?.accountNo ?? '', line.amountFen];
}
