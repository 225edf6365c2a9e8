/**
 * The case workflow's side effects. Each activity is thin: it delegates to the event store,
 * the policy file or a payer adapter, and logs with the case id (never an ID number).
 */
import { Context } from '@temporalio/activity';
import type { Kysely } from 'kysely';
import type { CaseEvent } from '../domain/events';
import type { Policy } from '../domain/policy';
import { loadPolicyFile } from '../domain/policy/policy.file';
import type { ClaimDecision } from '../domain/events';
import type { Database } from '../db/types';
import { hospitalLevelsInUse, loadHospitalRegistry } from '../config/hospitals';
import { appendAndProject } from './event-store';
import { clearActivityFailures, recordActivityFailure } from '../db/repositories/activity-failures.repository';
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

export const SUBMIT_CLAIM_ACTIVITY = 'submitClaim';

export function createActivities({ db, payers, policyFile, hospitalsFile }: ActivityDependencies) {
  return {
    async persistCaseEvents({ caseId, events }: PersistCaseEventsInput): Promise<void> {
      await appendAndProject(db, caseId, events);
    },

    /** Read once per case, when reimbursement starts; the workflow pins the result. */
    async loadPolicy(): Promise<Policy> {
      return loadPolicyFile(policyFile, hospitalLevelsInUse(loadHospitalRegistry(hospitalsFile)));
    },

    async submitClaim(request: ClaimRequest): Promise<ClaimDecision & { attempts: number }> {
      const { attempt } = Context.current().info;
      const log = Context.current().log;
      try {
        const decision = await payers.submitClaim(request);
        if (attempt > 1) await clearActivityFailures(db, request.caseId, SUBMIT_CLAIM_ACTIVITY);
        log.info('claim decided', { caseId: request.caseId, payer: request.payer, status: decision.status, amountFen: decision.amountFen, attempt });
        return { ...decision, attempts: attempt };
      } catch (error) {
        const message = `${request.payer}: ${(error as Error).message}`;
        log.warn('claim submission failed', { caseId: request.caseId, payer: request.payer, attempt, error: message });
        // Bookkeeping for the stuck-case report; it must never hide the payer's own failure.
        await recordActivityFailure(db, request.caseId, SUBMIT_CLAIM_ACTIVITY, attempt, message).catch(() => undefined);
        throw error;
      }
    },
  };
}

export type CaseActivities = ReturnType<typeof createActivities>;
