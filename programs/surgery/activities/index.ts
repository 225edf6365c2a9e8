/**
 * The case workflow's side effects. Each activity is thin: it delegates to the event store,
 * the policy file or a payer adapter, and logs with the case id (never an ID number).
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Kysely } from 'kysely';
import type { CaseEvent, ClaimDecision, PaymentDiscrepancy } from '../domain/events';
import type { Payer } from '../domain/stages';
import type { Policy } from '../domain/policy/index';
import type { Database } from '../../../store/schema';
import { clearActivityFailures, recordActivityFailure } from '../store/activity-failures';
import { appendAndProject } from '../store/event-store';
import { PolicyFileCache } from './policy-file-cache';
import { payerFailureText } from '../domain/claim-failure-text';
import { CLAIM_VOIDED_FAILURE } from '../workflow/definitions';
import { ClaimVoidedError, type ClaimRequest, type PayerAdapter, type PayerClaimRecord, type VoidRequest } from './payers/payer-adapter';

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

/** A claim as the ledger holds it, to be checked against the payer's books. */
export interface LedgerClaim {
  payer: Payer;
  idempotencyKey: string;
  status: 'PAID' | 'REJECTED';
  amountFen: number;
  decidedBy: 'payer' | 'admin';
}

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
      const describeFailure = (error: Error) => (stored ? payerFailureText(payer, error.message) : `storing the case's events before the ${payer} claim: ${error.message}`);
      return tracked(caseId, describeFailure, async () => {
        await appendAndProject(db, caseId, eventsToStore);
        stored = true;
        const decision = await payers.submitClaim(request, Context.current().cancellationSignal).catch((error: unknown) => {
          if (error instanceof ClaimVoidedError) throw ApplicationFailure.create({ type: CLAIM_VOIDED_FAILURE, message: error.message, nonRetryable: true });
          throw error;
        });
        const attempts = Context.current().info.attempt;
        Context.current().log.info('claim decided', { caseId, payer, status: decision.status, amountFen: decision.amountFen, attempts });
        return eventsToStore.length === 0 ? { ...decision, attempts } : { ...decision, attempts, storedThroughSeq: eventsToStore[eventsToStore.length - 1]!.seq };
      });
    },

    /**
     * Before a resolution by hand is recorded: the claim's key voided at the payer, or the payer's
     * own decision if it made one first. The workflow calls this only once no payer call for the
     * claim can still be running.
     */
    async voidClaimAtPayer(request: VoidRequest): Promise<PayerClaimRecord> {
      return tracked(request.caseId, (error) => `voiding ${request.idempotencyKey} at ${request.payer}: ${error.message}`, async () => {
        const record = await payers.voidClaim(request);
        Context.current().log.info('claim voided at payer', { caseId: request.caseId, payer: request.payer, status: record.status, amountFen: record.amountFen });
        return record;
      });
    },

    /** The payer's own record of one claim (after a void whose answer was lost, say). */
    async claimRecordAtPayer({ caseId, payer, idempotencyKey }: { caseId: string; payer: Payer; idempotencyKey: string }): Promise<PayerClaimRecord | null> {
      return tracked(caseId, (error) => `reading ${idempotencyKey} at ${payer}: ${error.message}`, () => payers.claimRecord(payer, idempotencyKey));
    },

    /** The ledger's claims against the payers' own books: every disagreement, for the stuck report. */
    async reconcileClaims({ caseId, claims }: { caseId: string; claims: LedgerClaim[] }): Promise<PaymentDiscrepancy[]> {
      return tracked(caseId, (error) => `reconciling with the payers: ${error.message}`, async () => {
        const discrepancies: PaymentDiscrepancy[] = [];
        for (const claim of claims) {
          // One payer's books unreadable is a discrepancy for a person, not a reason to hold the others.
          const record = await payers.claimRecord(claim.payer, claim.idempotencyKey).catch((error: unknown) => ({ unreadable: String(error instanceof Error ? error.message : error) }));
          if (record !== null && 'unreadable' in record) {
            discrepancies.push({ ...ledgerSide(claim), payerStatus: 'UNREADABLE', payerAmountFen: 0, payerReference: record.unreadable.slice(0, 200) });
            continue;
          }
          if (agrees(claim, record)) continue;
          discrepancies.push({ ...ledgerSide(claim), payerStatus: record?.status ?? 'NONE', payerAmountFen: record?.amountFen ?? 0, payerReference: record?.reference ?? null });
        }
        if (discrepancies.length > 0) Context.current().log.warn('ledger and payer books disagree', { caseId, payers: discrepancies.map((d) => d.payer) });
        return discrepancies;
      });
    },
  };
}

/**
 * A claim the payer decided must be in its books as the ledger has it; a claim settled by hand
 * must be voided there — every resolution voids the key first, so a payer with no record of it
 * lost the void and could still pay.
 */
function agrees(claim: LedgerClaim, record: PayerClaimRecord | null): boolean {
  if (claim.decidedBy === 'admin') return record?.status === 'VOIDED';
  return record !== null && record.status === claim.status && record.amountFen === claim.amountFen;
}

function ledgerSide(claim: LedgerClaim) {
  return { payer: claim.payer, idempotencyKey: claim.idempotencyKey, ledgerStatus: claim.status, ledgerAmountFen: claim.amountFen };
}

export type CaseActivities = ReturnType<typeof createActivities>;
