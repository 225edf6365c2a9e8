/**
 * The monthly data match's tables, `life_event_batches` and `life_event_batch_rows`, and nothing
 * else writes them. A batch is stored whole before its workflow starts; the workflow's activities
 * then settle its rows chunk by chunk, each row once (a row leaves PENDING in a statement that
 * requires it to be PENDING). A row's ID number is sealed, with its blind index beside it; every
 * function here gives rows back with it opened.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, LifeEventBatchRowsTable, LifeEventBatchesTable } from './schema';
import { decodePageCursor, encodePageCursor } from './page-cursor';
import { open, seal } from './sealed-columns';
import { idNumberIndex } from './persons';
import type { FailedMatchRow, MatchRowStatus, MatchReviewStatus } from '../domain/data-match';
import type { LifeEventEffect } from '../domain/life-events';

export type BatchRow = Selectable<LifeEventBatchesTable>;
export type StoredBatchRow = Omit<Selectable<LifeEventBatchRowsTable>, 'id_number_sealed' | 'id_number_index'> & { id_number: string };

/** A readable row of a list, as the import stores it. */
export interface NewBatchRow {
  row: number;
  line: number;
  idNumber: string;
  name: string;
  type: string;
  on: string;
  source: string;
  assistanceCategory: string | null;
}

export interface NewBatch {
  batchId: string;
  importer: { sub: string; role: string; town?: string | undefined };
  fileName: string | null;
  rows: number;
  failed: FailedMatchRow[];
}

/** Rows written by one statement; the sealing of each is a few microseconds. */
const ROWS_PER_INSERT = 250;

function openRow(stored: Selectable<LifeEventBatchRowsTable>): StoredBatchRow {
  const { id_number_sealed, id_number_index: _index, ...rest } = stored;
  return { ...rest, id_number: open('id-number', id_number_sealed) };
}

/**
 * Stores a batch and its rows in one transaction, unless a batch of that id is stored already
 * (the same file again, or two imports of it at once): then nothing is written and `false` says so.
 */
export async function insertBatch(db: Kysely<Database>, batch: NewBatch, rows: readonly NewBatchRow[]): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('life_event_batches')
      .values({
        batch_id: batch.batchId,
        imported_by: batch.importer.sub,
        importer: JSON.stringify(batch.importer),
        file_name: batch.fileName,
        rows: batch.rows,
        status: 'RUNNING',
        failed: JSON.stringify(batch.failed),
      })
      .onConflict((conflict) => conflict.column('batch_id').doNothing())
      .returning('batch_id')
      .executeTakeFirst();
    if (!inserted) return false;
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
      const values = rows.slice(start, start + ROWS_PER_INSERT).map((row) => ({
        batch_id: batch.batchId,
        row: row.row,
        line: row.line,
        id_number_sealed: seal('id-number', row.idNumber),
        id_number_index: idNumberIndex(row.idNumber),
        name: row.name,
        type: row.type,
        on_day: row.on,
        source: row.source,
        assistance_category: row.assistanceCategory,
        status: 'PENDING',
      }));
      await trx.insertInto('life_event_batch_rows').values(values).execute();
      // Sealing and sending 250 rows is a few milliseconds: others' requests go between two inserts.
      await nextTurn();
    }
    return true;
  });
}

export async function findBatch(db: Kysely<Database>, batchId: string): Promise<BatchRow | undefined> {
  return db.selectFrom('life_event_batches').selectAll().where('batch_id', '=', batchId).executeTakeFirst();
}

export interface BatchTally {
  byStatus: Partial<Record<MatchRowStatus, number>>;
  /** Every effect the batch's applied rows had, row by row. */
  effects: LifeEventEffect[];
}

export async function tallyBatch(db: Kysely<Database>, batchId: string): Promise<BatchTally> {
  const counts = await db
    .selectFrom('life_event_batch_rows')
    .select(['status', sql<string>`count(*)`.as('n')])
    .where('batch_id', '=', batchId)
    .groupBy('status')
    .execute();
  const withEffects = await db
    .selectFrom('life_event_batch_rows')
    .select('effects')
    .where('batch_id', '=', batchId)
    .where('effects', 'is not', null)
    .orderBy('row')
    .execute();
  return {
    byStatus: Object.fromEntries(counts.map(({ status, n }) => [status, Number(n)])),
    effects: withEffects.flatMap(({ effects }) => (effects ?? []) as LifeEventEffect[]),
  };
}

/** The rows numbered `fromRow` through `toRow` still PENDING, in row order. */
export async function pendingRows(db: Kysely<Database>, batchId: string, fromRow: number, toRow: number): Promise<StoredBatchRow[]> {
  const rows = await db
    .selectFrom('life_event_batch_rows')
    .selectAll()
    .where('batch_id', '=', batchId)
    .where('status', '=', 'PENDING')
    .where('row', '>=', fromRow)
    .where('row', '<=', toRow)
    .orderBy('row')
    .execute();
  return rows.map(openRow);
}

export interface RowOutcome {
  status: Exclude<MatchRowStatus, 'PENDING' | 'ACCEPTED' | 'REJECTED'>;
  personId?: string;
  registryName?: string;
  effects?: LifeEventEffect[];
}

/** Settles a PENDING row; a row settled already (a retried chunk) is left as it is. */
export async function settleRow(db: Kysely<Database>, batchId: string, row: number, outcome: RowOutcome): Promise<void> {
  await db
    .updateTable('life_event_batch_rows')
    .set({
      status: outcome.status,
      person_id: outcome.personId ?? null,
      registry_name: outcome.registryName ?? null,
      effects: outcome.effects ? JSON.stringify(outcome.effects) : null,
    })
    .where('batch_id', '=', batchId)
    .where('row', '=', row)
    .where('status', '=', 'PENDING')
    .execute();
}

/** Settles many PENDING rows as not in the registry in one statement: most rows of a month's list are nobody the district knows. */
export async function settleRowsNotInRegistry(db: Kysely<Database>, batchId: string, rows: readonly number[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .updateTable('life_event_batch_rows')
    .set({ status: 'NOT_IN_REGISTRY' })
    .where('batch_id', '=', batchId)
    .where('row', 'in', [...rows])
    .where('status', '=', 'PENDING')
    .execute();
}

/** The batch's progress: its rows no longer PENDING (failed rows were never stored, and count as done). */
export async function recordProgress(db: Kysely<Database>, batchId: string): Promise<number> {
  const updated = await db
    .updateTable('life_event_batches')
    .set({
      done: sql<number>`(SELECT count(*) FROM life_event_batch_rows r WHERE r.batch_id = ${batchId} AND r.status <> 'PENDING') + jsonb_array_length(failed)`,
    })
    .where('batch_id', '=', batchId)
    .returning('done')
    .executeTakeFirst();
  return updated?.done ?? 0;
}

export async function finishBatch(db: Kysely<Database>, batchId: string): Promise<void> {
  await recordProgress(db, batchId);
  await db.updateTable('life_event_batches').set({ status: 'DONE', finished_at: sql`now()` }).where('batch_id', '=', batchId).where('status', '=', 'RUNNING').execute();
}

interface BatchCursor {
  importedAt: string;
  batchId: string;
}

export function encodeBatchCursor(cursor: BatchCursor): string {
  return encodePageCursor([cursor.importedAt, cursor.batchId]);
}

export function decodeBatchCursor(text: string): BatchCursor | undefined {
  const pair = decodePageCursor(text);
  if (!pair || Number.isNaN(Date.parse(pair[0])) || pair[1].length > 64) return undefined;
  return { importedAt: pair[0], batchId: pair[1] };
}

/** Batches newest first, with each one's counts by row status. */
export async function listBatches(db: Kysely<Database>, limit: number, after: BatchCursor | undefined) {
  let query = db.selectFrom('life_event_batches').selectAll();
  if (after) query = query.where(sql<boolean>`(imported_at, batch_id) < (${after.importedAt}::timestamptz, ${after.batchId})`);
  const rows = await query.orderBy('imported_at', 'desc').orderBy('batch_id', 'desc').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const counts =
    page.length === 0
      ? []
      : await db
          .selectFrom('life_event_batch_rows')
          .select(['batch_id', 'status', sql<string>`count(*)`.as('n')])
          .where(
            'batch_id',
            'in',
            page.map((batch) => batch.batch_id),
          )
          .groupBy(['batch_id', 'status'])
          .execute();
  const byBatch = new Map<string, Partial<Record<MatchRowStatus, number>>>();
  for (const { batch_id, status, n } of counts) byBatch.set(batch_id, { ...byBatch.get(batch_id), [status]: Number(n) });
  const last = page.at(-1);
  return {
    batches: page.map((batch) => ({ batch, byStatus: byBatch.get(batch.batch_id) ?? {} })),
    next: rows.length > limit && last ? { importedAt: last.imported_at.toISOString(), batchId: last.batch_id } : null,
  };
}

export interface ReviewFilter {
  batchId?: string | undefined;
  status?: MatchReviewStatus | undefined;
}

interface ReviewCursor {
  batchId: string;
  row: number;
}

export function encodeReviewCursor(cursor: ReviewCursor): string {
  return encodePageCursor([cursor.batchId, String(cursor.row)]);
}

export function decodeReviewCursor(text: string): ReviewCursor | undefined {
  const pair = decodePageCursor(text);
  if (!pair || !/^\d{1,6}$/.test(pair[1]) || pair[0].length > 64) return undefined;
  return { batchId: pair[0], row: Number(pair[1]) };
}

/** The rows queued for a review, and those decided, by batch and row. */
export async function listReviewRows(db: Kysely<Database>, filter: ReviewFilter, limit: number, after: ReviewCursor | undefined) {
  let query = db
    .selectFrom('life_event_batch_rows')
    .selectAll()
    .where('status', 'in', filter.status ? [filter.status] : ['QUEUED', 'ACCEPTED', 'REJECTED']);
  if (filter.batchId !== undefined) query = query.where('batch_id', '=', filter.batchId);
  if (after) query = query.where(sql<boolean>`(batch_id, row) > (${after.batchId}, ${after.row})`);
  const rows = await query.orderBy('batch_id').orderBy('row').limit(limit + 1).execute();
  const page = rows.slice(0, limit).map(openRow);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? { batchId: last.batch_id, row: last.row } : null };
}

export async function findBatchRow(db: Kysely<Database>, batchId: string, row: number): Promise<StoredBatchRow | undefined> {
  const stored = await db.selectFrom('life_event_batch_rows').selectAll().where('batch_id', '=', batchId).where('row', '=', row).executeTakeFirst();
  return stored && openRow(stored);
}

export interface ReviewDecision {
  status: 'ACCEPTED' | 'REJECTED';
  decidedBy: string;
  reason: string | null;
  effects: LifeEventEffect[] | null;
}

/** Decides a QUEUED row; undefined when it is not QUEUED (decided already, or never queued). */
export async function decideReviewRow(db: Kysely<Database>, batchId: string, row: number, decision: ReviewDecision): Promise<StoredBatchRow | undefined> {
  const updated = await db
    .updateTable('life_event_batch_rows')
    .set({
      status: decision.status,
      decided_by: decision.decidedBy,
      decided_at: sql`now()`,
      reason: decision.reason,
      effects: decision.effects ? JSON.stringify(decision.effects) : null,
    })
    .where('batch_id', '=', batchId)
    .where('row', '=', row)
    .where('status', '=', 'QUEUED')
    .returningAll()
    .executeTakeFirst();
  return updated && openRow(updated);
}

/** The rows a monthly report lists: those that did something, and those still queued, in row order. */
export async function reportRows(db: Kysely<Database>, batchId: string): Promise<StoredBatchRow[]> {
  const rows = await db
    .selectFrom('life_event_batch_rows')
    .selectAll()
    .where('batch_id', '=', batchId)
    .where((eb) => eb.or([eb('effects', 'is not', null), eb('status', '=', 'QUEUED')]))
    .orderBy('row')
    .execute();
  return rows.map(openRow);
}
