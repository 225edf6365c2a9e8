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
import type { CaseSnapshot } from '../domain/case-state';

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
}

/** Failure types the updates raise: the ones every program shares, so the API reads them all alike. */
export { REFUSAL_TYPES } from '../../../domain/refusals';

/**
 * Failure type of a payer call whose key was voided at the payer: never retried. The cascade
 * then waits for the approved resolution that voided it.
 */
export const CLAIM_VOIDED_FAILURE = 'ClaimVoided';

/**
 * What the query and every Update answer with: the whole case, as the workflow has it. A slimmer
 * answer was weighed and not taken: a deduplicated Update answers with the outcome recorded for
 * the first one, so results recorded before any change would keep arriving in the old shape, and
 * an API of the previous version may still be waiting on Updates the new workers answer.
 */
export type CasePayload = CaseSnapshot;

export const getCaseQuery = defineQuery<CasePayload>('getCase');
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
