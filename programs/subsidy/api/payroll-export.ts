/**
 * A payroll's roster as a district office files it: one row per payroll line (dropped and returned
 * ones too, with why), ID and account numbers masked whatever the reader's role. Written as CSV or
 * as a spreadsheet by payroll-sheet-writers.ts; the header in the reader's language, Chinese first.
 */
import { maskAccountNumber } from '../../../domain/disclosure';
import type { Lang } from '../../../domain/i18n/lang';
import { maskIdNumber } from '../../../domain/id-number';
import { DROP_REASON_TERMS, PAYROLL_LINE_STATUS_TERMS, type BankAccount, type DropReason, type PayrollLineRecord } from '../domain/index';
import { ACCOUNT_CLOSED } from '../activities/bank/payroll-bank';
import type { SheetColumn, SheetRow } from './payroll-sheet';
import { csvHeader, csvRow } from './payroll-sheet-writers';

export interface RosterPerson {
  name: string;
  idNumber: string;
  town: string;
}

export const PAYROLL_ROSTER_COLUMNS: readonly SheetColumn[] = [
  { header: { 'zh-CN': '序号', en: 'No.' }, kind: 'text', width: 8 },
  { header: { 'zh-CN': '补贴对象编号', en: 'Enrolment' }, kind: 'text', width: 22 },
  { header: { 'zh-CN': '姓名', en: 'Name' }, kind: 'text', width: 12 },
  { header: { 'zh-CN': '身份证号', en: 'ID number' }, kind: 'text', width: 21 },
  { header: { 'zh-CN': '乡镇', en: 'Town' }, kind: 'text', width: 12 },
  { header: { 'zh-CN': '月份', en: 'Month' }, kind: 'text', width: 10 },
  { header: { 'zh-CN': '金额（元）', en: 'Amount (yuan)' }, kind: 'fen', width: 14 },
  { header: { 'zh-CN': '开户行', en: 'Bank' }, kind: 'text', width: 24 },
  { header: { 'zh-CN': '账号', en: 'Account number' }, kind: 'text', width: 24 },
  { header: { 'zh-CN': '状态', en: 'Status' }, kind: 'text', width: 12 },
  { header: { 'zh-CN': '说明', en: 'Note' }, kind: 'text', width: 36 },
];

/** The Chinese header, as a CSV's first row has it by default. */
export const PAYROLL_ROSTER_HEADER = PAYROLL_ROSTER_COLUMNS.map((column) => column.header['zh-CN']);

const RETURNED_ACCOUNT_CLOSED = { 'zh-CN': '账户已销户或不可用，更正账户后下月补发', en: 'account closed or unusable; paid the month after it is corrected' };

function reasonText(reason: string | null, lang: Lang): string {
  if (reason === null) return '';
  if (reason === ACCOUNT_CLOSED) return RETURNED_ACCOUNT_CLOSED[lang];
  return DROP_REASON_TERMS[reason as DropReason]?.[lang] ?? reason;
}

/** The roster's row of a line, `number` its place in the roster (from 1); the amount in fen. */
export function rosterRow(number: number, line: PayrollLineRecord, person: RosterPerson | undefined, account: BankAccount | undefined, lang: Lang): SheetRow {
  return [
    String(number),
    line.enrolmentId,
    person?.name ?? '',
    person ? maskIdNumber(person.idNumber) : '',
    person?.town ?? '',
    line.month,
    line.amountFen,
    account?.bank ?? '',
    account ? maskAccountNumber(account.accountNo) : '',
    PAYROLL_LINE_STATUS_TERMS[line.status][lang],
    reasonText(line.reason, lang),
  ];
}

/** The whole roster as CSV text (UTF-8 with a BOM), for lines already in memory. */
export function payrollRosterCsv(lines: readonly PayrollLineRecord[], persons: ReadonlyMap<string, RosterPerson>, accounts: ReadonlyMap<string, BankAccount>, lang: Lang = 'zh-CN'): string {
  const sheet = { columns: PAYROLL_ROSTER_COLUMNS };
  return (
    csvHeader(PAYROLL_ROSTER_COLUMNS, lang) +
    lines.map((line, index) => csvRow(sheet, rosterRow(index + 1, line, persons.get(line.personId), accounts.get(line.enrolmentId), lang))).join('')
  );
}
