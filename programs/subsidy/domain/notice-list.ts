/**
 * The public-notice list (公示名单) of a month's new enrolments: who was approved for a subsidy
 * that month, as the district posts it for objections. A posted list shows ID numbers masked,
 * whoever prints it. Pure: the rows come from the read models, the text from here.
 */
import { CATEGORY_TERMS } from '../../../domain/glossary';
import type { Lang } from '../../../domain/i18n/lang';
import { maskIdNumber } from '../../../domain/id-number';
import { formatAmount } from '../../../domain/money';
import type { AssistanceCategory } from './person-facts';
import { SUBSIDY_PROGRAM_TERMS } from './glossary';
import type { Day } from './month';
import type { SubsidyProgram } from './programs';

export interface NoticeListRow {
  name: string;
  town: string;
  /** The full number: masked here, never by the caller's memory. */
  idNumber: string;
  program: SubsidyProgram;
  /** The disability grade and assistance category the decision read. */
  grade: number | null;
  assistanceCategory: AssistanceCategory;
  monthlyFen: number;
  /** The day of the approving decision, in Asia/Shanghai. */
  approvedOn: Day;
}

const HEADERS: Record<Lang, readonly string[]> = {
  'zh-CN': ['姓名', '乡镇', '身份证号', '补贴项目', '残疾等级/救助类别', '每月金额（元）', '批准日期'],
  en: ['Name', 'Town', 'ID number', 'Subsidy', 'Grade / category', 'Monthly amount (yuan)', 'Approved on'],
};

const GRADE_IN_CHINESE = ['', '一级', '二级', '三级', '四级'];

function gradeAndCategory(row: NoticeListRow, lang: Lang): string {
  const category = CATEGORY_TERMS[row.assistanceCategory][lang];
  if (row.grade === null) return lang === 'en' ? `no certificate / ${category}` : `无残疾证/${category}`;
  const grade = lang === 'en' ? `grade ${row.grade}` : (GRADE_IN_CHINESE[row.grade] ?? `${row.grade}级`);
  return `${grade}/${category}`;
}

/** One CSV cell: quoted when it must be, and never read as a formula by a spreadsheet program. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The list as CSV: UTF-8 with a byte-order mark (so spreadsheet programs read the Chinese), CRLF lines. */
export function noticeListCsv(rows: readonly NoticeListRow[], lang: Lang): string {
  const lines = [
    HEADERS[lang],
    ...rows.map((row) => [
      row.name,
      row.town,
      maskIdNumber(row.idNumber),
      SUBSIDY_PROGRAM_TERMS[row.program][lang],
      gradeAndCategory(row, lang),
      formatAmount(row.monthlyFen).replaceAll(',', ''),
      row.approvedOn,
    ]),
  ];
  return `\ufeff${lines.map((cells) => cells.map(cell).join(',')).join('\r\n')}\r\n`;
}
