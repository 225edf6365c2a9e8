/** The `enrolment_events` table: each enrolment's events, numbered 1, 2, 3… with no gaps. */
import type { EnrolmentEvent } from '../domain/index';
import type { Executor } from './executor';

/** Inserts the events that are not stored yet (unique enrolment_id, seq); returns the ones this call wrote. */
export async function insertNewEnrolmentEvents(db: Executor, enrolmentId: string, events: readonly EnrolmentEvent[]): Promise<EnrolmentEvent[]> {
  if (events.length === 0) return [];
  const inserted = await db
    .insertInto('enrolment_events')
    .values(
      events.map((event) => ({
        enrolment_id: enrolmentId,
        seq: event.seq,
        type: event.type,
        occurred_at: event.occurredAt,
        actor: JSON.stringify(event.actor),
        data: JSON.stringify(event.data),
        idempotency: event.idempotency ? JSON.stringify(event.idempotency) : null,
      })),
    )
    .onConflict((oc) => oc.columns(['enrolment_id', 'seq']).doNothing())
    .returning('seq')
    .execute();
  const written = new Set(inserted.map((row) => row.seq));
  return events.filter((event) => written.has(event.seq));
}

export async function listEnrolmentEvents(db: Executor, enrolmentId: string, afterSeq = 0): Promise<EnrolmentEvent[]> {
  const rows = await db.selectFrom('enrolment_events').selectAll().where('enrolment_id', '=', enrolmentId).where('seq', '>', afterSeq).orderBy('seq').execute();
  return rows.map(
    (row) =>
      ({
        seq: row.seq,
        type: row.type,
        occurredAt: row.occurred_at.toISOString(),
        actor: row.actor,
        data: row.data,
        ...(row.idempotency ? { idempotency: row.idempotency } : {}),
      }) as EnrolmentEvent,
  );
}
