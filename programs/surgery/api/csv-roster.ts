/**
 * A CSV roster read while it arrives (csv-parse's streaming parser over the request stream): the
 * header is checked as soon as it is read, and reading stops at the first row over 5,000 or the
 * first byte over the size limit, so an oversized upload is refused without being read, and no
 * roster holds the event loop (csv-text.ts hands the parser small slices).
 */
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse } from 'csv-parse';
import { storableTextProblem, type FieldIssue } from '../../../domain/fields';
import { REQUIRED_ROSTER_COLUMNS, ROSTER_COLUMNS, type RosterColumn } from '../domain/roster';
import { HttpProblem, problems } from '../../../http/problems';
import { MAX_IMPORT_ROWS } from './route-schemas';
import { csvTextSlices, tooLarge } from '../../../http/csv-text';
import type { Roster, RosterRow } from './roster';

/** 5,000 rows of a few hundred bytes each, with room for long diagnoses. */
export const MAX_CSV_ROSTER_BYTES = 4 * 1024 * 1024;

const CSV_OPTIONS = { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true, max_record_size: 64 * 1024 } as const;

/**
 * The parsed roster as a request body. Its rows are kept out of sight of the generic body walk (the
 * text guard): text PostgreSQL cannot store is looked for while reading (naming row and column),
 * every other rule by the row's schema, where a bad field fails only its row.
 */
export class CsvRosterBody {
  readonly #roster: Roster;
  constructor(roster: Roster) {
    this.#roster = roster;
  }
  get roster(): Roster {
    return this.#roster;
  }
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', '是']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', '否']);

function csvBoolean(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  const word = text.toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return text; // the schema refuses it with "expected boolean"
}

function csvRowToBody(get: (column: RosterColumn) => string | undefined): unknown {
  const guardianGiven = get('guardianName') ?? get('guardianPhone') ?? get('guardianRelation');
  return {
    caseId: get('caseId'),
    applicant: {
      name: get('name'),
      idNumber: get('idNumber'),
      phone: get('phone'),
      town: get('town'),
      village: get('village'),
      guardian: guardianGiven === undefined ? undefined : { name: get('guardianName'), phone: get('guardianPhone'), relation: get('guardianRelation') },
    },
    diagnosis: get('diagnosis'),
    hospitalId: get('hospitalId'),
    insured: csvBoolean(get('insured')),
    assistanceCategory: get('assistanceCategory'),
    disabilityCertificate: get('disabilityCertificate'),
  };
}

function checkHeader(header: string[]): void {
  const unknown = header.filter((column) => !(ROSTER_COLUMNS as readonly string[]).includes(column));
  const missing = REQUIRED_ROSTER_COLUMNS.filter((column) => !header.includes(column));
  const duplicated = header.filter((column, index) => header.indexOf(column) !== index);
  const headerIssues: FieldIssue[] = [
    ...unknown.map((column) => ({ path: 'header', message: `unknown column "${column.slice(0, 64)}"; expected ${ROSTER_COLUMNS.join(',')}` })),
    ...missing.map((column) => ({ path: 'header', message: `column "${column}" is required` })),
    ...duplicated.map((column) => ({ path: 'header', message: `column "${column.slice(0, 64)}" appears twice` })),
  ];
  if (headerIssues.length > 0) throw problems.validation(headerIssues, 'the CSV header is not valid');
}

function rosterRow(header: string[], index: Map<RosterColumn, number>, fields: string[], row: number): RosterRow {
  // As anywhere in a request (the text guard): text PostgreSQL cannot store refuses the whole roster.
  const unstorable = fields.findIndex((field) => storableTextProblem(field) !== undefined);
  if (unstorable >= 0) {
    const column = (header[unstorable] ?? String(unstorable + 1)).slice(0, 64);
    throw problems.validation([{ path: `rows.${row}.${column}`, message: 'must be valid Unicode text without the NUL character (U+0000)' }]);
  }
  const get = (column: RosterColumn) => {
    const position = index.get(column);
    const value = position === undefined ? undefined : fields[position];
    return value === undefined || value === '' ? undefined : value;
  };
  const readIssues = fields.length === header.length ? [] : [{ path: '', message: `has ${fields.length} fields; the header has ${header.length}` }];
  return { row, input: csvRowToBody(get), readIssues };
}

function asProblem(error: unknown): unknown {
  if (error instanceof HttpProblem) return error;
  if (error instanceof CsvError) return problems.validation([{ path: '', message: `the CSV cannot be read: ${error.message}` }], 'the CSV cannot be read');
  return error;
}

export interface CsvUpload {
  contentType: string | undefined;
  /** Content-Length, when the client sent one: a roster declared too large is refused unread. */
  contentLength: string | undefined;
  maxBytes?: number;
}

export async function readCsvRoster(body: Readable, { contentType, contentLength, maxBytes = MAX_CSV_ROSTER_BYTES }: CsvUpload): Promise<Roster> {
  if (Number(contentLength ?? 0) > maxBytes) throw tooLarge(maxBytes);
  const parser = parse(CSV_OPTIONS);
  // Settles once the body is read or reading was abandoned; a refusal does not wait for it.
  void pipeline(csvTextSlices(body, contentType, maxBytes), parser).catch(() => undefined);
  let header: string[] | undefined;
  let index = new Map<RosterColumn, number>();
  const rows: RosterRow[] = [];
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      if (!header) {
        checkHeader(fields);
        header = fields;
        index = new Map(header.map((column, i) => [column as RosterColumn, i]));
      } else if (rows.length === MAX_IMPORT_ROWS) {
        throw problems.validation([{ path: '', message: `at most ${MAX_IMPORT_ROWS} rows; row ${MAX_IMPORT_ROWS + 1} is one too many` }]);
      } else {
        rows.push(rosterRow(header, index, fields, rows.length + 1));
      }
    }
  } catch (error) {
    throw asProblem(error);
  } finally {
    parser.destroy();
  }
  if (!header) throw problems.validation([{ path: 'header', message: 'the CSV is empty: expected a header row and at least one case' }]);
  if (rows.length === 0) throw problems.validation([{ path: '', message: 'the roster has no rows' }]);
  return { format: 'csv', rows };
}
