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
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { CaseActivities } from '../activities';
import type { ClaimRequest } from '../activities/payers/payer-adapter';
import { decide, type CaseCommand, type Refusal } from '../domain/case-commands';
import { toCaseView, type CaseState } from '../domain/case-state';
import type { ClaimContext, PaidSoFar, Policy } from '../domain/policy';
import { assertSettlementInvariant } from '../domain/policy/policy.settlement';
import type { Actor, CaseView } from '../domain/schemas';
import { isTerminal, PAYERS, type Payer, type Stage, type WaitingStage } from '../domain/stages';
import { CaseJournal } from './case-journal';
import {
  caseOpenedUpdate,
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

// A payer that is down is retried with backoff for as long as it takes (no maximumAttempts);
// an administrator can resolve the claim by hand meanwhile, which cancels the retrying call.
function payerActivities(retry: PayerRetry = DEFAULT_PAYER_RETRY) {
  return proxyActivities<Pick<CaseActivities, 'submitClaim'>>({
    startToCloseTimeout: '1m',
    heartbeatTimeout: '10s',
    retry: { initialInterval: retry.initialIntervalMs, backoffCoefficient: 2, maximumInterval: retry.maximumIntervalMs },
  });
}

const SYSTEM: Actor = { role: 'system', sub: 'workflow' };
const PAYER_ACTOR: Actor = { role: 'payer', sub: 'payer' };

/** The workflow's clock: Temporal makes `Date` deterministic inside workflows (the task's start time). */
function now(): string {
  return new Date().toISOString();
}

export async function assistanceCase(args: AssistanceCaseInput): Promise<AssistanceCaseResult> {
  const lean = patched(LEAN_CASCADE_PATCH);
  const journal = new CaseJournal(args.caseId);
  const state = (): CaseState => journal.state;

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

  function handleCommand<A extends { actor: Actor }>(update: UpdateDefinition<CaseView, [A]>, toCommand: (args: A) => CaseCommand): void {
    setHandler(
      update,
      async (updateArgs: A) => {
        // Decided again: another update may have been applied since the validator ran.
        const decision = decide(state(), toCommand(updateArgs), updateArgs.actor, now());
        if (decision.kind === 'refuse') throw refusalFailure(decision.refusal);
        if (decision.kind === 'apply') record(decision.event);
        await journal.persisted();
        return toCaseView(state());
      },
      {
        validator: (updateArgs: A) => {
          const decision = decide(state(), toCommand(updateArgs), updateArgs.actor, now());
          if (decision.kind === 'refuse') throw refusalFailure(decision.refusal);
        },
      },
    );
  }
  handleCommand(recordScreeningUpdate, ({ input }) => ({ action: 'screening', input }));
  handleCommand(recordAdmissionUpdate, ({ input }) => ({ action: 'admission', input }));
  handleCommand(recordSurgeryUpdate, ({ input }) => ({ action: 'surgery', input }));
  handleCommand(recordDischargeUpdate, ({ input }) => ({ action: 'discharge', input }));
  handleCommand(withdrawCaseUpdate, ({ input }) => ({ action: 'withdraw', input }));
  handleCommand(resolveClaimUpdate, ({ input, payer }) => ({ action: 'resolve', payer, input }));

  await condition(() => state().stage === 'REIMBURSING' || isTerminal(state().stage));
  if (state().stage === 'REIMBURSING') await reimburse(journal, record, payerActivities(args.payerRetry), lean);

  await journal.persisted();
  // A repeated report may still be waiting for its answer: let it finish before the case closes.
  await condition(allHandlersFinished);
  return { caseId: args.caseId, stage: state().stage };
}

/** The cascade: each payer in order, each from the amounts actually paid before it. */
async function reimburse(journal: CaseJournal, record: CaseJournal['record'], { submitClaim }: ReturnType<typeof payerActivities>, lean: boolean): Promise<void> {
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

  const claims = state().reimbursement!.claims;
  const amounts = claims.map((claim) => (claim.status === 'PAID' ? claim.amountFen : 0));
  // A broken invariant is a bug: failing the workflow task keeps the case open and visible as stuck.
  assertSettlementInvariant(bill.totalFen, amounts);
  const paidFen = amounts.reduce((sum, amount) => sum + amount, 0);
  record({ type: 'CaseSettled', occurredAt: now(), actor: SYSTEM, data: { totalFen: bill.totalFen, paidFen, outOfPocketFen: bill.totalFen - paidFen } });
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
  }
}
