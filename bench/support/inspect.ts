/** After a batch: what the cases cost in Temporal history and in PostgreSQL rows. */
import type { Client } from '@temporalio/client';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../store/schema';
import { caseWorkflowId } from '../../programs/surgery/workflow/definitions';

export interface HistoryCost {
  sampledCases: number;
  eventsPerCase: number;
  workflowTasksPerCase: number;
  activityTasksPerCase: number;
  localActivityMarkersPerCase: number;
  timersPerCase: number;
  updatesAcceptedPerCase: number;
}

/** Averages over up to `sample` of the case ids (spread over the batch). */
export async function historyCost(client: Client, caseIds: readonly string[], sample = 20): Promise<HistoryCost> {
  const step = Math.max(1, Math.floor(caseIds.length / sample));
  const picked = caseIds.filter((_, i) => i % step === 0).slice(0, sample);
  const totals = { events: 0, workflowTasks: 0, activityTasks: 0, markers: 0, timers: 0, updates: 0 };
  for (const caseId of picked) {
    const history = await client.workflow.getHandle(caseWorkflowId(caseId)).fetchHistory();
    for (const event of history.events ?? []) {
      totals.events++;
      // Told apart by their attributes: the event type enum lives in @temporalio/proto, not a direct dependency.
      if (event.workflowTaskCompletedEventAttributes) totals.workflowTasks++;
      else if (event.activityTaskScheduledEventAttributes) totals.activityTasks++;
      else if (event.markerRecordedEventAttributes) totals.markers++;
      else if (event.timerStartedEventAttributes) totals.timers++;
      else if (event.workflowExecutionUpdateAcceptedEventAttributes) totals.updates++;
    }
  }
  const per = (n: number) => Number((n / Math.max(1, picked.length)).toFixed(1));
  return {
    sampledCases: picked.length,
    eventsPerCase: per(totals.events),
    workflowTasksPerCase: per(totals.workflowTasks),
    activityTasksPerCase: per(totals.activityTasks),
    localActivityMarkersPerCase: per(totals.markers),
    timersPerCase: per(totals.timers),
    updatesAcceptedPerCase: per(totals.updates),
  };
}

const CASE_TABLES = ['case_events', 'cases', 'claims', 'case_registrations', 'sandbox_claims', 'activity_failures'] as const;

export interface RowCost {
  total: number;
  byTable: Record<string, number>;
}

/** Rows per case in every table keyed by case id, for the cases whose ids start with `prefix`. */
export async function rowCost(db: Kysely<Database>, prefix: string, cases: number): Promise<RowCost> {
  const byTable: Record<string, number> = {};
  let total = 0;
  for (const table of CASE_TABLES) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where case_id like ${`${prefix}%`}`.execute(db);
    const perCase = Number(((rows[0]?.n ?? 0) / cases).toFixed(2));
    byTable[table] = perCase;
    total += perCase;
  }
  return { total: Number(total.toFixed(2)), byTable };
}

/** Cases of this prefix the projection knows: how far the workers have got. */
export async function projectedCount(db: Kysely<Database>, prefix: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from cases where case_id like ${`${prefix}%`}`.execute(db);
  return rows[0]?.n ?? 0;
}
