/**
 * The `enrolment_activity_failures` table: consecutive failures of an enrolment's activities,
 * recorded by the activities and read by the stuck radar — as `activity_failures` is for a case.
 */
import type { EnrolmentStage, SubsidyProgram } from '../domain/index';
import type { Executor } from './executor';

export async function recordEnrolmentActivityFailure(db: Executor, enrolmentId: string, activity: string, attempts: number, lastFailure: string): Promise<void> {
  const now = new Date();
  await db
    .insertInto('enrolment_activity_failures')
    .values({ enrolment_id: enrolmentId, activity, attempts, last_failure: lastFailure.slice(0, 1000), since: now, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['enrolment_id', 'activity']).doUpdateSet((eb) => ({
        attempts: eb.ref('excluded.attempts'),
        last_failure: eb.ref('excluded.last_failure'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

export async function clearEnrolmentActivityFailures(db: Executor, enrolmentId: string, activity: string): Promise<void> {
  await db.deleteFrom('enrolment_activity_failures').where('enrolment_id', '=', enrolmentId).where('activity', '=', activity).execute();
}

export interface RetryingEnrolmentRow {
  enrolmentId: string;
  stage: EnrolmentStage;
  stageEnteredAt: string;
  town: string;
  activity: string;
  attempts: number;
  lastFailure: string;
  since: string;
}

/** The program's enrolments with an activity failed at least `minAttempts` times in a row, longest failing first. */
export async function retryingEnrolmentActivities(db: Executor, program: SubsidyProgram, minAttempts: number, limit: number): Promise<RetryingEnrolmentRow[]> {
  const rows = await db
    .selectFrom('enrolment_activity_failures as f')
    .innerJoin('enrolments as e', 'e.enrolment_id', 'f.enrolment_id')
    .select(['e.enrolment_id', 'e.stage', 'e.stage_entered_at', 'e.town', 'f.activity', 'f.attempts', 'f.last_failure', 'f.since'])
    .where('e.program', '=', program)
    .where('f.attempts', '>=', minAttempts)
    .orderBy('f.since', 'asc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    enrolmentId: row.enrolment_id,
    stage: row.stage as EnrolmentStage,
    stageEnteredAt: row.stage_entered_at.toISOString(),
    town: row.town,
    activity: row.activity,
    attempts: row.attempts,
    lastFailure: row.last_failure,
    since: row.since.toISOString(),
  }));
}
