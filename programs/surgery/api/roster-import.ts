/**
 * Screening rosters (JSON or CSV, up to 5,000 rows): each row is validated on its own and opened
 * with the same checks and registration as `POST /v1/cases` (`CaseOpening.startCase`), with bounded
 * parallelism, so that good rows open even when others fail. Re-importing a roster whose rows
 * carry case ids is safe: they come back `existing`. A CSV roster arrives already read (csv-roster.ts).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import { newCaseSchema, type NewCaseInput } from '../domain/schemas';
import type { FieldIssue } from '../../../domain/fields';
import type { Principal } from '../../../http/auth/tokens';
import { HttpProblem, problems } from '../../../http/problems';
import type { RosterColumn as CsvColumn } from '../domain/roster';
import { importJsonBodySchema, type ImportResult } from './route-schemas';
import type { CaseOpening } from './case-opening';
import { concurrencyLimit } from '../../../http/concurrency-limit';
import { EventLoopTurns } from '../../../http/event-loop-turns';
import { CsvRosterBody } from './csv-roster';
import type { Roster, RosterRow } from './roster';

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

/** The request body (a JSON `{ cases }` object or CSV text) as rows; the roster's own shape is checked here. */
export function parseRoster(body: unknown): Roster {
  if (body instanceof CsvRosterBody) return body.roster;
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
    case 'forbidden':
      // A town clerk's roster row for another town.
      return [{ path: 'applicant.town', message: problem.detail }];
    default:
      return [{ path: '', message: `${problem.detail}; import the roster again to retry this row` }];
  }
}

export interface RosterImporterOptions {
  /** Workflows started at once: Temporal sees at most this many starts in flight. */
  parallelism: number;
  /** A hospital of the registry by its id or its name (a clerk's roster names it); undefined: neither. */
  hospitalIdOf?: (text: string) => string | undefined;
}

/** The row with its hospital named by id, when the roster named it by the registry's name. */
function withHospitalId(input: unknown, hospitalIdOf: ((text: string) => string | undefined) | undefined): unknown {
  if (!hospitalIdOf || typeof input !== 'object' || input === null) return input;
  const hospital = (input as { hospitalId?: unknown }).hospitalId;
  if (typeof hospital !== 'string') return input;
  const id = hospitalIdOf(hospital.trim());
  return id === undefined ? input : { ...input, hospitalId: id };
}

/**
 * Rows registered ahead of the starts, per start in flight: registering (PostgreSQL) overlaps with
 * starting (Temporal), which sets the pace, so a start never waits for a registration.
 */
const REGISTERED_AHEAD_PER_START = 1;

export class RosterImporter {
  constructor(
    private readonly cases: CaseOpening,
    private readonly options: RosterImporterOptions,
  ) {}

  /** A hospital given as text that is neither an id nor a name of the registry. */
  private unknownHospital(input: unknown): boolean {
    const hospital = typeof input === 'object' && input !== null ? (input as { hospitalId?: unknown }).hospitalId : undefined;
    return this.options.hospitalIdOf !== undefined && typeof hospital === 'string' && hospital.trim() !== '' && this.options.hospitalIdOf(hospital.trim()) === undefined;
  }

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
    // order the parallel openings would finish in; a turn of the event loop every few hundred rows.
    const firstRowOfIdNumber = new Map<string, { row: number; caseId: string | undefined }>();
    const validate = (rosterRow: RosterRow, slot: number): NewCaseInput | undefined => {
      if (rosterRow.readIssues.length > 0) {
        outcome[slot] = { errors: rosterRow.readIssues };
        return undefined;
      }
      const input = withHospitalId(rosterRow.input, this.options.hospitalIdOf);
      const parsed = newCaseSchema.safeParse(input);
      // An unknown hospital is said with the row's other problems, so that one pass corrects them all.
      const hospitalIssues = this.unknownHospital(input) ? [{ path: 'hospitalId', message: 'is not a hospital in the registry (GET /v1/hospitals lists them by id and name)' }] : [];
      if (!parsed.success || hospitalIssues.length > 0) {
        const schemaIssues = parsed.success ? [] : issuesOf(parsed.error).filter((issue) => hospitalIssues.length === 0 || issue.path !== 'hospitalId');
        outcome[slot] = { errors: [...schemaIssues, ...hospitalIssues].map(toCsvPath) };
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
    };
    const inputs: Array<NewCaseInput | undefined> = [];
    const turns = new EventLoopTurns();
    for (const [slot, rosterRow] of roster.rows.entries()) {
      if (turns.due) await turns.take();
      inputs.push(validate(rosterRow, slot));
    }

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
