/**
 * One assistance case, from screening to the last payment. People act on it through Updates
 * (validated before anything is written); the cascade of the five payers runs in the main body.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  isCancellation,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { ActivityCancellationType, ActivityFailure, type UpdateDefinition } from '@temporalio/common';
import type { CaseActivities, LedgerClaim } from '../activities';
import type { ClaimRequest } from '../activities/payers/payer-adapter';
import { decide, type CaseCommand, type Decision, type Refusal } from '../domain/case-commands';
import { permissionRefusal, type CaseActionKind } from '../domain/case-permissions';
import { toCaseView, type CaseState } from '../domain/case-state';
import { approvedProposal, decideApproval, decideProposal, decideProposalRejection, findProposal, resolutionRecorded } from '../domain/claim-proposals';
import type { ClaimContext, PaidSoFar, Policy } from '../domain/policy';
import { computeClaim } from '../domain/policy/policy.engine';
import { assertSettlementInvariant } from '../domain/policy/policy.settlement';
import type { Actor, CaseView } from '../domain/schemas';
import { isTerminal, PAYERS, type Payer, type Stage, type WaitingStage } from '../domain/stages';
import { CaseJournal } from './case-journal';
import {
  approveProposalUpdate,
  caseOpenedUpdate,
  proposeResolutionUpdate,
  rejectProposalUpdate,
  getCaseQuery,
  recordAdmissionUpdate,
  recordDischargeUpdate,
  recordScreeningUpdate,
  recordSurgeryUpdate,
  REFUSAL_TYPES,
  resolveClaimUpdate,
  searchAttributes,
  withdrawCaseUpdate,
  DEFAULT_PAYER_RETRY,
  type AssistanceCaseInput,
  type PayerRetry,
  type AssistanceCaseResult,
} from './shared';

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
 * meanwhile stands. The ledger is reconciled with the payers' books before the case settles.
 * Earlier cases replay as before (their single-administrator resolution is no longer offered).
 */
const FOUR_EYES_PATCH = 'four-eyes-resolution';

// Voids are short; a payer that cannot void after these attempts leaves the claim open and the
// proposal waiting, so that the approver learns it at once instead of the cascade waiting forever.
const { voidClaimAtPayer } = proxyActivities<Pick<CaseActivities, 'voidClaimAtPayer'>>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '8s', maximumAttempts: 4 },
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
function payerActivities(retry: PayerRetry = DEFAULT_PAYER_RETRY, cancellationType: ActivityCancellationType) {
  return proxyActivities<Pick<CaseActivities, 'submitClaim'>>({
    startToCloseTimeout: '1m',
    heartbeatTimeout: '10s',
    cancellationType,
    retry: { initialInterval: retry.initialIntervalMs, backoffCoefficient: 2, maximumInterval: retry.maximumIntervalMs },
  });
}

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
}

export async function assistanceCase(args: AssistanceCaseInput): Promise<AssistanceCaseResult> {
  const lean = patched(LEAN_CASCADE_PATCH);
  const journal = new CaseJournal(args.caseId);
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

  /** Past the stage's service-level time the case is flagged overdue, and keeps waiting. */
  async function watchServiceLevel(stage: WaitingStage): Promise<void> {
    const slaMs = args.stageSlaMs[stage];
    const left = await condition(() => state().stage !== stage, slaMs);
    if (!left) record({ type: 'StageOverdue', occurredAt: now(), actor: SYSTEM, data: { stage, slaMs } });
  }

  journal.record({
    type: 'CaseOpened',
    occurredAt: now(),
    actor: args.openedBy,
    data: { caseId: args.caseId, input: args.input, hospitalLevel: args.hospitalLevel },
  });
  // The API and the importer start cases with these set; anyone else gets them here, so every
  // case is findable however it was started.
  if (!lean || workflowInfo().typedSearchAttributes.get(searchAttributes.stage) === undefined) {
    upsertSearchAttributes([
      { key: searchAttributes.stage, value: state().stage },
      { key: searchAttributes.town, value: state().applicant.town },
      { key: searchAttributes.hospital, value: state().hospitalId },
      { key: searchAttributes.stageEnteredAt, value: new Date(state().stageEnteredAt) },
      { key: searchAttributes.overdue, value: false },
    ]);
  }
  void journal.runWriter();
  void watchServiceLevel('SCREENING');

  setHandler(getCaseQuery, () => toCaseView(state()));
  setHandler(caseOpenedUpdate, async () => {
    await journal.persisted();
    return toCaseView(state());
  });

  /**
   * An Update that decides on the state, records what it decided and answers with the case. The
   * validator refuses before anything is written — an actor whose role may not act included; the
   * handler decides again, as another Update may have been applied since. Permissions are checked
   * in the validator only: validators do not run on replay, so histories recorded before actors
   * carried their hospital replay unchanged.
   */
  function handleUpdate<A extends { actor: Actor }>(
    update: UpdateDefinition<CaseView, [A]>,
    action: CaseActionKind,
    decideOn: (updateArgs: A) => Decision,
    afterRecord?: (updateArgs: A) => Promise<void>,
    mayRun: () => Refusal | undefined = () => undefined,
  ): void {
    setHandler(
      update,
      async (updateArgs: A) => {
        const decision = decideOn(updateArgs);
        if (decision.kind === 'refuse') throw refusalFailure(decision.refusal);
        if (decision.kind === 'apply') record(decision.event);
        // No extra await when there is nothing to wait for: the histories of earlier versions
        // expect the write to be asked for in the same turn as the event is recorded.
        if (afterRecord) await afterRecord(updateArgs);
        await journal.persisted();
        return toCaseView(state());
      },
      {
        validator: (updateArgs: A) => {
          const refusal = mayRun() ?? permissionRefusal(state(), action, updateArgs.actor);
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
  // Kept so that earlier cases replay; a case under the four-eyes rule refuses it.
  handleUpdate(
    resolveClaimUpdate,
    'resolve',
    ({ input, payer, actor }) => decideCommand({ action: 'resolve', payer, input }, actor),
    undefined,
    () => (cascade?.fourEyes ? { kind: 'forbidden', detail: 'a claim is resolved by hand by two administrators: propose, then approve' } : undefined),
  );

  // Proposals exist only for cascades under the four-eyes rule.
  const fourEyesOnly = (): Refusal | undefined =>
    cascade?.fourEyes === false ? { kind: 'stage-conflict', currentStage: state().stage, detail: 'this case predates resolutions by two administrators' } : undefined;
  /** What the pinned policy pays `payer` on what the earlier payers actually paid. */
  const policyAmountFen = (payer: Payer): number => {
    if (!cascade) return 0;
    const computed = computeClaim(cascade.policy, payer, cascade.context, paidSoFar(state()));
    return computed.status === 'PAID' ? computed.amountFen : 0;
  };
  handleUpdate(
    proposeResolutionUpdate,
    'propose',
    ({ input, payer, actor }) => decideProposal(state(), payer, input, actor, now(), policyAmountFen(payer)),
    undefined,
    fourEyesOnly,
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
    fourEyesOnly,
  );
  handleUpdate(rejectProposalUpdate, 'reject-proposal', ({ input, payer, proposalId, actor }) => decideProposalRejection(state(), payer, proposalId, input, actor, now()), undefined, fourEyesOnly);

  await condition(() => state().stage === 'REIMBURSING' || isTerminal(state().stage));
  if (state().stage === 'REIMBURSING') {
    const fourEyes = patched(FOUR_EYES_PATCH);
    const cancellationType = fourEyes ? ActivityCancellationType.WAIT_CANCELLATION_COMPLETED : ActivityCancellationType.TRY_CANCEL;
    await reimburse(journal, record, payerActivities(args.payerRetry, cancellationType), lean, fourEyes, (pinned) => (cascade = pinned));
  }

  await journal.persisted();
  // A repeated report may still be waiting for its answer: let it finish before the case closes.
  await condition(allHandlersFinished);
  return { caseId: args.caseId, stage: state().stage };
}

/** The cascade: each payer in order, each from the amounts actually paid before it. */
async function reimburse(
  journal: CaseJournal,
  record: CaseJournal['record'],
  { submitClaim }: ReturnType<typeof payerActivities>,
  lean: boolean,
  fourEyes: boolean,
  pin: (cascade: Cascade) => void,
): Promise<void> {
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
  pin({ fourEyes, policy, context });

  if (fourEyes) {
    for (const payer of PAYERS) await settleClaim(journal, record, submitClaim, { payer, policy, context });
  } else {
    await cascadeBeforeFourEyes(journal, record, submitClaim, policy, context, lean);
  }

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

type SubmitClaim = ReturnType<typeof payerActivities>['submitClaim'];
type CallOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * One claim, until it is decided by the payer's books. The payer is called (and retried) until it
 * answers; an approved proposal cancels the call and waits for it to end — a payer that answered
 * meanwhile is used — then voids the claim's key at the payer: only a voided key lets the proposal
 * be recorded, so nothing the payer paid is ever paid again by the funds after it.
 */
async function settleClaim(journal: CaseJournal, record: CaseJournal['record'], submitClaim: SubmitClaim, claim: { payer: Payer; policy: Policy; context: ClaimContext }): Promise<void> {
  const state = () => journal.state;
  const { payer } = claim;
  const caseId = state().caseId;
  const idempotencyKey = `${caseId}:${payer}`;
  record({ type: 'ClaimSubmitted', occurredAt: now(), actor: SYSTEM, data: { payer, idempotencyKey } });

  for (;;) {
    const request: ClaimRequest = { caseId, payer, idempotencyKey, context: claim.context, paidSoFar: paidSoFar(state()), policy: claim.policy };
    const submission = new CancellationScope();
    // The claim's events ride with the payer call, which stores them before calling the payer.
    const carried = journal.handOff();
    const call: Promise<CallOutcome<Awaited<ReturnType<SubmitClaim>>>> = submission
      .run(() => submitClaim(request, carried))
      .then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));
    const approved = () => approvedProposal(state(), payer) !== undefined;
    await Promise.race([call, condition(approved)]);
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
    journal.takeBack();
    const proposal = approvedProposal(state(), payer);
    if (!proposal) throw outcome.error;

    // No call for this claim runs any more; the payer's books decide between its answer and the proposal.
    let atPayer;
    try {
      atPayer = await voidClaimAtPayer({ caseId, payer, idempotencyKey, reference: proposal.reference });
    } catch (error) {
      const message = error instanceof ActivityFailure && error.cause ? error.cause.message : String(error);
      record({ type: 'ResolutionVoidFailed', occurredAt: now(), actor: SYSTEM, data: { payer, proposalId: proposal.proposalId, error: message } });
      continue;
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
 * The ledger against the payers' own books, before the case settles: a payer that paid a claim
 * settled by hand, or whose books differ from its recorded decision, is a discrepancy for a person.
 */
async function reconcileWithPayers(journal: CaseJournal, record: CaseJournal['record']): Promise<void> {
  const state = journal.state;
  const claims: LedgerClaim[] = state.reimbursement!.claims.map((claim) => ({
    payer: claim.payer,
    idempotencyKey: `${state.caseId}:${claim.payer}`,
    status: claim.status as LedgerClaim['status'],
    amountFen: claim.amountFen,
    decidedBy: claim.decidedBy ?? 'payer',
  }));
  for (const discrepancy of await reconcileClaims({ caseId: state.caseId, claims })) {
    record({ type: 'PaymentDiscrepancyFound', occurredAt: now(), actor: SYSTEM, data: discrepancy });
  }
}

/** The cascade as cases that reached reimbursement before the four-eyes rule run it (replays unchanged). */
async function cascadeBeforeFourEyes(journal: CaseJournal, record: CaseJournal['record'], submitClaim: SubmitClaim, policy: Policy, context: ClaimContext, lean: boolean): Promise<void> {
  const state = () => journal.state;
  for (const payer of PAYERS) {
    const idempotencyKey = `${state().caseId}:${payer}`;
    record({ type: 'ClaimSubmitted', occurredAt: now(), actor: SYSTEM, data: { payer, idempotencyKey } });
    const request: ClaimRequest = { caseId: state().caseId, payer, idempotencyKey, context, paidSoFar: paidSoFar(state()), policy };

    const claimDecided = () => claimOf(state(), payer).status !== 'IN_PROGRESS';
    const submission = new CancellationScope();
    // The claim's events (this submission, the previous decision) ride with the payer call, which
    // stores them before calling the payer: no write of their own while the cascade runs.
    const carried = lean ? journal.handOff() : [];
    const payerDecision = submission.run(() => (lean ? submitClaim(request, carried) : submitClaim(request)));
    await Promise.race([payerDecision.catch(() => undefined), condition(claimDecided)]);

    if (claimDecided()) {
      // Resolved by an administrator: stop retrying the payer; its late answer is not used.
      submission.cancel();
      await payerDecision.catch((error: unknown) => {
        if (!isCancellation(error)) throw error;
      });
      continue;
    }
    const { attempts, storedThroughSeq, ...decision } = await payerDecision;
    if (storedThroughSeq !== undefined) journal.stored(storedThroughSeq);
    else if (carried.length > 0) journal.takeBack();
    record({ type: 'ClaimDecided', occurredAt: now(), actor: { ...PAYER_ACTOR, sub: payer }, data: { payer, attempts, ...decision } });
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
  switch (refusal.kind) {
    case 'stage-conflict':
      return ApplicationFailure.create({ type: REFUSAL_TYPES.stageConflict, message: refusal.detail, details: [{ currentStage: refusal.currentStage }], nonRetryable: true });
    case 'idempotency-conflict':
      return ApplicationFailure.create({ type: REFUSAL_TYPES.idempotencyConflict, message: refusal.detail, nonRetryable: true });
    case 'unprocessable':
      return ApplicationFailure.create({ type: REFUSAL_TYPES.unprocessable, message: refusal.detail, nonRetryable: true });
    case 'forbidden':
      return ApplicationFailure.create({ type: REFUSAL_TYPES.forbidden, message: refusal.detail, nonRetryable: true });
    case 'four-eyes':
      return ApplicationFailure.create({ type: REFUSAL_TYPES.fourEyes, message: refusal.detail, nonRetryable: true });
    case 'not-found':
      return ApplicationFailure.create({ type: REFUSAL_TYPES.notFound, message: refusal.detail, nonRetryable: true });
  }
}
