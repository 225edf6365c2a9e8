/**
 * The case workflow's side effects. Each activity is thin: it delegates to the event store,
 * the policy file or a payer adapter, and logs with the case id (never an ID number).
 */
import { Context } from '@temporalio/activity';
import type { Kysely } from 'kysely';
import type { CaseEvent, ClaimDecision } from '../domain/events';
import type { Policy } from '../domain/policy';
import type { Database } from '../db/types';
import { clearActivityFailures, recordActivityFailure } from '../db/repositories/activity-failures.repository';
import { appendAndProject } from './event-store';
import { PolicyFileCache } from './policy-file-cache';
import type { ClaimRequest, PayerAdapter } from './payers/payer-adapter';

export interface ActivityDependencies {
  db: Kysely<Database>;
  payers: PayerAdapter;
  policyFile: string;
  hospitalsFile: string;
}

export interface PersistCaseEventsInput {
  caseId: string;
  events: CaseEvent[];
}

/** A payer's decision, the attempt that got it, and how far the events carried with it are stored. */
export type SubmittedClaim = ClaimDecision & { attempts: number; storedThroughSeq?: number };

/** Well inside the payer activity's heartbeat timeout (workflows/assistance-case.ts). */
const HEARTBEAT_INTERVAL_MS = 3_000;

export function createActivities({ db, payers, policyFile, hospitalsFile }: ActivityDependencies) {
  const policies = new PolicyFileCache(policyFile, hospitalsFile);

  /**
   * Runs an activity's body and keeps `activity_failures` current for the stuck-case report:
   * each failed attempt is counted there, and a success after failures clears it.
   */
  async function tracked<T>(caseId: string, describeFailure: (error: Error) => string, body: () => Promise<T>): Promise<T> {
    const context = Context.current();
    const { attempt, activityType } = context.info;
    // Heartbeats let the server notice a dead worker within the heartbeat timeout, not the
    // whole start-to-close timeout, and carry a cancellation to a call still in flight.
    const heartbeat = setInterval(() => context.heartbeat(), HEARTBEAT_INTERVAL_MS);
    try {
      const result = await body();
      if (attempt > 1) await clearActivityFailures(db, caseId, activityType);
      return result;
    } catch (error) {
      const message = describeFailure(error as Error);
      Context.current().log.warn('activity attempt failed', { caseId, activity: activityType, attempt, error: message });
      // Bookkeeping must never hide the activity's own failure.
      await recordActivityFailure(db, caseId, activityType, attempt, message).catch(() => undefined);
      throw error;
    } finally {
      clearInterval(heartbeat);
    }
  }

  return {
    async persistCaseEvents({ caseId, events }: PersistCaseEventsInput): Promise<void> {
      await appendAndProject(db, caseId, events);
    },

    /** Read once per case, when reimbursement starts; the workflow pins the result. */
    async loadPolicy({ caseId }: { caseId: string }): Promise<Policy> {
      return tracked(caseId, (error) => `policy: ${error.message}`, async () => policies.load());
    },

    /**
     * `eventsToStore` (the cascade's events the workflow has not written yet) are stored first, in
     * every attempt — idempotently — so the claim shows as submitted while its payer is retried.
     * `storedThroughSeq` tells the workflow they are stored: a worker of an earlier version
     * ignores them and does not say so, and the workflow then stores them itself.
     */
    async submitClaim(request: ClaimRequest, eventsToStore: CaseEvent[] = []): Promise<SubmittedClaim> {
      const { caseId, payer } = request;
      let stored = eventsToStore.length === 0;
      const describeFailure = (error: Error) => (stored ? `${payer}: ${error.message}` : `storing the case's events before the ${payer} claim: ${error.message}`);
      return tracked(caseId, describeFailure, async () => {
        await appendAndProject(db, caseId, eventsToStore);
        stored = true;
        const decision = await payers.submitClaim(request, Context.current().cancellationSignal);
        const attempts = Context.current().info.attempt;
        Context.current().log.info('claim decided', { caseId, payer, status: decision.status, amountFen: decision.amountFen, attempts });
        return eventsToStore.length === 0 ? { ...decision, attempts } : { ...decision, attempts, storedThroughSeq: eventsToStore[eventsToStore.length - 1]!.seq };
      });
    },
  };
}

export type CaseActivities = ReturnType<typeof createActivities>;
