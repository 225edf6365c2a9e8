/**
 * The `pairings` read model: one row per pairing, the state `evolve` folded from its events, with
 * the columns the lists filter on. `official_sub` is whose pairing it is: it changes in the same
 * transaction as the reassignment's event, so the former official loses access at once.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../store/schema';
import { decodePageCursor, encodePageCursor } from '../../../store/page-cursor';
import { overdueReason, type OverdueReason, type PairingStage, type PairingState } from '../domain/index';
import type { Executor } from './executor';

/** The partial unique index that allows one open pairing per person. */
export const ONE_OPEN_PAIRING_INDEX = 'pairings_one_open_per_person';

/** A second open pairing of the same person was refused by the database. */
export function isDuplicatePairingError(error: unknown): boolean {
  const pgError = error as { code?: unknown; constraint?: unknown } | null;
  return pgError?.code === '23505' && pgError.constraint === ONE_OPEN_PAIRING_INDEX;
}

export async function readPairingState(db: Executor, pairingId: string, options: { forUpdate?: boolean } = {}): Promise<PairingState | undefined> {
  let query = db.selectFrom('pairings').select('state').where('pairing_id', '=', pairingId);
  if (options.forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? (row.state as PairingState) : undefined;
}

export async function townOfPairing(db: Executor, pairingId: string): Promise<string | undefined> {
  return (await db.selectFrom('pairings').select('town').where('pairing_id', '=', pairingId).executeTakeFirst())?.town;
}

export async function upsertPairingRow(db: Executor, state: PairingState, town: string): Promise<void> {
  const row = {
    person_id: state.personId,
    category: state.category,
    town,
    stage: state.stage,
    official_sub: state.official.sub,
    overdue: state.overdue,
    due_at: state.dueAt,
    opened_at: state.openedAt,
    stage_entered_at: state.stageEnteredAt,
    updated_at: state.updatedAt,
    last_seq: state.seq,
    state: JSON.stringify(state),
  };
  await db
    .insertInto('pairings')
    .values({ pairing_id: state.pairingId, ...row })
    .onConflict((oc) => oc.column('pairing_id').doUpdateSet(row))
    .execute();
}

/** The person's open pairing, if any. */
export async function openPairingOfPerson(db: Executor, personId: string): Promise<string | undefined> {
  const row = await db.selectFrom('pairings').select('pairing_id').where('person_id', '=', personId).where('stage', '=', 'ACTIVE').executeTakeFirst();
  return row?.pairing_id;
}

/** Every pairing of the person, past and present. */
export async function pairingsOfPerson(db: Executor, personId: string): Promise<{ pairingId: string; stage: PairingStage; openedAt: string; stageEnteredAt: string }[]> {
  const rows = await db.selectFrom('pairings').select(['pairing_id', 'stage', 'opened_at', 'stage_entered_at']).where('person_id', '=', personId).orderBy('pairing_id').execute();
  return rows.map((row) => ({ pairingId: row.pairing_id, stage: row.stage, openedAt: row.opened_at.toISOString(), stageEnteredAt: row.stage_entered_at.toISOString() }));
}

/** Pairings past their cadence, longest waiting first. */
export async function overduePairings(db: Executor, limit: number): Promise<{ pairingId: string; dueAt: string; town: string; stageEnteredAt: string; reason: OverdueReason }[]> {
  const rows = await db.selectFrom('pairings').select(['pairing_id', 'due_at', 'town', 'stage_entered_at', 'state']).where('overdue', '=', true).where('stage', '=', 'ACTIVE').orderBy('due_at').limit(limit).execute();
  return rows.map((row) => ({
    pairingId: row.pairing_id,
    dueAt: row.due_at.toISOString(),
    town: row.town,
    stageEnteredAt: row.stage_entered_at.toISOString(),
    reason: overdueReason(row.state as PairingState),
  }));
}

// ---- pages, newest first ----

export interface PairingCursor {
  openedAt: string;
  pairingId: string;
}

export function encodePairingCursor(cursor: PairingCursor): string {
  return encodePageCursor([cursor.openedAt, cursor.pairingId]);
}

export function decodePairingCursor(text: string): PairingCursor | undefined {
  const pair = decodePageCursor(text);
  if (!pair) return undefined;
  const [openedAt, pairingId] = pair;
  if (pairingId.length > 64) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(openedAt) || Number.isNaN(Date.parse(openedAt))) return undefined;
  return { openedAt, pairingId };
}

export interface PairingPageFilter {
  officialSub?: string | undefined;
  town?: string | undefined;
  overdue?: boolean | undefined;
}

export interface PairingPageItem {
  state: PairingState;
  town: string;
}

export async function listPairingPage(db: Kysely<Database>, filter: PairingPageFilter, limit: number, after: PairingCursor | undefined): Promise<{ items: PairingPageItem[]; next: PairingCursor | null }> {
  let query = db.selectFrom('pairings').select(['pairing_id', 'opened_at', 'town', 'state']);
  if (filter.officialSub !== undefined) query = query.where('official_sub', '=', filter.officialSub);
  if (filter.town !== undefined) query = query.where('town', '=', filter.town);
  if (filter.overdue !== undefined) query = query.where('overdue', '=', filter.overdue);
  if (after) query = query.where(sql<boolean>`(opened_at, pairing_id) < (${after.openedAt}::timestamptz, ${after.pairingId})`);
  const rows = await query.orderBy('opened_at', 'desc').orderBy('pairing_id', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({ state: row.state as PairingState, town: row.town })),
    next: rows.length > limit && last ? { openedAt: last.opened_at.toISOString(), pairingId: last.pairing_id } : null,
  };
}
