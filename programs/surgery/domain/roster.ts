import { CATEGORY_TERMS } from '../../../domain/glossary';
import { ASSISTANCE_CATEGORIES } from '../../../domain/fields';
import { idNumberCheckCharacter } from '../../../domain/id-number';
/** The screening roster's CSV columns, as the import names them: the API parses them, the console writes them. */
export const ROSTER_COLUMNS = [
  'caseId',
  'name',
  'idNumber',
  'phone',
  'town',
  'village',
  'diagnosis',
  'hospitalId',
  'insured',
  'assistanceCategory',
  'disabilityCertificate',
  'guardianName',
  'guardianPhone',
  'guardianRelation',
] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];

/** Columns a roster must have; the others may be left out. */
export const REQUIRED_ROSTER_COLUMNS: readonly RosterColumn[] = ['name', 'idNumber', 'town', 'diagnosis', 'hospitalId', 'assistanceCategory'];

// ---- the roster as a clerk writes it in a spreadsheet: Chinese headers, hospitals by name,
// categories by label (低保对象), 是/否 — read into the API's own values by the console's preview
// and by the import alike.

/** The header a clerk sees in the template, one per column; the API's own names are accepted too. */
export const ROSTER_HEADERS: Record<RosterColumn, string> = {
  caseId: '个案编号',
  name: '姓名',
  idNumber: '身份证号',
  phone: '联系电话',
  town: '镇/街道',
  village: '村/社区',
  diagnosis: '诊断',
  hospitalId: '定点医院',
  insured: '参加城乡居民医保',
  assistanceCategory: '救助类别',
  disabilityCertificate: '残疾证号',
  guardianName: '监护人姓名',
  guardianPhone: '监护人电话',
  guardianRelation: '与申请人关系',
};

/** The template marks required columns with a trailing "*", as forms do; it is not part of the name. */
export function rosterColumnOf(header: string): RosterColumn | undefined {
  const name = header.trim().replace(/\s*[*＊]$/, '');
  if ((ROSTER_COLUMNS as readonly string[]).includes(name)) return name as RosterColumn;
  return ROSTER_COLUMNS.find((column) => ROSTER_HEADERS[column] === name);
}

export function rosterHeaderOf(column: RosterColumn): string {
  return REQUIRED_ROSTER_COLUMNS.includes(column) ? `${ROSTER_HEADERS[column]}*` : ROSTER_HEADERS[column];
}

/** A category by its code or by its Chinese label; undefined when it is neither. */
export function categoryOf(value: string): string | undefined {
  const text = value.trim();
  if ((ASSISTANCE_CATEGORIES as readonly string[]).includes(text.toUpperCase())) return text.toUpperCase();
  return ASSISTANCE_CATEGORIES.find((code) => CATEGORY_TERMS[code]['zh-CN'] === text);
}

export const CATEGORY_CHOICES: readonly string[] = ASSISTANCE_CATEGORIES.map((code) => CATEGORY_TERMS[code]['zh-CN']);

/** 是/否 and the API's own spellings; undefined when it is none of them. */
export function insuredOf(value: string): boolean | undefined {
  const text = value.trim().toLowerCase();
  if (['是', 'true', '1', 'yes', 'y'].includes(text)) return true;
  if (['否', 'false', '0', 'no', 'n'].includes(text)) return false;
  return undefined;
}

/** A hospital by its id or by its name in the registry; undefined when it is neither. */
export function hospitalIdOf(value: string, hospitals: readonly { id: string; name: string }[]): string | undefined {
  const text = value.trim();
  return hospitals.find((hospital) => hospital.id === text || hospital.name === text)?.id;
}

/** A row the template's example line marks: not imported. */
export function isExampleRow(firstCell: string | undefined): boolean {
  return /^\s*(示例|example)/i.test(firstCell ?? '');
}

/** The template's example line: every column filled as a clerk would, with a made-up but well-formed ID number. */
export function rosterExampleRow(hospitalName: string): string[] {
  const first17 = '62060219800101123';
  const values: Record<RosterColumn, string> = {
    caseId: '示例（导入时跳过此行）',
    name: '张三',
    idNumber: `${first17}${idNumberCheckCharacter(first17)}`,
    phone: '13800000000',
    town: '黄羊镇',
    village: '新店村',
    diagnosis: '先天性马蹄内翻足',
    hospitalId: hospitalName,
    insured: '是',
    assistanceCategory: '低保对象',
    disabilityCertificate: '',
    guardianName: '',
    guardianPhone: '',
    guardianRelation: '',
  };
  return ROSTER_COLUMNS.map((column) => values[column]);
}

/**
 * The roster template a clerk fills in: the Chinese header (required columns starred) and one
 * example line, which the import skips. UTF-8 with a byte-order mark, so that a spreadsheet
 * program opens it in the right encoding.
 */
export function rosterTemplateCsv(hospitalName: string): string {
  const lines = [ROSTER_COLUMNS.map(rosterHeaderOf), rosterExampleRow(hospitalName)].map((cells) => cells.join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
