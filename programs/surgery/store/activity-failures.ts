/** Consecutive failures of a case's activities, recorded by its activities and read by the stuck report. */
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema';

export async function recordActivityFailure(db: Kysely<Database>, caseId: string, activity: string, attempts: number, lastFailure: string): Promise<void> {
  const now = new Date();
  await db
    .insertInto('activity_failures')
    .values({ case_id: caseId, activity, attempts, last_failure: lastFailure.slice(0, 1000), since: now, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['case_id', 'activity']).doUpdateSet((eb) => ({
        attempts: eb.ref('excluded.attempts'),
        last_failure: eb.ref('excluded.last_failure'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

export async function clearActivityFailures(db: Kysely<Database>, caseId: string, activity: string): Promise<void> {
  await db.deleteFrom('activity_failures').where('case_id', '=', caseId).where('activity', '=', activity).execute();
}
