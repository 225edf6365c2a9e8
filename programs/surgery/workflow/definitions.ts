/**
 * The contract between the case workflow and everyone who talks to it (API, worker, tests):
 * the workflow id, the updates and the query, the search-attribute keys and the input types.
 * Imported by the workflow bundle, so it must stay deterministic and free of Node modules.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';
import type { CaseView, AdmissionInput, ClaimProposalInput, DischargeInput, NewCaseInput, ProposalApprovalInput, ProposalRejectionInput, ResolveClaimInput, ScreeningInput, SurgeryInput, WithdrawInput } from '../domain/schemas';
import type { Actor } from '../../../domain/actor';
import type { HospitalLevel, Payer, WaitingStage } from '../domain/stages';
import type { CaseLifeEventInput } from '../../../domain/life-events';

export const CASE_WORKFLOW_TYPE = 'assistanceCase';

/** A case's workflow id is this prefix and the case id: the id tells a case's workflow from any other program's. */
export const CASE_WORKFLOW_ID_PREFIX = 'case-';

export function caseWorkflowId(caseId: string): string {
  return `${CASE_WORKFLOW_ID_PREFIX}${caseId}`;
}

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
  stage: CaseView['stage'];
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

export const getCaseQuery = defineQuery<CaseView>('getCase');
/** Answers once the case's opening is persisted: update-with-start's way to read the new case. */
export const caseOpenedUpdate = defineUpdate<CaseView, []>('caseOpened');
export const recordScreeningUpdate = defineUpdate<CaseView, [TransitionArgs<ScreeningInput>]>('recordScreening');
export const recordAdmissionUpdate = defineUpdate<CaseView, [TransitionArgs<AdmissionInput>]>('recordAdmission');
export const recordSurgeryUpdate = defineUpdate<CaseView, [TransitionArgs<SurgeryInput>]>('recordSurgery');
export const recordDischargeUpdate = defineUpdate<CaseView, [TransitionArgs<DischargeInput>]>('recordDischarge');
export const withdrawCaseUpdate = defineUpdate<CaseView, [TransitionArgs<WithdrawInput>]>('withdrawCase');
/** A life event of the case's person (domain/case-life-events.ts); sent by the API to every open case of the person. */
export const applyLifeEventUpdate = defineUpdate<CaseView, [TransitionArgs<CaseLifeEventInput>]>('applyLifeEvent');
export const resolveClaimUpdate = defineUpdate<CaseView, [TransitionArgs<ResolveClaimInput> & { payer: Payer }]>('resolveClaim');
/** One administrator proposes how the claim the cascade waits on is settled by hand. */
export const proposeResolutionUpdate = defineUpdate<CaseView, [TransitionArgs<ClaimProposalInput> & { payer: Payer }]>('proposeResolution');
/**
 * Another administrator approves: answered once the payer's books decided it — the claim voided
 * at the payer and the resolution recorded, or the payer's own decision standing.
 */
export const approveProposalUpdate = defineUpdate<CaseView, [TransitionArgs<ProposalApprovalInput> & { payer: Payer; proposalId: string }]>('approveProposal');
export const rejectProposalUpdate = defineUpdate<CaseView, [TransitionArgs<ProposalRejectionInput> & { payer: Payer; proposalId: string }]>('rejectProposal');
