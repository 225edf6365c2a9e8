import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema';
import type { EnrolmentEvent } from '../domain/index';
import { insertNewEnrolmentEvents } from './enrolment-events';
import { projectEnrolmentEvents, rebuildEnrolment } from './projection';

/**
 * Appends an enrolment's new events and projects them, in one transaction. Safe to repeat: events
 * already stored are skipped (unique enrolment_id, seq), and the projection folds only events past
 * the row's last seq. A second open enrolment of the person in the program fails the whole
 * transaction on the partial unique index (`isDuplicateEnrolmentError`), leaving nothing written.
 */
export async function appendEnrolmentEvents(db: Kysely<Database>, enrolmentId: string, events: readonly EnrolmentEvent[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await insertNewEnrolmentEvents(trx, enrolmentId, events);
    await projectEnrolmentEvents(trx, enrolmentId, events);
  });
}

/** Rebuilds the read models of every enrolment (or of `enrolmentIds`) from their events, one per transaction. */
export async function rebuildEnrolmentReadModels(db: Kysely<Database>, options: { enrolmentIds?: readonly string[]; batchSize?: number } = {}): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  let rebuilt = 0;
  let after = '';
  for (;;) {
    let query = db.selectFrom('enrolment_events').select('enrolment_id').distinct().where('enrolment_id', '>', after).orderBy('enrolment_id').limit(batchSize);
    if (options.enrolmentIds) query = query.where('enrolment_id', 'in', options.enrolmentIds.length > 0 ? [...options.enrolmentIds] : ['']);
    const batch = await query.execute();
    if (batch.length === 0) return rebuilt;
    for (const { enrolment_id: enrolmentId } of batch) {
      await db.transaction().execute((trx) => rebuildEnrolment(trx, enrolmentId));
      rebuilt++;
    }
    after = batch[batch.length - 1]!.enrolment_id;
  }
}
