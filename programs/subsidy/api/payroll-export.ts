/**
 * A payroll's roster as a district office files it: CSV in UTF-8 with a BOM (so that a spreadsheet
 * reads the Chinese), one line per payroll line, ID and account numbers masked whatever the
 * reader's role. A cell a spreadsheet would take for a formula is written as text.
 */
import { maskAccountNumber } from '../../../domain/disclosure';
import { maskIdNumber } from '../../../domain/id-number';
import { DROP_REASON_TERMS, PAYROLL_LINE_STATUS_TERMS, type BankAccount, type DropReason, type PayrollLineRecord } from '../domain/index';
import { ACCOUNT_CLOSED } from '../activities/bank/payroll-bank';

export interface RosterPerson {
  name: string;
  idNumber: string;
  town: string;
}

export const PAYROLL_ROSTER_HEADER = ['序号', '补贴对象编号', '姓名', '身份证号', '乡镇', '月份', '金额（元）', '开户行', '账号', '状态', '说明'] as const;

function cell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

function reasonText(reason: string | null): string {
  if (reason === null) return '';
  if (reason === ACCOUNT_CLOSED) return '账户已销户或不可用，更正账户后下月补发';
  return DROP_REASON_TERMS[reason as DropReason]?.['zh-CN'] ?? reason;
}

export function payrollRosterCsv(lines: readonly PayrollLineRecord[], persons: ReadonlyMap<string, RosterPerson>, accounts: ReadonlyMap<string, BankAccount>): string {
  const rows = [PAYROLL_ROSTER_HEADER.join(',')];
  lines.forEach((line, index) => {
    const person = persons.get(line.personId);
    const account = accounts.get(line.enrolmentId);
    rows.push(
      [
        String(index + 1),
        line.enrolmentId,
        person?.name ?? '',
        person ? maskIdNumber(person.idNumber) : '',
        person?.town ?? '',
        line.month,
        yuan(line.amountFen),
        account?.bank ?? '',
        account ? maskAccountNumber(account.accountNo) : '',
        PAYROLL_LINE_STATUS_TERMS[line.status]['zh-CN'],
        reasonText(line.reason),
      ]
        .map(cell)
        .join(','),
    );
  });
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
