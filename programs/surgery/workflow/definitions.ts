/**
 * The contract between the case workflow and everyone who talks to it (API, worker, tests):
 * the workflow id, the updates and the query, the search-attribute keys and the input types.
 * Imported by the workflow bundle, so it must stay deterministic and free of Node modules.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair, type UpdateDefinition } from '@temporalio/common';
import type { AdmissionInput, ClaimProposalInput, DischargeInput, NewCaseInput, ProposalApprovalInput, ProposalRejectionInput, ResolveClaimInput, ScreeningInput, SurgeryInput, WithdrawInput } from '../domain/schemas';
import type { TransitionInputs, TransitionKind } from '../domain/transition-kinds';
import type { Actor } from '../../../domain/actor';
import type { HospitalLevel, Payer, Stage, WaitingStage } from '../domain/stages';
import type { CaseLifeEventInput } from '../../../domain/life-events';
import type { CaseSnapshot, CaseState } from '../domain/case-state';
import type { ClaimContext, Policy } from '../domain/policy/index';

export const CASE_WORKFLOW_TYPE = 'assistanceCase';

// Defined with the case's other names; here too because starting a case's workflow needs them.
export { CASE_WORKFLOW_ID_PREFIX, caseWorkflowId } from '../domain/ids';

/** The activity whose consecutive failures are a claim's retries (the case's view and the stuck report read them by this name). */
export const CLAIM_ACTIVITY = 'submitClaim';

export const searchAttributes = {
  stage: defineSearchAttributeKey('CaseStage', SearchAttributeType.KEYWORD),
  town: defineSearchAttributeKey('CaseTown', SearchAttributeType.KEYWORD),
  hospital: defineSearchAttributeKey('CaseHospital', SearchAttributeType.KEYWORD),
  stageEnteredAt: defineSearchAttributeKey('StageEnteredAt', SearchAttributeType.DATETIME),
  overdue: defineSearchAttributeKey('CaseOverdue', SearchAttributeType.BOOL),
} as const;

/** The search attributes a case's workflow is started with: findable by stage, town and hospital from its first moment. */
export function openingSearchAttributes(input: Pick<NewCaseInput, 'applicant' | 'hospitalId'>, openedAt: Date): SearchAttributePair[] {
  return [
    { key: searchAttributes.stage, value: 'SCREENING' },
    { key: searchAttributes.town, value: input.applicant.town },
    { key: searchAttributes.hospital, value: input.hospitalId },
    { key: searchAttributes.stageEnteredAt, value: openedAt },
    { key: searchAttributes.overdue, value: false },
  ];
}

/** Name → type, as `temporal operator search-attribute create` and `start-dev --search-attribute` want them. */
export const SEARCH_ATTRIBUTE_DEFINITIONS: Record<string, 'Keyword' | 'Datetime' | 'Bool'> = {
  CaseStage: 'Keyword',
  CaseTown: 'Keyword',
  CaseHospital: 'Keyword',
  StageEnteredAt: 'Datetime',
  CaseOverdue: 'Bool',
};

export interface AssistanceCaseInput {
  caseId: string;
  /** Validated by the API with `newCaseSchema` and `newCaseContextIssues`. */
  input: NewCaseInput & { insured: boolean };
  hospitalLevel: HospitalLevel;
  openedBy: Actor;
  /** Service-level time of each waiting stage, fixed when the case opens. */
  stageSlaMs: Record<WaitingStage, number>;
  /** Backoff between a payer's failed calls; production leaves it to the default. */
  payerRetry?: PayerRetry;
  /** Set when the workflow continued as new: the case as it stood. */
  carried?: CarriedCase;
  /** Continue as new past this many history events (tests lower it); the workflow's own bound otherwise. */
  historyLengthBound?: number;
}

/**
 * What a case's workflow carries when it continues as new. Everything in it is stored already
 * (the run drains its Updates and its writes first), so the new run starts from the stored case.
 */
export interface CarriedCase {
  state: CaseState;
  /** Whether the case writes the lean way (the lean-cascade patch, as its first run decided). */
  lean: boolean;
  /** The case-generation-6 patch, as its first run decided; absent in cases started before it. */
  generation6?: boolean;
  /** Set when the run continued in the middle of the cascade, between two payers. */
  cascade?: CarriedCascade;
}

/** The cascade as it was pinned when reimbursement started, and where it stopped. */
export interface CarriedCascade {
  policy: Policy;
  context: ClaimContext;
  /** The four-eyes patch, as the run that started the cascade decided it. */
  fourEyes: boolean;
  /** The payer task queue the calls go to (the payer-task-queue patch); absent: the case's own queue. */
  payerQueue?: string;
  /** Index in PAYERS of the next payer to call: every payer before it has a decided claim. */
  nextPayer: number;
}

export interface PayerRetry {
  initialIntervalMs: number;
  maximumIntervalMs: number;
}

export const DEFAULT_PAYER_RETRY: PayerRetry = { initialIntervalMs: 1_000, maximumIntervalMs: 60_000 };

export interface AssistanceCaseResult {
  caseId: string;
  stage: Stage;
}

export interface TransitionArgs<I> {
  input: I;
  actor: Actor;
  /**
   * `outcome`: answer with the outcome only (`CaseOutcome`), not the whole case; the caller reads
   * the case from the read model, which holds everything the Update recorded before it answers.
   * Runs started before the continue-as-new patch, and callers that do not ask, get the case.
   */
  answer?: 'outcome';
}

/** Failure types the updates raise: the ones every program shares, so the API reads them all alike. */
export { REFUSAL_TYPES } from '../../../domain/refusals';

/**
 * Failure type of a payer call whose key was voided at the payer: never retried. The cascade
 * then waits for the approved resolution that voided it.
 */
export const CLAIM_VOIDED_FAILURE = 'ClaimVoided';

/**
 * What the query answers with, and every Update to a caller that does not ask for the outcome
 * only: the whole case, as the workflow has it. The small answer (`CaseOutcome`) is asked for by
 * the caller rather than imposed, because a deduplicated Update answers with what was recorded for
 * the first one (possibly the whole case), and an API of the previous version, still running
 * during a rollout, reads only the whole case: it never asks, so it is never answered otherwise.
 */
export type CasePayload = CaseSnapshot;

/**
 * The small answer a caller asks for with `answer: 'outcome'` (the API does): what the Update did
 * and where it left the case, so that a case's history does not carry the whole case once per
 * Update. A deduplicated Update still answers as the first one did, in whichever shape that was.
 */
export interface CaseOutcome {
  outcome: 'applied' | 'replayed';
  caseId: string;
  stage: Stage;
  /** When the case last changed: the read model is at least this new once the answer arrives. */
  updatedAt: string;
}

/** What an Update answers: the case, or the outcome to a caller that asked for it. */
export type CaseAnswer = CasePayload | CaseOutcome;

export function isCaseOutcome(answer: CaseAnswer): answer is CaseOutcome {
  return 'outcome' in answer;
}

/** The same Update, typed for a caller that may be answered with the outcome only. */
export function answeringOutcome<A extends unknown[]>(update: UpdateDefinition<CasePayload, A>): UpdateDefinition<CaseAnswer, A> {
  return defineUpdate<CaseAnswer, A>(update.name);
}

export const getCaseQuery = defineQuery<CasePayload>('getCase');
/**
 * What the pinned policy pays a payer on what the earlier payers paid, and what is still owed
 * before it: the figures a resolution by hand starts from. Null before the cascade has a policy.
 */
export const policyShareQuery = defineQuery<{ policyAmountFen: number; owedFen: number } | null, [Payer]>('policyShare');
/** Answers once the case's opening is persisted: update-with-start's way to read the new case. */
export const caseOpenedUpdate = defineUpdate<CasePayload, []>('caseOpened');
export const recordScreeningUpdate = defineUpdate<CasePayload, [TransitionArgs<ScreeningInput>]>('recordScreening');
export const recordAdmissionUpdate = defineUpdate<CasePayload, [TransitionArgs<AdmissionInput>]>('recordAdmission');
export const recordSurgeryUpdate = defineUpdate<CasePayload, [TransitionArgs<SurgeryInput>]>('recordSurgery');
export const recordDischargeUpdate = defineUpdate<CasePayload, [TransitionArgs<DischargeInput>]>('recordDischarge');
export const withdrawCaseUpdate = defineUpdate<CasePayload, [TransitionArgs<WithdrawInput>]>('withdrawCase');
/** A life event of the case's person (domain/case-life-events.ts); sent by the API to every open case of the person. */
export const applyLifeEventUpdate = defineUpdate<CasePayload, [TransitionArgs<CaseLifeEventInput>]>('applyLifeEvent');
export const resolveClaimUpdate = defineUpdate<CasePayload, [TransitionArgs<ResolveClaimInput> & { payer: Payer }]>('resolveClaim');
/** One administrator proposes how the claim the cascade waits on is settled by hand. */
export const proposeResolutionUpdate = defineUpdate<CasePayload, [TransitionArgs<ClaimProposalInput> & { payer: Payer }]>('proposeResolution');
/**
 * Another administrator approves: answered once the payer's books decided it — the claim voided
 * at the payer and the resolution recorded, or the payer's own decision standing.
 */
export const approveProposalUpdate = defineUpdate<CasePayload, [TransitionArgs<ProposalApprovalInput> & { payer: Payer; proposalId: string }]>('approveProposal');
export const rejectProposalUpdate = defineUpdate<CasePayload, [TransitionArgs<ProposalRejectionInput> & { payer: Payer; proposalId: string }]>('rejectProposal');

/** The Update each transition is asked with. */
export const TRANSITION_UPDATES: { [K in TransitionKind]: UpdateDefinition<CasePayload, [TransitionArgs<TransitionInputs[K]>]> } = {
  screening: recordScreeningUpdate,
  admission: recordAdmissionUpdate,
  surgery: recordSurgeryUpdate,
  discharge: recordDischargeUpdate,
  withdraw: withdrawCaseUpdate,
};
