/**
 * Reads of the `cases` read model (folded from case_events by the same reducer the workflow
 * uses). Lists page by keyset on (opened_at desc, case_id desc): each filter has an index that
 * starts with its column and continues with that order, so a page costs the same at any depth.
 */
import { sql, type Kysely } from 'kysely';
import type { CaseState } from '../domain/case-state';
import type { Stage } from '../domain/stages';
import type { Database } from '../../../store/schema';
import { CLAIM_ACTIVITY } from '../workflow/definitions';
import { fromStoredCase, type StoredCase } from './stored-case';
import { decodePageCursor, encodePageCursor } from '../../../store/page-cursor';

/** The `state` column as the case it is: the projection is its one writer and writes a StoredCase. */
export function storedCaseState(document: unknown): CaseState {
  return fromStoredCase(document as StoredCase);
}

export async function findCaseState(db: Kysely<Database>, caseId: string): Promise<CaseState | undefined> {
  const row = await db.selectFrom('cases').select('state').where('case_id', '=', caseId).executeTakeFirst();
  return row ? storedCaseState(row.state) : undefined;
}

/** The projected states of these cases (those the projection has), by case id. */
export async function caseStates(db: Kysely<Database>, caseIds: readonly string[]): Promise<Map<string, CaseState>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db.selectFrom('cases').select(['case_id', 'state']).where('case_id', 'in', [...caseIds]).execute();
  return new Map(rows.map((row) => [row.case_id, storedCaseState(row.state)]));
}

/** The case's hospital and town (the applicant's, when it opened): who may reach it. */
export async function findCaseScope(db: Kysely<Database>, caseId: string): Promise<{ hospitalId: string; town: string } | undefined> {
  const row = await db.selectFrom('cases').select(['hospital_id', 'town']).where('case_id', '=', caseId).executeTakeFirst();
  return row && { hospitalId: row.hospital_id, town: row.town };
}

export interface ActivityFailure {
  caseId: string;
  activity: string;
  attempts: number;
  lastFailure: string;
  since: Date;
}

/** The consecutive failures of the claim activity for these cases (only cases with a claim in progress have any). */
export async function claimFailures(db: Kysely<Database>, caseIds: readonly string[]): Promise<Map<string, ActivityFailure>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('activity_failures')
    .selectAll()
    .where('case_id', 'in', caseIds)
    .where('activity', '=', CLAIM_ACTIVITY)
    .execute();
  return new Map(
    rows.map((row) => [row.case_id, { caseId: row.case_id, activity: row.activity, attempts: row.attempts, lastFailure: row.last_failure, since: row.since }]),
  );
}

export interface CaseListFilter {
  stage?: Stage | undefined;
  town?: string | undefined;
  hospitalId?: string | undefined;
  overdue?: boolean | undefined;
  /** Part of the applicant's name or of the case number (an ID number never comes in an address: POST /v1/persons/lookup). */
  q?: string | undefined;
}

/** `%` and `_` typed by a clerk are letters, not wildcards. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

export interface CaseCursor {
  openedAt: string;
  caseId: string;
}

export function encodeCursor(cursor: CaseCursor): string {
  return encodePageCursor([cursor.openedAt, cursor.caseId]);
}

/** Undefined when the text is not a cursor this API handed out. */
export function decodeCursor(text: string): CaseCursor | undefined {
  const pair = decodePageCursor(text);
  if (!pair) return undefined;
  const [openedAt, caseId] = pair;
  if (caseId.length > 64) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(openedAt) || Number.isNaN(Date.parse(openedAt))) return undefined;
  return { openedAt, caseId };
}

export interface CasePage {
  states: CaseState[];
  next: CaseCursor | null;
}

export async function listCases(db: Kysely<Database>, filter: CaseListFilter, limit: number, after: CaseCursor | undefined): Promise<CasePage> {
  let query = db.selectFrom('cases').select(['state', 'opened_at', 'case_id']);
  if (filter.stage !== undefined) query = query.where('stage', '=', filter.stage);
  if (filter.town !== undefined) query = query.where('town', '=', filter.town);
  if (filter.hospitalId !== undefined) query = query.where('hospital_id', '=', filter.hospitalId);
  if (filter.overdue !== undefined) query = query.where('overdue', '=', filter.overdue);
  if (filter.q !== undefined) {
    const pattern = likePattern(filter.q);
    query = query.where((eb) => eb.or([eb('case_id', 'ilike', pattern), eb(sql<string>`state->'applicant'->>'name'`, 'ilike', pattern)]));
  }
  if (after) query = query.where(sql<boolean>`(opened_at, case_id) < (${after.openedAt}::timestamptz, ${after.caseId})`);
  const rows = await query
    .orderBy('opened_at', 'desc')
    .orderBy('case_id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    states: page.map((row) => storedCaseState(row.state)),
    next: rows.length > limit && last ? { openedAt: last.opened_at.toISOString(), caseId: last.case_id } : null,
  };
}
