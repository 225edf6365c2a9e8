/**
 * The `pairing_activity_failures` table: consecutive failures of a pairing's activities, recorded
 * by the activities and read by the stuck radar, as `enrolment_activity_failures` is for an enrolment.
 */
import type { Executor } from './executor';

export async function recordPairingActivityFailure(db: Executor, pairingId: string, activity: string, attempts: number, lastFailure: string): Promise<void> {
  const now = new Date();
  await db
    .insertInto('pairing_activity_failures')
    .values({ pairing_id: pairingId, activity, attempts, last_failure: lastFailure.slice(0, 1000), since: now, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['pairing_id', 'activity']).doUpdateSet((eb) => ({
        attempts: eb.ref('excluded.attempts'),
        last_failure: eb.ref('excluded.last_failure'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

export async function clearPairingActivityFailures(db: Executor, pairingId: string, activity: string): Promise<void> {
  await db.deleteFrom('pairing_activity_failures').where('pairing_id', '=', pairingId).where('activity', '=', activity).execute();
}

export interface RetryingPairingRow {
  pairingId: string;
  stage: 'ACTIVE' | 'CLOSED';
  stageEnteredAt: string;
  town: string;
  activity: string;
  attempts: number;
  lastFailure: string;
  since: string;
}

/**
 * Open pairings with an activity failed at least `minAttempts` times in a row, longest failing
 * first. A pairing whose creation keeps failing is not among them (it has no row in `pairings` yet):
 * its POST is still waiting, and answers the official who sent it. Nor is a closed one: nothing is
 * left to do for it, whatever an earlier attempt left on record.
 */
export async function retryingPairingActivities(db: Executor, minAttempts: number, limit: number): Promise<RetryingPairingRow[]> {
  const rows = await db
    .selectFrom('pairing_activity_failures as f')
    .innerJoin('pairings as p', 'p.pairing_id', 'f.pairing_id')
    .select(['f.pairing_id', 'p.stage', 'p.stage_entered_at', 'p.town', 'f.activity', 'f.attempts', 'f.last_failure', 'f.since'])
    .where('f.attempts', '>=', minAttempts)
    .where('p.stage', '<>', 'CLOSED')
    .orderBy('f.since', 'asc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    pairingId: row.pairing_id,
    stage: row.stage,
    stageEnteredAt: row.stage_entered_at.toISOString(),
    town: row.town,
    activity: row.activity,
    attempts: row.attempts,
    lastFailure: row.last_failure,
    since: row.since.toISOString(),
  }));
}
