/**
 * The candidates of the stuck-case report that the read models know about: overdue cases (a
 * partial index on `cases.overdue`) and activities that keep failing (`activity_failures`, indexed
 * on attempts). Both touch only the stuck rows, however many cases are open.
 */
import type { Kysely } from 'kysely';
import type { PaymentDiscrepancy } from '../domain/events';
import { TERMINAL_STAGES, type Payer, type Stage } from '../domain/stages';
import type { CaseRow, Database } from '../../../store/schema';

export interface StuckCaseRow {
  caseId: string;
  stage: Stage;
  stageEnteredAt: Date;
  hospitalId: string;
  town: string;
}

export interface RetryingRow extends StuckCaseRow {
  activity: string;
  attempts: number;
  lastFailure: string;
  since: Date;
}

function stuckCaseRow(row: Pick<CaseRow, 'case_id' | 'stage' | 'stage_entered_at' | 'hospital_id' | 'town'>): StuckCaseRow {
  return { caseId: row.case_id, stage: row.stage as Stage, stageEnteredAt: row.stage_entered_at, hospitalId: row.hospital_id, town: row.town };
}

export async function overdueCases(db: Kysely<Database>, limit: number): Promise<StuckCaseRow[]> {
  const rows = await db
    .selectFrom('cases')
    .select(['case_id', 'stage', 'stage_entered_at', 'hospital_id', 'town'])
    .where('overdue', '=', true)
    .where('stage', 'not in', [...TERMINAL_STAGES])
    .orderBy('opened_at', 'desc')
    .orderBy('case_id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(stuckCaseRow);
}

export async function retryingActivities(db: Kysely<Database>, minAttempts: number, limit: number): Promise<RetryingRow[]> {
  const rows = await db
    .selectFrom('activity_failures as f')
    .innerJoin('cases as c', 'c.case_id', 'f.case_id')
    .select(['c.case_id', 'c.stage', 'c.stage_entered_at', 'c.hospital_id', 'c.town', 'f.activity', 'f.attempts', 'f.last_failure', 'f.since'])
    .where('f.attempts', '>=', minAttempts)
    .orderBy('f.since', 'asc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    ...stuckCaseRow(row),
    activity: row.activity,
    attempts: row.attempts,
    lastFailure: row.last_failure,
    since: row.since,
  }));
}

/** A discrepancy as the case event recorded it, with the case it is on and when it was found. */
export interface DiscrepancyRow extends StuckCaseRow, PaymentDiscrepancy {
  foundAt: Date;
}

/** Claims on which the ledger and the payer's own books disagree: every one waits for a person. */
export async function paymentDiscrepancies(db: Kysely<Database>, limit: number): Promise<DiscrepancyRow[]> {
  const rows = await db
    .selectFrom('payment_discrepancies as d')
    .innerJoin('cases as c', 'c.case_id', 'd.case_id')
    .select(['c.case_id', 'c.stage', 'c.stage_entered_at', 'c.hospital_id', 'c.town'])
    .select(['d.payer', 'd.idempotency_key', 'd.ledger_status', 'd.ledger_amount_fen', 'd.payer_status', 'd.payer_amount_fen', 'd.payer_reference', 'd.found_at'])
    .orderBy('d.found_at', 'asc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    ...stuckCaseRow(row),
    payer: row.payer as Payer,
    idempotencyKey: row.idempotency_key,
    ledgerStatus: row.ledger_status,
    ledgerAmountFen: row.ledger_amount_fen,
    payerStatus: row.payer_status,
    payerAmountFen: row.payer_amount_fen,
    payerReference: row.payer_reference,
    foundAt: row.found_at,
  }));
}

export async function caseRows(db: Kysely<Database>, caseIds: readonly string[]): Promise<Map<string, StuckCaseRow>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('cases')
    .select(['case_id', 'stage', 'stage_entered_at', 'hospital_id', 'town'])
    .where('case_id', 'in', caseIds)
    .execute();
  return new Map(rows.map((row) => [row.case_id, stuckCaseRow(row)]));
}

/**
 * Cases the API registered that never reached the projection: their workflow did not get through
 * its first task. Only open registrations are looked at, through the primary key of `cases`.
 */
export async function unprojectedRegistrations(db: Kysely<Database>, olderThanMs: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('case_registrations as r')
    .leftJoin('cases as c', 'c.case_id', 'r.case_id')
    .select('r.case_id')
    .where('r.open', '=', true)
    .where('c.case_id', 'is', null)
    .where('r.created_at', '<', new Date(Date.now() - olderThanMs))
    .orderBy('r.created_at', 'asc')
    .limit(limit)
    .execute();
  return rows.map((row) => row.case_id);
}
