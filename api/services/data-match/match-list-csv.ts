/**
 * A month's list of life events read while it arrives: the same streamed decoding as the case
 * roster (http/csv-text.ts: UTF-8 with or without a BOM, or GB18030, in small slices with turns of
 * the event loop between them) into csv-parse. The header is checked as soon as it is read, and
 * reading stops at row 50,001, so an oversized list is refused before it is all read. Each row is
 * checked on its own: a bad row is reported (row, line, fields) and the others go on, as the case
 * roster does. The batch id is a hash of the text, so the same list sent again names the same batch.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { storableTextProblem, type FieldIssue } from '../../../domain/fields';
import {
  MATCH_COLUMNS,
  MATCH_HEADERS,
  MAX_MATCH_ROWS,
  matchCategoryOf,
  matchColumnOf,
  matchEventTypeOf,
  matchRowSchema,
  REQUIRED_MATCH_COLUMNS,
  type FailedMatchRow,
  type MatchColumn,
} from '../../../domain/data-match';
import { csvTextSlices, tooLarge } from '../../../http/csv-text';
import { EventLoopTurns } from '../../../http/event-loop-turns';
import { HttpProblem, problems } from '../../../http/problems';
import type { NewBatchRow } from '../../../store/life-event-batches';

/** 50,000 rows of about a hundred bytes, with room for long source names. */
export const MAX_MATCH_LIST_BYTES = 16 * 1024 * 1024;

const CSV_OPTIONS = { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true, max_record_size: 64 * 1024, info: true } as const;

export interface MatchList {
  batchId: string;
  /** Data rows of the file, readable or not. */
  total: number;
  rows: NewBatchRow[];
  failed: FailedMatchRow[];
}

/** The parsed list as a request body, out of sight of the generic body walk (as the case roster's is). */
export class MatchListBody {
  readonly #list: MatchList;
  constructor(list: MatchList) {
    this.#list = list;
  }
  get list(): MatchList {
    return this.#list;
  }
}

function checkHeader(header: string[]): MatchColumn[] {
  const columns = header.map(matchColumnOf);
  const expected = MATCH_COLUMNS.map((column) => MATCH_HEADERS[column]).join(',');
  const issues: FieldIssue[] = [
    ...header.filter((_, i) => columns[i] === undefined).map((column) => ({ path: 'header', message: `unknown column "${column.slice(0, 64)}"; expected ${expected} (or ${MATCH_COLUMNS.join(',')})` })),
    ...REQUIRED_MATCH_COLUMNS.filter((column) => !columns.includes(column)).map((column) => ({ path: 'header', message: `column "${MATCH_HEADERS[column]}" (${column}) is required` })),
    ...header.filter((_, i) => columns[i] !== undefined && columns.indexOf(columns[i]) !== i).map((column) => ({ path: 'header', message: `column "${column.slice(0, 64)}" appears twice` })),
  ];
  if (issues.length > 0) throw problems.validation(issues, 'the CSV header is not valid');
  return columns as MatchColumn[];
}

/** The row as a checked record, or its field problems (paths are the API's column names). */
function readRow(columns: MatchColumn[], fields: string[], row: number, line: number): NewBatchRow | FailedMatchRow {
  const unstorable = fields.findIndex((field) => storableTextProblem(field) !== undefined);
  if (unstorable >= 0) return { row, line, errors: [{ path: columns[unstorable] ?? '', message: 'must be valid Unicode text without the NUL character (U+0000)' }] };
  if (fields.length !== columns.length) return { row, line, errors: [{ path: '', message: `has ${fields.length} fields; the header has ${columns.length}` }] };
  const get = (column: MatchColumn) => {
    const value = fields[columns.indexOf(column)];
    return value === undefined || value === '' ? undefined : value;
  };
  const type = get('type');
  const category = get('assistanceCategory');
  const parsed = matchRowSchema.safeParse({
    idNumber: get('idNumber'),
    name: get('name'),
    type: type === undefined ? undefined : matchEventTypeOf(type),
    on: get('on'),
    source: get('source'),
    assistanceCategory: category === undefined ? undefined : matchCategoryOf(category),
  });
  if (!parsed.success) return { row, line, errors: parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })) };
  const { idNumber, name, on, source, assistanceCategory } = parsed.data;
  return { row, line, idNumber, name, type: parsed.data.type, on, source, assistanceCategory: assistanceCategory ?? null };
}

function asProblem(error: unknown): unknown {
  if (error instanceof HttpProblem) return error;
  if (error instanceof CsvError) return problems.validation([{ path: '', message: `the CSV cannot be read: ${error.message}` }], 'the CSV cannot be read');
  return error;
}

/** The text's slices, hashed as they pass: the hash is of the text, so the same list in UTF-8 or GB18030 is the same batch. */
async function* hashed(slices: AsyncGenerator<string>, hash: ReturnType<typeof createHash>): AsyncGenerator<string> {
  for await (const slice of slices) {
    hash.update(slice);
    yield slice;
  }
}

export interface MatchListUpload {
  contentType: string | undefined;
  contentLength: string | undefined;
  maxBytes?: number;
}

export async function readMatchList(body: Readable, { contentType, contentLength, maxBytes = MAX_MATCH_LIST_BYTES }: MatchListUpload): Promise<MatchList> {
  if (Number(contentLength ?? 0) > maxBytes) throw tooLarge(maxBytes);
  const hash = createHash('sha256');
  const parser = parse(CSV_OPTIONS);
  void pipeline(hashed(csvTextSlices(body, contentType, maxBytes), hash), parser).catch(() => undefined);
  let columns: MatchColumn[] | undefined;
  let total = 0;
  const rows: NewBatchRow[] = [];
  const failed: FailedMatchRow[] = [];
  const turns = new EventLoopTurns();
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!columns) {
        columns = checkHeader(record);
      } else if (total === MAX_MATCH_ROWS) {
        throw problems.validation([{ path: '', message: `at most ${MAX_MATCH_ROWS} rows; row ${MAX_MATCH_ROWS + 1} is one too many` }]);
      } else {
        total++;
        const read = readRow(columns, record, total, info.lines);
        if ('errors' in read) failed.push(read);
        else rows.push(read);
        if (turns.due) await turns.take();
      }
    }
  } catch (error) {
    throw asProblem(error);
  } finally {
    parser.destroy();
  }
  if (!columns) throw problems.validation([{ path: 'header', message: 'the CSV is empty: expected a header row and at least one row' }]);
  if (total === 0) throw problems.validation([{ path: '', message: 'the list has no rows' }]);
  return { batchId: `LB-${hash.digest('hex').slice(0, 24)}`, total, rows, failed };
}
