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
import { categoryOf, insuredOf, isExampleRow, REQUIRED_ROSTER_COLUMNS, ROSTER_COLUMNS, ROSTER_HEADERS, rosterColumnOf, type RosterColumn } from '../domain/roster';
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

/** 是/否 or the API's own words; anything else is left for the schema to refuse ("expected boolean"). */
function csvBoolean(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  return insuredOf(text) ?? text;
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
    // A category by its code or its Chinese label (低保对象); anything else for the schema to refuse.
    assistanceCategory: get('assistanceCategory') === undefined ? undefined : (categoryOf(get('assistanceCategory')!) ?? get('assistanceCategory')),
    disabilityCertificate: get('disabilityCertificate'),
  };
}

/** The header's columns, by the API's names or the template's Chinese ones (a trailing * marks a required column). */
function checkHeader(header: string[]): RosterColumn[] {
  const columns = header.map(rosterColumnOf);
  const unknown = header.filter((_, i) => columns[i] === undefined);
  const missing = REQUIRED_ROSTER_COLUMNS.filter((column) => !columns.includes(column));
  const duplicated = header.filter((_, i) => columns[i] !== undefined && columns.indexOf(columns[i]) !== i);
  const expected = ROSTER_COLUMNS.map((column) => ROSTER_HEADERS[column]).join(',');
  const headerIssues: FieldIssue[] = [
    ...unknown.map((column) => ({ path: 'header', message: `unknown column "${column.slice(0, 64)}"; expected ${expected} (or ${ROSTER_COLUMNS.join(',')})` })),
    ...missing.map((column) => ({ path: 'header', message: `column "${ROSTER_HEADERS[column]}" (${column}) is required` })),
    ...duplicated.map((column) => ({ path: 'header', message: `column "${column.slice(0, 64)}" appears twice` })),
  ];
  if (headerIssues.length > 0) throw problems.validation(headerIssues, 'the CSV header is not valid');
  return columns as RosterColumn[];
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
        const columns = checkHeader(fields);
        header = fields;
        index = new Map(columns.map((column, i) => [column, i]));
      } else if (isExampleRow(fields[0])) {
        // The template's example line (示例…): not a case.
        continue;
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
