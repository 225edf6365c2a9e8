/**
 * One assistance case, from screening to the last payment. People act on it through Updates
 * (validated before anything is written); the cascade of the five payers runs in the main body.
 */
import {
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  makeContinueAsNewFunc,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { ActivityCancellationType, ActivityFailure, type SearchAttributePair, type UpdateDefinition } from '@temporalio/common';
import type { CaseActivities, LedgerClaim } from '../activities/index';
import type { ClaimRequest } from '../activities/payers/payer-adapter';
import { decide, owedBefore, type CaseCommand, type Decision } from '../domain/case-commands';
import { REFUSAL_FAILURE_TYPES, refusalFailureDetails } from '../../../domain/refusals';
import type { Refusal } from '../domain/refusals';
import { decideLifeEvent } from '../domain/case-life-events';
import { permissionRefusal, type CaseActionKind } from '../domain/case-permissions';
import { snapshotOf, type CaseState } from '../domain/case-state';
import { approvedProposal, decideApproval, decideProposal, decideProposalRejection, findProposal, resolutionRecorded } from '../domain/claim-proposals';
import type { ClaimContext, PaidSoFar, Policy } from '../domain/policy/index';
import { computeClaim } from '../domain/policy/policy.engine';
import { assertSettlementInvariant } from '../domain/policy/policy.settlement';
import type { ZodType } from 'zod';
import { bodyProblemOf } from '../../../domain/body-problem';
import { type Actor } from '../../../domain/actor';
import { isTerminal, PAYERS, type Payer, type Stage, type WaitingStage } from '../domain/stages';
import { claimIdempotencyKey, payerTaskQueue } from '../domain/ids';
import { CaseJournal } from './case-journal';
import { whenDrained } from '../../drained';
import {
  approveProposalUpdate,
  CLAIM_ACTIVITY,
  CLAIM_VOIDED_FAILURE,
  caseOpenedUpdate,
  proposeResolutionUpdate,
  rejectProposalUpdate,
  getCaseQuery,
  policyShareQuery,
  recordAdmissionUpdate,
  recordDischargeUpdate,
  recordScreeningUpdate,
  recordSurgeryUpdate,
  resolveClaimUpdate,
  searchAttributes,
  withdrawCaseUpdate,
  applyLifeEventUpdate,
  DEFAULT_PAYER_RETRY,
  type AssistanceCaseInput,
  type PayerRetry,
  type AssistanceCaseResult,
  type CarriedCascade,
  type CaseAnswer,
} from './definitions';

// A regular activity, not a local one: a local activity holds the workflow task open, so a policy
// file that fails to load would hold back the answer to the discharge that started reimbursing.
const { loadPolicy } = proxyActivities<Pick<CaseActivities, 'loadPolicy'>>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

/**
 * Cases started since this patch write less (bench/RESULTS.md, "lean cascade"): the payer call
 * stores the cascade's events itself, and the search attributes the starter already set are not
 * upserted again. Earlier cases replay as before.
 */
const LEAN_CASCADE_PATCH = 'lean-cascade';

/**
 * Cases that reach reimbursement since this patch settle claims by hand with two administrators,
 * against the payer's books: an approved proposal cancels the payer call, waits for it to end, and
 * voids the claim's key at the payer before anything is recorded; a payer decision that arrives
 * meanwhile stands. When the case has settled, the ledger is reconciled with the payers' books.
 * Cases that reached reimbursement earlier replay as they ran; from now on they too are settled
 * by hand only through proposals (with the cancellation they were recorded with, and the void).
 */
const FOUR_EYES_PATCH = 'four-eyes-resolution';

/**
 * Cases that reach reimbursement since this patch call the payers on the payer task queue, where
 * the server holds the calls of every worker to the payers' agreed rate. Earlier cases replay with
 * their calls on the case queue, which every worker still serves.
 */
const PAYER_QUEUE_PATCH = 'payer-task-queue';

/**
 * Cases started since this patch continue as new when their history grows long (the server's
 * suggestion, or the bound below): between Updates, or between two payers of the cascade, never
 * while a payer call runs. Earlier cases replay, and run on, as they were recorded.
 */
const CONTINUE_AS_NEW_PATCH = 'case-continue-as-new';

/**
 * Cases started since this patch have every behaviour of the four patches above from their first
 * run, asked once: one marker, and one of the search-attribute upserts the SDK adds to every patch,
 * instead of four of each (bench/RESULTS.md). Cases started earlier ask the four as they did; a run
 * continued from one carries its answer.
 */
const GENERATION_6_PATCH = 'case-generation-6';

/**
 * Continue as new past this many history events even if the server has not suggested it yet: a
 * case waiting months on a payer, with repeated reports meanwhile, keeps a short history.
 */
const HISTORY_LENGTH_BOUND = 10_000;

// Voids are short; a payer that cannot void after these attempts leaves the claim open and the
// proposal waiting, so that the approver learns it at once instead of the cascade waiting forever.
// (At most about 30 s in all, inside the API's wait for the approval's answer.)
const { voidClaimAtPayer, claimRecordAtPayer } = proxyActivities<Pick<CaseActivities, 'voidClaimAtPayer' | 'claimRecordAtPayer'>>({
  startToCloseTimeout: '10s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '4s', maximumAttempts: 3 },
});

// A read of each payer's books by key: short, so it runs inside the settling workflow task.
const { reconcileClaims } = proxyLocalActivities<Pick<CaseActivities, 'reconcileClaims'>>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

// A payer that is down is retried with backoff for as long as it takes (no maximumAttempts);
// an administrator can resolve the claim by hand meanwhile, which cancels the retrying call.
//
// The cancellation type is the money race's root: the SDK's activities default to TRY_CANCEL (the
// proto's 0), whose promise rejects as soon as the cancel is asked for — a payer that paid
// meanwhile was never heard of. Under the four-eyes rule a cancelled call settles only once the
// payer call has ended (WAIT_CANCELLATION_COMPLETED), so its answer is used; earlier cases replay
// with the type they ran with.
function payerActivities(retry: PayerRetry = DEFAULT_PAYER_RETRY, cancellationType: ActivityCancellationType, taskQueue: string | undefined) {
  return proxyActivities<Pick<CaseActivities, typeof CLAIM_ACTIVITY>>({
    ...(taskQueue === undefined ? {} : { taskQueue }),
    startToCloseTimeout: '1m',
    heartbeatTimeout: '10s',
    cancellationType,
    retry: { initialInterval: retry.initialIntervalMs, backoffCoefficient: 2, maximumInterval: retry.maximumIntervalMs },
  });
}

/**
 * The schemas of the Updates this workflow checks itself, loaded on the first of them. The SDK's
 * sandbox evaluates a workflow's modules once for each workflow in the cache: zod and these
 * schemas would cost every cached case 0.5 MiB and 3 ms of CPU, and most cases never receive such
 * an Update (the API checks every body before it sends one). Evaluating pure modules is no command,
 * so it does not matter to replay when it happens.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the require inside the function is the point: loaded when first needed
const updateSchemas = () => require('./update-schemas') as typeof import('./update-schemas');

const SYSTEM: Actor = { role: 'system', sub: 'workflow' };
const PAYER_ACTOR: Actor = { role: 'payer', sub: 'payer' };

/** The workflow's clock: Temporal makes `Date` deterministic inside workflows (the task's start time). */
function now(): string {
  return new Date().toISOString();
}

/** What the cascade pinned when reimbursement started: proposals are checked against it. */
interface Cascade {
  fourEyes: boolean;
  policy: Policy;
  context: ClaimContext;
  /** The queue the payer calls go to; absent: the case's own (cases from before the payer queue). */
  payerQueue?: string;
}

export async function assistanceCase(args: AssistanceCaseInput): Promise<AssistanceCaseResult> {
  const { carried } = args;
  // A continued run keeps what its first run decided; the patches are asked in the first run only.
  const generation6 = carried ? carried.generation6 === true : patched(GENERATION_6_PATCH);
  const lean = carried ? carried.lean : generation6 || patched(LEAN_CASCADE_PATCH);
  const continues = carried !== undefined || generation6 || patched(CONTINUE_AS_NEW_PATCH);
  const journal = new CaseJournal(args.caseId, carried?.state);
  const state = (): CaseState => journal.state;
  let cascade: Cascade | undefined;

  const record: CaseJournal['record'] = (event) => {
    const before = journal.state.stage;
    const recorded = journal.record(event);
    const after = journal.state;
    if (after.stage !== before) onStageEntered(after.stage);
    else if (recorded.type === 'StageOverdue' && after.overdue) upsertSearchAttributes([{ key: searchAttributes.overdue, value: true }]);
    return recorded;
  };

  function onStageEntered(stage: Stage): void {
    upsertSearchAttributes([
      { key: searchAttributes.stage, value: stage },
      { key: searchAttributes.stageEnteredAt, value: new Date(journal.state.stageEnteredAt) },
      { key: searchAttributes.overdue, value: false },
    ]);
    if (!isTerminal(stage)) void watchServiceLevel(stage as WaitingStage);
  }

  /**
   * Past the stage's service-level time the case is flagged overdue, and keeps waiting. `waitMs`:
   * what is left of it, for a run that continued while the stage was already waiting.
   */
  async function watchServiceLevel(stage: WaitingStage, waitMs = args.stageSlaMs[stage]): Promise<void> {
    const slaMs = args.stageSlaMs[stage];
    const left = await condition(() => state().stage !== stage, waitMs);
    if (!left) record({ type: 'StageOverdue', occurredAt: now(), actor: SYSTEM, data: { stage, slaMs } });
  }

  if (!carried) {
    journal.record({
      type: 'CaseOpened',
      occurredAt: now(),
      actor: args.openedBy,
      data: { caseId: args.caseId, input: args.input, hospitalLevel: args.hospitalLevel },
    });
    // The API and the importer start cases with these set; anyone else gets them here, so every
    // case is findable however it was started. (A continued run is started with them.)
    if (!lean || workflowInfo().typedSearchAttributes.get(searchAttributes.stage) === undefined) {
      upsertSearchAttributes(caseSearchAttributes(state()));
    }
  }
  void journal.runWriter();
  if (!carried) void watchServiceLevel('SCREENING');
  else if (!isTerminal(state().stage) && !state().overdue) {
    // The stage's timer is set again from when the stage was entered, not from the new run's start.
    const stage = state().stage as WaitingStage;
    void watchServiceLevel(stage, Math.max(1, Date.parse(state().stageEnteredAt) + args.stageSlaMs[stage] - Date.now()));
  }

  const historyLong = () =>
    continues && (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > (args.historyLengthBound ?? HISTORY_LENGTH_BOUND));

  /** The next run: the case as it stands, its search attributes as they are (set from the state). */
  function continueAsNewWith(carriedCascade?: CarriedCascade): Promise<never> {
    const next = makeContinueAsNewFunc<typeof assistanceCase>({ typedSearchAttributes: caseSearchAttributes(state()) });
    return next({ ...args, carried: { state: state(), lean, ...(generation6 ? { generation6 } : {}), ...(carriedCascade ? { cascade: carriedCascade } : {}) } });
  }

  setHandler(getCaseQuery, () => snapshotOf(state()));
  setHandler(caseOpenedUpdate, async () => {
    await journal.persisted();
    return snapshotOf(state());
  });

  /**
   * An Update that decides on the state, records what it decided and answers with the case. The
   * validator refuses before anything is written — an actor whose role may not act included; the
   * handler decides again, as another Update may have been applied since. Permissions are checked
   * in the validator only: validators do not run on replay, so histories recorded before actors
   * carried their hospital replay unchanged.
   */
  function handleUpdate<A extends { actor: Actor; answer?: 'outcome' }>(
    update: UpdateDefinition<CaseAnswer, [A]>,
    action: CaseActionKind,
    decideOn: (updateArgs: A) => Decision,
    afterRecord?: (updateArgs: A) => Promise<void>,
    mayRun: (updateArgs: A) => Refusal | undefined = () => undefined,
  ): void {
    setHandler(
      update,
      async (updateArgs: A): Promise<CaseAnswer> => {
        const decision = decideOn(updateArgs);
        if (decision.kind === 'refuse') throw refusalFailure(decision.refusal);
        if (decision.kind === 'apply') record(decision.event);
        // No extra await when there is nothing to wait for: the histories of earlier versions
        // expect the write to be asked for in the same turn as the event is recorded.
        if (afterRecord) await afterRecord(updateArgs);
        await journal.persisted();
        // Runs of the continue-as-new patch answer a caller that asks with the outcome alone.
        if (continues && updateArgs.answer === 'outcome') {
          const { caseId, stage, updatedAt } = state();
          return { outcome: decision.kind === 'apply' ? 'applied' : 'replayed', caseId, stage, updatedAt };
        }
        return snapshotOf(state());
      },
      {
        validator: (updateArgs: A) => {
          const refusal = permissionRefusal(state(), action, updateArgs.actor) ?? mayRun(updateArgs);
          if (refusal) throw refusalFailure(refusal);
          const decision = decideOn(updateArgs);
          if (decision.kind === 'refuse') throw refusalFailure(decision.refusal);
        },
      },
    );
  }
  const decideCommand = (command: CaseCommand, actor: Actor) => decide(state(), command, actor, now());
  handleUpdate(recordScreeningUpdate, 'screening', ({ input, actor }) => decideCommand({ action: 'screening', input }, actor));
  handleUpdate(recordAdmissionUpdate, 'admission', ({ input, actor }) => decideCommand({ action: 'admission', input }, actor));
  handleUpdate(recordSurgeryUpdate, 'surgery', ({ input, actor }) => decideCommand({ action: 'surgery', input }, actor));
  handleUpdate(recordDischargeUpdate, 'discharge', ({ input, actor }) => decideCommand({ action: 'discharge', input }, actor));
  handleUpdate(withdrawCaseUpdate, 'withdraw', ({ input, actor }) => decideCommand({ action: 'withdraw', input }, actor));
  // A new Update: no history recorded before it holds one, so it needs no patch (README, "Changing
  // the workflow safely"), and cases already running hear of a death as new ones do.
  handleUpdate(
    applyLifeEventUpdate,
    'life-event',
    ({ input, actor }) => decideLifeEvent(state(), input, actor, now()),
    undefined,
    ({ input }) => invalidBody(updateSchemas().caseLifeEventSchema, input),
  );
  // Kept so that earlier histories replay; refused to every new caller (two administrators now).
  handleUpdate(
    resolveClaimUpdate,
    'resolve',
    ({ input, payer, actor }) => decideCommand({ action: 'resolve', payer, input }, actor),
    undefined,
    () => ({ kind: 'forbidden', detail: 'a claim is resolved by hand by two administrators: propose, then approve' }),
  );

  /** What the pinned policy pays `payer` on what the earlier payers actually paid. */
  const policyAmountFen = (payer: Payer): number => {
    if (!cascade) return 0;
    const computed = computeClaim(cascade.policy, payer, cascade.context, paidSoFar(state()));
    return computed.status === 'PAID' ? computed.amountFen : 0;
  };
  // A query only reads: adding it changes no history, so no patch is needed.
  setHandler(policyShareQuery, (payer) => (cascade ? { policyAmountFen: policyAmountFen(payer), owedFen: owedBefore(state(), payer) } : null));
  // The body is checked here too: a client talking to Temporal directly skips the API's validation.
  const invalidBody = (schema: ZodType, input: unknown): Refusal | undefined => {
    const problem = bodyProblemOf(schema, input);
    return problem === undefined ? undefined : { kind: 'unprocessable', detail: problem };
  };
  handleUpdate(
    proposeResolutionUpdate,
    'propose',
    // The policy is checked when the proposal arrives (the validator), not again when its history
    // is replayed: a later change of the policy engine must not change what was accepted.
    ({ input, payer, actor }) => decideProposal(state(), payer, input, actor, now(), policyAmountFen(payer), { enforcePolicy: false }),
    undefined,
    ({ input, payer, actor }) => {
      const invalid = invalidBody(updateSchemas().claimProposalSchema, input);
      if (invalid) return invalid;
      const decision = decideProposal(state(), payer, input, actor, now(), policyAmountFen(payer), { enforcePolicy: true });
      return decision.kind === 'refuse' ? decision.refusal : undefined;
    },
  );
  handleUpdate(
    approveProposalUpdate,
    'approve',
    ({ input, payer, proposalId, actor }) => decideApproval(state(), payer, proposalId, input, actor, now()),
    // Answered once the cascade has settled the approved proposal with the payer's books.
    async ({ proposalId }) => {
      await condition(() => findProposal(state(), proposalId)?.state !== 'APPROVED' || claimOf(state(), findProposal(state(), proposalId)!.payer).status !== 'IN_PROGRESS');
      const proposal = findProposal(state(), proposalId)!;
      if (proposal.state === 'PROPOSED') {
        await journal.persisted();
        throw refusalFailure({ kind: 'unprocessable', detail: `${proposal.decisionNote ?? 'the payer could not void the claim'}; the claim stays open and the payer is called again` });
      }
    },
    ({ input }) => invalidBody(updateSchemas().proposalApprovalSchema, input),
  );
  handleUpdate(
    rejectProposalUpdate,
    'reject-proposal',
    ({ input, payer, proposalId, actor }) => decideProposalRejection(state(), payer, proposalId, input, actor, now()),
    undefined,
    ({ input }) => invalidBody(updateSchemas().proposalRejectionSchema, input),
  );

  const reimbursingOrEnded = () => state().stage === 'REIMBURSING' || isTerminal(state().stage);
  await condition(() => reimbursingOrEnded() || historyLong());
  if (!reimbursingOrEnded()) {
    // An Update drained meanwhile may have discharged or withdrawn the case: this run goes on with it.
    await whenDrained(journal, () => (reimbursingOrEnded() ? undefined : continueAsNewWith()));
  }
  if (state().stage === 'REIMBURSING') {
    let from = 0;
    if (carried?.cascade) {
      const { nextPayer, ...pinned } = carried.cascade;
      cascade = pinned;
      from = nextPayer;
    } else {
      const fourEyes = generation6 || patched(FOUR_EYES_PATCH);
      const payerQueue = generation6 || patched(PAYER_QUEUE_PATCH) ? payerTaskQueue(workflowInfo().taskQueue) : undefined;
      cascade = await startReimbursing(journal, record, fourEyes, payerQueue);
    }
    const pinned = cascade;
    // The run may stop between two payers, where no payer call runs: the next one calls the rest.
    const stoppedAt = await callPayers(journal, record, pinned, lean, args.payerRetry, from, historyLong);
    if (stoppedAt !== undefined) return whenDrained(journal, () => continueAsNewWith({ ...pinned, nextPayer: stoppedAt }));
    await settle(journal, record, pinned.fourEyes);
  }

  // A repeated report may still be waiting for its answer: let it finish before the case closes.
  return whenDrained(journal, () => ({ caseId: args.caseId, stage: state().stage }));
}

/** The search attributes of a case as its state has them. */
function caseSearchAttributes(state: CaseState): SearchAttributePair[] {
  return [
    { key: searchAttributes.stage, value: state.stage },
    { key: searchAttributes.town, value: state.applicant.town },
    { key: searchAttributes.hospital, value: state.hospitalId },
    { key: searchAttributes.stageEnteredAt, value: new Date(state.stageEnteredAt) },
    { key: searchAttributes.overdue, value: state.overdue },
  ];
}

/** Reimbursement starts: the policy in force is pinned with what the claims are computed from. */
async function startReimbursing(journal: CaseJournal, record: CaseJournal['record'], fourEyes: boolean, payerQueue: string | undefined): Promise<Cascade> {
  const state = () => journal.state;
  const bill = state().discharge!.bill;
  const policy: Policy = await loadPolicy({ caseId: state().caseId });
  record({ type: 'ReimbursementStarted', occurredAt: now(), actor: SYSTEM, data: { policyVersion: policy.version, bill } });

  const context: ClaimContext = {
    bill,
    insured: state().insured,
    assistanceCategory: state().assistanceCategory,
    disabilityCertificate: state().disabilityCertificate,
    hospitalLevel: state().hospitalLevel,
  };
  return { fourEyes, policy, context, ...(payerQueue === undefined ? {} : { payerQueue }) };
}

/**
 * The cascade: each payer in order from `from`, each from the amounts actually paid before it.
 * Before each payer after the first, `stopHere` may end the run's part: the index of the payer
 * not yet called is returned, and nothing of it has been recorded yet.
 */
async function callPayers(
  journal: CaseJournal,
  record: CaseJournal['record'],
  cascade: Cascade,
  lean: boolean,
  retry: PayerRetry | undefined,
  from: number,
  stopHere: () => boolean,
): Promise<number | undefined> {
  const { fourEyes, policy, context } = cascade;
  const cancellationType = fourEyes ? ActivityCancellationType.WAIT_CANCELLATION_COMPLETED : ActivityCancellationType.TRY_CANCEL;
  const { submitClaim } = payerActivities(retry, cancellationType, cascade.payerQueue);
  // Cases that reached reimbursement before the four-eyes rule keep the calls they were recorded
  // with (the events carried only under lean-cascade; the single-administrator resolution).
  const calls: ClaimCalls = fourEyes ? { carryEvents: true, legacyResolution: false } : { carryEvents: lean, legacyResolution: true };
  for (let index = from; index < PAYERS.length; index++) {
    if (index > from && stopHere()) return index;
    await settleClaim(journal, record, submitClaim, { payer: PAYERS[index]!, policy, context }, calls);
  }
  return undefined;
}

/** Every payer has decided: the case is settled, and (under the four-eyes rule) checked against the payers' books. */
async function settle(journal: CaseJournal, record: CaseJournal['record'], fourEyes: boolean): Promise<void> {
  const state = () => journal.state;
  const bill = state().discharge!.bill;
  const claims = state().reimbursement!.claims;
  const amounts = claims.map((claim) => (claim.status === 'PAID' ? claim.amountFen : 0));
  // A broken invariant is a bug: failing the workflow task keeps the case open and visible as stuck.
  assertSettlementInvariant(bill.totalFen, amounts);
  const paidFen = amounts.reduce((sum, amount) => sum + amount, 0);
  record({ type: 'CaseSettled', occurredAt: now(), actor: SYSTEM, data: { totalFen: bill.totalFen, paidFen, outOfPocketFen: bill.totalFen - paidFen } });
  // The patient's bill is settled whatever the funds' books say; a disagreement between them is
  // for a person (the stuck report), and checking runs beside the last write, not before it.
  if (fourEyes) await reconcileWithPayers(journal, record);
}

type SubmitClaim = ReturnType<typeof payerActivities>[typeof CLAIM_ACTIVITY];
type CallOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

interface ClaimCalls {
  /** The claim's events ride with the payer call (lean-cascade). */
  carryEvents: boolean;
  /** A resolution by the former single-administrator Update (histories recorded before the four-eyes rule) ends the claim. */
  legacyResolution: boolean;
}

/** The payer call failed because the claim's key was voided at the payer: it will never pay it. */
function voidedAtPayer(error: unknown): boolean {
  return error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.type === CLAIM_VOIDED_FAILURE;
}

/**
 * One claim, until it is decided by the payer's books. The payer is called (and retried) until it
 * answers; an approved proposal cancels the call and waits for it to end — a payer that answered
 * meanwhile is used — then voids the claim's key at the payer: only a voided key lets the proposal
 * be recorded, so nothing the payer paid is ever paid again by the funds after it.
 */
async function settleClaim(
  journal: CaseJournal,
  record: CaseJournal['record'],
  submitClaim: SubmitClaim,
  claim: { payer: Payer; policy: Policy; context: ClaimContext },
  calls: ClaimCalls,
): Promise<void> {
  const state = () => journal.state;
  const { payer } = claim;
  const caseId = state().caseId;
  const idempotencyKey = claimIdempotencyKey(caseId, payer);
  record({ type: 'ClaimSubmitted', occurredAt: now(), actor: SYSTEM, data: { payer, idempotencyKey } });

  for (;;) {
    const request: ClaimRequest = { caseId, payer, idempotencyKey, context: claim.context, paidSoFar: paidSoFar(state()), policy: claim.policy };
    const submission = new CancellationScope();
    // The claim's events ride with the payer call, which stores them before calling the payer.
    const carried = calls.carryEvents ? journal.handOff() : [];
    const call: Promise<CallOutcome<Awaited<ReturnType<SubmitClaim>>>> = submission
      .run(() => (calls.carryEvents ? submitClaim(request, carried) : submitClaim(request)))
      .then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));
    const approved = () => approvedProposal(state(), payer) !== undefined;
    const resolvedByLegacyUpdate = () => calls.legacyResolution && claimOf(state(), payer).status !== 'IN_PROGRESS';
    await Promise.race([call, condition(() => approved() || resolvedByLegacyUpdate())]);
    if (resolvedByLegacyUpdate()) {
      // Recorded by the former Update: the call is stopped and its answer not used (as these cases ran).
      submission.cancel();
      const stopped = await call;
      if (!stopped.ok && !isCancellation(stopped.error)) throw stopped.error;
      return;
    }
    if (approved()) submission.cancel();
    const outcome = await call;

    if (outcome.ok) {
      const { attempts, storedThroughSeq, ...decision } = outcome.value;
      if (storedThroughSeq !== undefined) journal.stored(storedThroughSeq);
      else if (carried.length > 0) journal.takeBack();
      // The payer's decision stands, over a proposal approved while it was on its way.
      record({ type: 'ClaimDecided', occurredAt: now(), actor: { ...PAYER_ACTOR, sub: payer }, data: { payer, attempts, ...decision } });
      return;
    }
    if (carried.length > 0) journal.takeBack();
    // A key voided at the payer by an approval whose void looked failed (it took effect after all):
    // the payer will never pay it, so the claim waits for an approval to record.
    if (!approved() && voidedAtPayer(outcome.error)) await condition(approved);
    const proposal = approvedProposal(state(), payer);
    if (!proposal) throw outcome.error;

    // No call for this claim runs any more; the payer's books decide between its answer and the proposal.
    let atPayer;
    try {
      atPayer = await voidClaimAtPayer({ caseId, payer, idempotencyKey, reference: proposal.reference });
    } catch (error) {
      // The void may have reached the payer although its answer did not: its books say.
      const known = await claimRecordAtPayer({ caseId, payer, idempotencyKey }).catch(() => null);
      if (known === null) {
        const message = error instanceof ActivityFailure && error.cause ? error.cause.message : String(error);
        record({ type: 'ResolutionVoidFailed', occurredAt: now(), actor: SYSTEM, data: { payer, proposalId: proposal.proposalId, error: message } });
        continue;
      }
      atPayer = known;
    }
    if (atPayer.status === 'VOIDED') {
      record(resolutionRecorded(state(), proposal, now()));
    } else {
      const { recordedAt: _recordedAt, ...decision } = atPayer;
      record({
        type: 'ClaimDecided',
        occurredAt: now(),
        actor: { ...PAYER_ACTOR, sub: payer },
        data: { payer, attempts: claimOf(state(), payer).attempts, ...decision, status: atPayer.status },
      });
    }
    return;
  }
}

/**
 * The ledger against the payers' own books, once the case has settled: a payer that paid a claim
 * settled by hand, or whose books differ from its recorded decision, is a discrepancy for a person.
 */
async function reconcileWithPayers(journal: CaseJournal, record: CaseJournal['record']): Promise<void> {
  const state = journal.state;
  const claims: LedgerClaim[] = state.reimbursement!.claims.map((claim) => ({
    payer: claim.payer,
    idempotencyKey: claimIdempotencyKey(state.caseId, claim.payer),
    status: claim.status as LedgerClaim['status'],
    amountFen: claim.amountFen,
    decidedBy: claim.decidedBy ?? 'payer',
  }));
  for (const discrepancy of await reconcileClaims({ caseId: state.caseId, claims })) {
    record({ type: 'PaymentDiscrepancyFound', occurredAt: now(), actor: SYSTEM, data: discrepancy });
  }
}

function claimOf(state: CaseState, payer: Payer) {
  return state.reimbursement!.claims.find((claim) => claim.payer === payer)!;
}

function paidSoFar(state: CaseState): PaidSoFar {
  const paid: PaidSoFar = {};
  for (const claim of state.reimbursement!.claims) {
    if (claim.status === 'PAID') paid[claim.payer] = claim.amountFen;
  }
  return paid;
}

function refusalFailure(refusal: Refusal): ApplicationFailure {
  return ApplicationFailure.create({ type: REFUSAL_FAILURE_TYPES[refusal.kind], message: refusal.detail, details: refusalFailureDetails(refusal), nonRetryable: true });
}
