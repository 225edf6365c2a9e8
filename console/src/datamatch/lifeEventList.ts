/**
 * The month's list from another office (deaths, household registrations moved out, changes of
 * assistance category) as the data match reads it: the same header names, type words, row limit and
 * per-row checks as the API, so that the clerk sees before uploading what the server will refuse.
 * The server decides; this only warns.
 */
import { MATCH_COLUMNS, MATCH_EVENT_TYPES, MATCH_HEADERS, MAX_MATCH_ROWS, REQUIRED_MATCH_COLUMNS, matchColumnOf, matchEventTypeOf, type MatchColumn } from '@domain/data-match';
import { idNumberProblem } from '@domain/id-number';
import { isoDaySchema } from '@domain/fields';
import { categoryOf } from '@surgery/roster';
import type { MatchedLifeEventType } from '../api/types';
import { parseCsvLines } from '../importing/csv';

/** The API refuses a longer list as a whole. */
export const MAX_LIST_ROWS = MAX_MATCH_ROWS;

/** The columns, their Chinese headers and the three types are the API's own (domain/data-match.ts). */
export type ListColumn = MatchColumn;
export const LIST_HEADERS = MATCH_HEADERS;
export const MATCHED_TYPES: readonly MatchedLifeEventType[] = MATCH_EVENT_TYPES;

/** A type by its API spelling or its Chinese word, read as the API reads it; undefined when it is neither. */
export function lifeEventTypeOf(value: string): MatchedLifeEventType | undefined {
  const type = matchEventTypeOf(value);
  return MATCHED_TYPES.find((candidate) => candidate === type);
}

export type ListRow = Record<ListColumn, string>;

export interface LifeEventList {
  header: string[];
  missingColumns: ListColumn[];
  unknownColumns: string[];
  /** Whether the recognised columns are named in English (the API's names), in Chinese, or both. */
  headerLanguage: 'en' | 'zh' | 'mixed' | null;
  rows: ListRow[];
  /** The file's line of each row (the header is line 1), as the spreadsheet numbers it. */
  lines: number[];
}

export function readLifeEventList(text: string): LifeEventList {
  const [header = { cells: [], line: 1 }, ...records] = parseCsvLines(text);
  const names = header.cells.map((cell) => cell.trim());
  const columns = names.map(matchColumnOf);
  const rows = records.map((record) => {
    const row = Object.fromEntries(MATCH_COLUMNS.map((column) => [column, ''])) as ListRow;
    columns.forEach((column, index) => {
      if (column) row[column] = (record.cells[index] ?? '').trim();
    });
    return row;
  });
  const recognised = names.filter((_, index) => columns[index] !== undefined);
  const english = recognised.filter((name) => /^[A-Za-z]/.test(name)).length;
  const headerLanguage = recognised.length === 0 ? null : english === recognised.length ? 'en' : english === 0 ? 'zh' : 'mixed';
  return {
    header: names,
    missingColumns: REQUIRED_MATCH_COLUMNS.filter((column) => !columns.includes(column)),
    unknownColumns: names.filter((name, index) => columns[index] === undefined && name !== ''),
    headerLanguage,
    rows,
    lines: records.map((record) => record.line),
  };
}

/** What is wrong with a row, as a key the page words in the clerk's language (the value is never an ID number). */
export type RowIssue =
  | { column: 'idNumber'; kind: 'required' | 'idFormat' | 'idBirthDate' | 'idCheckDigit' }
  | { column: 'name' | 'on' | 'source'; kind: 'required' }
  | { column: 'on'; kind: 'day'; value: string }
  | { column: 'type'; kind: 'required' }
  | { column: 'type'; kind: 'type'; value: string }
  | { column: 'assistanceCategory'; kind: 'required' }
  | { column: 'assistanceCategory'; kind: 'category'; value: string };

export interface CheckedListRow {
  /** The file's line (the header is line 1). */
  line: number;
  row: ListRow;
  /** The row's type when it is one of the list's three. */
  type: MatchedLifeEventType | undefined;
  issues: RowIssue[];
}

function idNumberIssue(idNumber: string): RowIssue | undefined {
  if (idNumber === '') return { column: 'idNumber', kind: 'required' };
  const problem = idNumberProblem(idNumber.toUpperCase());
  if (problem === undefined) return undefined;
  if (/17 digits/.test(problem)) return { column: 'idNumber', kind: 'idFormat' };
  if (/birth date/.test(problem)) return { column: 'idNumber', kind: 'idBirthDate' };
  return { column: 'idNumber', kind: 'idCheckDigit' };
}

/** Every problem of a row at once, so that one pass over the file shows everything to correct. */
export function checkListRow(row: ListRow, line: number): CheckedListRow {
  const issues: RowIssue[] = [];
  const idIssue = idNumberIssue(row.idNumber);
  if (idIssue) issues.push(idIssue);
  if (row.name === '') issues.push({ column: 'name', kind: 'required' });
  const type = row.type === '' ? undefined : lifeEventTypeOf(row.type);
  if (row.type === '') issues.push({ column: 'type', kind: 'required' });
  else if (type === undefined) issues.push({ column: 'type', kind: 'type', value: row.type });
  if (row.on === '') issues.push({ column: 'on', kind: 'required' });
  else if (!isoDaySchema.safeParse(row.on).success) issues.push({ column: 'on', kind: 'day', value: row.on });
  if (row.source === '') issues.push({ column: 'source', kind: 'required' });
  if (type === 'ASSISTANCE_CHANGED') {
    if (row.assistanceCategory === '') issues.push({ column: 'assistanceCategory', kind: 'required' });
    else if (categoryOf(row.assistanceCategory) === undefined) issues.push({ column: 'assistanceCategory', kind: 'category', value: row.assistanceCategory });
  }
  return { line, row, type, issues };
}

export function checkLifeEventList(list: LifeEventList): CheckedListRow[] {
  return list.rows.map((row, index) => checkListRow(row, list.lines[index] ?? index + 2));
}

/** How many rows of each type the list holds; `unknown` counts the rows whose type is none of them. */
export function countByType(rows: readonly CheckedListRow[]): Record<MatchedLifeEventType | 'unknown', number> {
  const counts = { DIED: 0, MOVED_OUT: 0, ASSISTANCE_CHANGED: 0, unknown: 0 };
  for (const row of rows) counts[row.type ?? 'unknown'] += 1;
  return counts;
}
