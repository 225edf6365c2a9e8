/**
 * The contract between the enrolment workflow and everyone who talks to it (API, worker, tests):
 * the workflow type and id, the updates and the query, the search attributes, the inputs and
 * results, and how a refusal travels as an ApplicationFailure. Imported by the workflow bundle,
 * so it must stay deterministic and free of Node modules.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { ApplicationFailure, defineSearchAttributeKey, SearchAttributeType, type SearchAttributePair } from '@temporalio/common';
import type { CaseLifeEventInput } from '../../../domain/life-events';
import type {
  ApplyInput,
  BankAccount,
  DecisionInput,
  EnrolmentRefusal,
  EnrolmentStage,
  EnrolmentState,
  IneligibilityReason,
  PersonStatus,
  ReasonInput,
  ReinstateInput,
  RepaymentInput,
  ReviewInput,
  SubsidyActor,
  SubsidyPolicy,
  SuspendInput,
  WaitingEnrolmentStage,
} from '../domain/index';

/** One workflow type serves both subsidies: they differ only in policy. */
export const ENROLMENT_WORKFLOW_TYPE = 'subsidyEnrolment';

/** Every enrolment's workflow id starts so, whichever subsidy it is of. */
export const ENROLMENT_WORKFLOW_ID_PREFIX = 'enrolment-';

export function enrolmentWorkflowId(enrolmentId: string): string {
  return `${ENROLMENT_WORKFLOW_ID_PREFIX}${enrolmentId}`;
}

/** The enrolment id inside a workflow id, or undefined when the id is not an enrolment's. */
export function enrolmentIdOfWorkflowId(workflowId: string): string | undefined {
  if (!workflowId.startsWith(ENROLMENT_WORKFLOW_ID_PREFIX)) return undefined;
  const enrolmentId = workflowId.slice(ENROLMENT_WORKFLOW_ID_PREFIX.length);
  return enrolmentId === '' ? undefined : enrolmentId;
}

/**
 * The keys every program's workflows share (the server knows them already); the workflow type
 * tells an enrolment from a surgery case in a visibility query.
 */
export const enrolmentSearchAttributes = {
  stage: defineSearchAttributeKey('CaseStage', SearchAttributeType.KEYWORD),
  town: defineSearchAttributeKey('CaseTown', SearchAttributeType.KEYWORD),
  stageEnteredAt: defineSearchAttributeKey('StageEnteredAt', SearchAttributeType.DATETIME),
  overdue: defineSearchAttributeKey('CaseOverdue', SearchAttributeType.BOOL),
} as const;

/** The search attributes an enrolment's workflow is started with: findable by stage and town from its first moment. */
export function enrolmentOpeningSearchAttributes(town: string, openedAt: Date): SearchAttributePair[] {
  return [
    { key: enrolmentSearchAttributes.stage, value: 'TOWN_REVIEW' },
    { key: enrolmentSearchAttributes.town, value: town },
    { key: enrolmentSearchAttributes.stageEnteredAt, value: openedAt },
    { key: enrolmentSearchAttributes.overdue, value: false },
  ];
}

/** Service-level time of each stage that waits on people, fixed when the enrolment opens. */
export type EnrolmentStageSlaMs = Record<WaitingEnrolmentStage, number>;

/** The defaults live in the core, where the configuration reads them too. */
export { DEFAULT_ENROLMENT_STAGE_SLA_MS } from '../domain/stage-sla';

/** What an action carries to the workflow: the body the HTTP edge validated, and who acts. */
export interface EnrolmentUpdateArgs<I> {
  input: I;
  actor: SubsidyActor;
}

/** What the workflow carries over when it continues as new. */
export interface CarriedEnrolment {
  state: EnrolmentState;
  /** The policy an approving decision pinned; before that, the policy file as last read. */
  policy: SubsidyPolicy | null;
  /** What each life event did, by its id, so that a repeat is answered the same. */
  lifeEventEffects?: Record<string, EnrolmentLifeEventEffect>;
}

export interface SubsidyEnrolmentInput {
  enrolmentId: string;
  /** The application, as the apply Update carries it: the workflow applies it first. */
  application: EnrolmentUpdateArgs<ApplyInput>;
  stageSlaMs: EnrolmentStageSlaMs;
  /** Overrides the policy's notice days (tests and demos). */
  noticeMs?: number;
  /** Set when the workflow continued as new: the enrolment as it stood. */
  carried?: CarriedEnrolment;
  /** Continue as new past this many history events (tests lower it); the workflow's own bound otherwise. */
  historyLengthBound?: number;
}

export interface SubsidyEnrolmentResult {
  enrolmentId: string;
  /** Null when the application was refused before anything was written. */
  stage: EnrolmentStage | null;
}

/** The slim answer of every Update: where the enrolment stands after it. */
export interface EnrolmentUpdateResult {
  enrolmentId: string;
  stage: EnrolmentStage;
  /** The seq of the enrolment's last event, stored before the answer. */
  seq: number;
}

/** What a life event did to the enrolment. */
export interface EnrolmentLifeEventEffect {
  stageBefore: EnrolmentStage;
  stageAfter: EnrolmentStage;
  /** Months already paid that the event made no longer owed (0 when none). */
  overpaymentFen: number;
}

export interface EnrolmentLifeEventResult extends EnrolmentUpdateResult {
  effect: EnrolmentLifeEventEffect;
}

/** The state of the enrolment, as the workflow holds it. */
export const getEnrolmentQuery = defineQuery<EnrolmentState>('getEnrolment');

/**
 * A payroll has settled months of this enrolment (the bank paid or returned them). Sent to an
 * enrolment that has ended while a payroll still held some of its months; it then checks what was
 * paid again. Carries nothing: the enrolment reads the months table itself.
 */
export const payrollMonthsSettledSignal = defineSignal('payrollMonthsSettled');

/**
 * The application. It is also the workflow's start input: the API sends it as update-with-start,
 * and a repeated application reaches the running workflow (a replay, or a conflict on another body).
 */
export const applyUpdate = defineUpdate<EnrolmentUpdateResult, [EnrolmentUpdateArgs<ApplyInput>]>('apply');
export const townReviewUpdate = defineUpdate<EnrolmentUpdateResult, [EnrolmentUpdateArgs<ReviewInput>]>('townReview');
export const cdpfReviewUpdate = defineUpdate<EnrolmentUpdateResult, [EnrolmentUpdateArgs<ReviewInput>]>('cdpfReview');
export const decisionUpdate = defineUpdate<EnrolmentUpdateResult, [EnrolmentUpdateArgs<DecisionInput>]>('decision');
export const objectionUpdate = defineUpdate<EnrolmentUpdateResult, [EnrolmentUpdateArgs<ReasonInput>]>('objection');
export const withdrawUpdate = defineUpdate<EnrolmentUpdateResult, [EnrolmentUpdateArgs<ReasonInput>]>('withdraw');
export const suspendUpdate = defineUpdate<EnrolmentUpdateResult, [EnrolmentUpdateArgs<SuspendInput>]>('suspend');
export const reinstateUpdate = defineUpdate<EnrolmentUpdateResult, [EnrolmentUpdateArgs<ReinstateInput>]>('reinstate');
export const bankAccountUpdate = defineUpdate<EnrolmentUpdateResult, [EnrolmentUpdateArgs<BankAccount>]>('bankAccount');
export const repaymentUpdate = defineUpdate<EnrolmentUpdateResult, [EnrolmentUpdateArgs<RepaymentInput>]>('repayment');
export const waiveUpdate = defineUpdate<EnrolmentUpdateResult, [EnrolmentUpdateArgs<ReasonInput>]>('waive');
/** A life event of the enrolment's person; sent by the API to every open enrolment of the person. */
export const lifeEventUpdate = defineUpdate<EnrolmentLifeEventResult, [EnrolmentUpdateArgs<CaseLifeEventInput>]>('lifeEvent');

/**
 * Failure types the updates raise; the API turns each into its problem document. The first five
 * are the surgery case's own, so one mapping serves both programs.
 */
export const ENROLMENT_REFUSAL_TYPES = {
  stageConflict: 'StageConflict',
  idempotencyConflict: 'IdempotencyConflict',
  unprocessable: 'Unprocessable',
  forbidden: 'Forbidden',
  notFound: 'NotFound',
  notEligible: 'NotEligible',
  personInactive: 'PersonInactive',
  recoveryNotOpen: 'RecoveryNotOpen',
  /** The person already has an open enrolment in the program. */
  duplicateEnrolment: 'DuplicateEnrolment',
} as const;

/** Refusals found outside the pure core: the registry does not know the person, or already enrols them. */
export type EnrolmentOpeningRefusal = { kind: 'not-found'; detail: string } | { kind: 'duplicate-enrolment'; detail: string };

export type AnyEnrolmentRefusal = EnrolmentRefusal | EnrolmentOpeningRefusal;

/** The refusal as the failure an Update raises; `details[0]` carries what the problem document shows. */
export function enrolmentRefusalFailure(refusal: AnyEnrolmentRefusal): ApplicationFailure {
  const fail = (type: string, details?: unknown) => ApplicationFailure.create({ type, message: refusal.detail, nonRetryable: true, ...(details ? { details: [details] } : {}) });
  switch (refusal.kind) {
    case 'stage-conflict':
      return fail(ENROLMENT_REFUSAL_TYPES.stageConflict, { currentStage: refusal.currentStage, allowedStages: refusal.allowedStages });
    case 'idempotency-conflict':
      return fail(ENROLMENT_REFUSAL_TYPES.idempotencyConflict);
    case 'unprocessable':
      return fail(ENROLMENT_REFUSAL_TYPES.unprocessable);
    case 'forbidden':
      return fail(ENROLMENT_REFUSAL_TYPES.forbidden);
    case 'not-found':
      return fail(ENROLMENT_REFUSAL_TYPES.notFound);
    case 'not-eligible':
      return fail(ENROLMENT_REFUSAL_TYPES.notEligible, { reasons: refusal.reasons });
    case 'person-inactive':
      return fail(ENROLMENT_REFUSAL_TYPES.personInactive, { status: refusal.status });
    case 'recovery-not-open':
      return fail(ENROLMENT_REFUSAL_TYPES.recoveryNotOpen);
    case 'duplicate-enrolment':
      return fail(ENROLMENT_REFUSAL_TYPES.duplicateEnrolment);
  }
}

/** The failure's details, as `enrolmentRefusalFailure` put them, for the API's problem documents. */
export interface EnrolmentRefusalDetails {
  currentStage?: EnrolmentStage;
  allowedStages?: EnrolmentStage[];
  reasons?: IneligibilityReason[];
  status?: PersonStatus;
}
