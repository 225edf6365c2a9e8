/** The `pairing_events` table: each pairing's events, numbered 1, 2, 3… with no gaps. */
import type { PairingEvent } from '../domain/index';
import type { Executor } from './executor';

/** Inserts the events that are not stored yet (unique pairing_id, seq); returns the ones this call wrote. */
export async function insertNewPairingEvents(db: Executor, pairingId: string, events: readonly PairingEvent[]): Promise<PairingEvent[]> {
  if (events.length === 0) return [];
  const inserted = await db
    .insertInto('pairing_events')
    .values(
      events.map((event) => ({
        pairing_id: pairingId,
        seq: event.seq,
        type: event.type,
        occurred_at: event.occurredAt,
        actor: JSON.stringify(event.actor),
        data: JSON.stringify(event.data),
        idempotency: event.idempotency ? JSON.stringify(event.idempotency) : null,
      })),
    )
    .onConflict((oc) => oc.columns(['pairing_id', 'seq']).doNothing())
    .returning('seq')
    .execute();
  const written = new Set(inserted.map((row) => row.seq));
  return events.filter((event) => written.has(event.seq));
}

export async function listPairingEvents(db: Executor, pairingId: string, afterSeq = 0): Promise<PairingEvent[]> {
  const rows = await db.selectFrom('pairing_events').selectAll().where('pairing_id', '=', pairingId).where('seq', '>', afterSeq).orderBy('seq').execute();
  return rows.map(
    (row) =>
      ({
        seq: row.seq,
        type: row.type,
        occurredAt: row.occurred_at.toISOString(),
        actor: row.actor,
        data: row.data,
        ...(row.idempotency ? { idempotency: row.idempotency } : {}),
      }) as PairingEvent,
  );
}
