import type { Kysely } from 'kysely';
import type { CaseEvent } from '../domain/events';
import type { Database } from '../db/types';
import { insertNewCaseEvents, listCaseEvents } from '../db/repositories/case-events.repository';
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

/** Rebuilds `cases` and `claims` from `case_events` alone; returns how many cases were rebuilt. */
export async function rebuildReadModels(db: Kysely<Database>, batchSize = 500): Promise<number> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('claims').execute();
    await trx.deleteFrom('cases').execute();
  });
  let rebuilt = 0;
  let after = '';
  for (;;) {
    const caseIds = await db
      .selectFrom('case_events')
      .select('case_id')
      .distinct()
      .where('case_id', '>', after)
      .orderBy('case_id')
      .limit(batchSize)
      .execute();
    if (caseIds.length === 0) return rebuilt;
    for (const { case_id: caseId } of caseIds) {
      await db.transaction().execute(async (trx) => projectCaseEvents(trx, caseId, await listCaseEvents(trx, caseId)));
      rebuilt++;
    }
    after = caseIds[caseIds.length - 1]!.case_id;
  }
}
