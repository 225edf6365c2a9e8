import type { Kysely } from 'kysely';
import type { CaseEvent } from '../domain/events';
import type { Database } from '../../../store/schema';
import { insertNewCaseEvents, listCaseEvents } from './case-events';
import { projectCaseEvents } from './projection';

/**
 * Appends a case's new events and projects them, in one transaction. Safe to repeat: events
 * already stored are skipped (unique case_id, seq), and the projection only folds events past
 * the row's last_seq — so a retried activity writes nothing twice.
 */
export async function appendAndProject(db: Kysely<Database>, caseId: string, events: readonly CaseEvent[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await insertNewCaseEvents(trx, caseId, events);
    await projectCaseEvents(trx, caseId, events);
  });
}

/**
 * Rebuilds `cases` and `claims` from `case_events` alone, one case per transaction, so a reader
 * never sees a case missing; `caseIds` limits it to some cases. Returns how many were rebuilt.
 */
export async function rebuildReadModels(db: Kysely<Database>, options: { caseIds?: readonly string[]; batchSize?: number } = {}): Promise<number> {
  const batchSize = options.batchSize ?? 500;
  let rebuilt = 0;
  let after = '';
  for (;;) {
    let query = db.selectFrom('case_events').select('case_id').distinct().where('case_id', '>', after).orderBy('case_id').limit(batchSize);
    if (options.caseIds) query = query.where('case_id', 'in', options.caseIds.length > 0 ? [...options.caseIds] : ['']);
    const batch = await query.execute();
    if (batch.length === 0) return rebuilt;
    for (const { case_id: caseId } of batch) {
      await db.transaction().execute(async (trx) => {
        for (const table of ['claims', 'claim_proposals', 'payment_discrepancies'] as const) await trx.deleteFrom(table).where('case_id', '=', caseId).execute();
        await trx.deleteFrom('cases').where('case_id', '=', caseId).execute();
        await projectCaseEvents(trx, caseId, await listCaseEvents(trx, caseId));
      });
      rebuilt++;
    }
    after = batch[batch.length - 1]!.case_id;
  }
}
