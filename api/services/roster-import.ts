/**
 * Screening rosters (JSON or CSV, up to 5,000 rows): each row is validated on its own and opened
 * with the same checks and registration as `POST /v1/cases` (`CaseService.startCase`), with bounded
 * parallelism, so that good rows open even when others fail. Re-importing a roster whose rows
 * carry case ids is safe: they come back `existing`.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import { newCaseSchema, type FieldIssue } from '../../domain/schemas';
import type { Principal } from '../auth/tokens';
import { HttpProblem, problems } from '../problems';
import { REQUIRED_ROSTER_COLUMNS, ROSTER_COLUMNS as CSV_COLUMNS, type RosterColumn as CsvColumn } from '../../domain/roster';
import { importJsonBodySchema, MAX_IMPORT_ROWS, type ImportResult } from '../schemas';
import type { CaseService } from './cases.service';
import { concurrencyLimit } from './concurrency-limit';

export interface RosterRow {
  /** 1-based, the CSV header not counted. */
  row: number;
  input: unknown;
  /** Field problems found while reading the row (CSV only): the row fails with these. */
  readIssues: FieldIssue[];
}

export interface Roster {
  format: 'json' | 'csv';
  rows: RosterRow[];
}


/** Where each body field sits in the CSV, so that a CSV row's errors name its columns. */
const CSV_COLUMN_OF_PATH: Record<string, CsvColumn> = {
  'applicant.name': 'name',
  'applicant.idNumber': 'idNumber',
  'applicant.phone': 'phone',
  'applicant.town': 'town',
  'applicant.village': 'village',
  'applicant.guardian': 'guardianName',
  'applicant.guardian.name': 'guardianName',
  'applicant.guardian.phone': 'guardianPhone',
  'applicant.guardian.relation': 'guardianRelation',
};

const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', '是']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', '否']);

function csvBoolean(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  const word = text.toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return text; // the schema refuses it with "expected boolean"
}

function csvRowToBody(get: (column: CsvColumn) => string | undefined): unknown {
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

function parseCsvRoster(text: string): Roster {
  let records: string[][];
  try {
    records = parseCsv(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true, max_record_size: 64 * 1024 }) as string[][];
  } catch (error) {
    throw problems.validation([{ path: '', message: `the CSV cannot be read: ${(error as Error).message}` }], 'the CSV cannot be read');
  }
  const [header, ...data] = records;
  if (!header) throw problems.validation([{ path: 'header', message: 'the CSV is empty: expected a header row and at least one case' }]);
  const unknown = header.filter((column) => !(CSV_COLUMNS as readonly string[]).includes(column));
  const missing = REQUIRED_ROSTER_COLUMNS.filter((column) => !header.includes(column));
  const duplicated = header.filter((column, index) => header.indexOf(column) !== index);
  const headerIssues: FieldIssue[] = [
    ...unknown.map((column) => ({ path: 'header', message: `unknown column "${column.slice(0, 64)}"; expected ${CSV_COLUMNS.join(',')}` })),
    ...missing.map((column) => ({ path: 'header', message: `column "${column}" is required` })),
    ...duplicated.map((column) => ({ path: 'header', message: `column "${column.slice(0, 64)}" appears twice` })),
  ];
  if (headerIssues.length > 0) throw problems.validation(headerIssues, 'the CSV header is not valid');
  if (data.length === 0) throw problems.validation([{ path: '', message: 'the roster has no rows' }]);
  if (data.length > MAX_IMPORT_ROWS) throw problems.validation([{ path: '', message: `at most ${MAX_IMPORT_ROWS} rows, got ${data.length}` }]);
  const index = new Map(header.map((column, i) => [column as CsvColumn, i]));
  const rows = data.map((fields, i): RosterRow => {
    const get = (column: CsvColumn) => {
      const position = index.get(column);
      const value = position === undefined ? undefined : fields[position];
      return value === undefined || value === '' ? undefined : value;
    };
    const readIssues =
      fields.length === header.length ? [] : [{ path: '', message: `has ${fields.length} fields; the header has ${header.length}` }];
    return { row: i + 1, input: csvRowToBody(get), readIssues };
  });
  return { format: 'csv', rows };
}

/** The request body (a JSON `{ cases }` object or CSV text) as rows; the roster's own shape is checked here. */
export function parseRoster(body: unknown, contentType: string | undefined): Roster {
  if (typeof body === 'string' && /^text\/csv\b/i.test(contentType ?? '')) return parseCsvRoster(body);
  const parsed = importJsonBodySchema.safeParse(body);
  if (typeof body === 'string' || !parsed.success) {
    const issues = parsed.success ? [] : issuesOf(parsed.error);
    throw problems.validation(issues.length > 0 && typeof body !== 'string' ? issues : [{ path: '', message: 'send application/json { "cases": [...] } or text/csv' }]);
  }
  return { format: 'json', rows: parsed.data.cases.map((input, i) => ({ row: i + 1, input, readIssues: [] })) };
}

function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

function issuesOfProblem(problem: HttpProblem): FieldIssue[] {
  switch (problem.slug) {
    case 'validation':
      return problem.extra.errors ?? [{ path: '', message: problem.detail }];
    case 'duplicate-case':
      return [{ path: 'applicant.idNumber', message: `an open case exists for this ID number: ${problem.extra.existingCaseId}` }];
    case 'idempotency-conflict':
      return [{ path: 'caseId', message: problem.detail }];
    case 'person-inactive':
      return [{ path: 'applicant.idNumber', message: 'the person has died or moved out of the district (person registry)' }];
    default:
      return [{ path: '', message: `${problem.detail}; import the roster again to retry this row` }];
  }
}

export interface RosterImporterOptions {
  /** Workflows started at once: Temporal sees at most this many starts in flight. */
  parallelism: number;
}

/**
 * Rows registered ahead of the starts, per start in flight: registering (PostgreSQL) overlaps with
 * starting (Temporal), which sets the pace, so a start never waits for a registration.
 */
const REGISTERED_AHEAD_PER_START = 1;

export class RosterImporter {
  constructor(
    private readonly cases: CaseService,
    private readonly options: RosterImporterOptions,
  ) {}

  async importRows(roster: Roster, principal: Principal, log: FastifyBaseLogger, signal?: AbortSignal): Promise<ImportResult> {
    const total = roster.rows.length;
    const outcome = new Array<{ caseId?: string; created?: boolean; errors?: FieldIssue[] }>(total);
    const toCsvPath = (issue: FieldIssue): FieldIssue =>
      roster.format === 'csv' ? { ...issue, path: CSV_COLUMN_OF_PATH[issue.path] ?? issue.path } : issue;
    let next = 0;
    let done = 0;
    let lastProgress = Date.now();
    log.info({ rows: total, format: roster.format, parallelism: this.options.parallelism }, 'roster import started');

    // Validated up front, so that of two rows for one person the earlier one wins, whatever
    // order the parallel openings would finish in.
    const firstRowOfIdNumber = new Map<string, { row: number; caseId: string | undefined }>();
    const inputs = roster.rows.map((rosterRow, slot) => {
      if (rosterRow.readIssues.length > 0) {
        outcome[slot] = { errors: rosterRow.readIssues };
        return undefined;
      }
      const parsed = newCaseSchema.safeParse(rosterRow.input);
      if (!parsed.success) {
        outcome[slot] = { errors: issuesOf(parsed.error).map(toCsvPath) };
        return undefined;
      }
      const { idNumber } = parsed.data.applicant;
      const first = firstRowOfIdNumber.get(idNumber);
      if (!first) {
        firstRowOfIdNumber.set(idNumber, { row: rosterRow.row, caseId: parsed.data.caseId });
      } else if (first.caseId === undefined || first.caseId !== parsed.data.caseId) {
        outcome[slot] = { errors: [toCsvPath({ path: 'applicant.idNumber', message: `the same person is on row ${first.row} of this roster` })] };
        return undefined;
      }
      return parsed.data;
    });

    const startLimit = concurrencyLimit(this.options.parallelism);
    const importOne = async (rosterRow: RosterRow, slot: number): Promise<void> => {
      const input = inputs[slot];
      if (!input) return;
      try {
        outcome[slot] = await this.cases.startCase(input, principal, log, { signal, startLimit });
      } catch (error) {
        if (error instanceof HttpProblem) {
          outcome[slot] = { errors: issuesOfProblem(error).map(toCsvPath) };
        } else {
          log.warn({ row: rosterRow.row, err: error }, 'roster row could not be opened');
          outcome[slot] = { errors: [{ path: '', message: 'could not be opened now (Temporal or PostgreSQL did not answer); import the roster again to retry this row' }] };
        }
      }
    };

    const worker = async (): Promise<void> => {
      while (next < total && !signal?.aborted) {
        const slot = next++;
        await importOne(roster.rows[slot]!, slot);
        done++;
        if (Date.now() - lastProgress >= 5_000 || done % 500 === 0) {
          lastProgress = Date.now();
          log.info({ done, rows: total }, 'roster import progress');
        }
      }
    };
    const rowsInFlight = this.options.parallelism * (1 + REGISTERED_AHEAD_PER_START);
    await Promise.all(Array.from({ length: Math.min(rowsInFlight, total) }, worker));

    const result: ImportResult = { created: 0, existing: 0, failed: [], caseIds: [] };
    roster.rows.forEach((rosterRow, slot) => {
      const row = outcome[slot];
      if (!row) {
        result.failed.push({ row: rosterRow.row, errors: [{ path: '', message: 'not imported: the request was cancelled' }] });
      } else if (row.errors) {
        result.failed.push({ row: rosterRow.row, errors: row.errors });
      } else {
        if (row.created) result.created++;
        else result.existing++;
        result.caseIds.push(row.caseId!);
      }
    });
    log.info({ rows: total, created: result.created, existing: result.existing, failed: result.failed.length }, 'roster import finished');
    return result;
  }
}
