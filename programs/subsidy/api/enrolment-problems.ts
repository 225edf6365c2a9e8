/**
 * An enrolment's refusals as problem documents: the pure core's refusals (decided by the API on a
 * closed enrolment) and the failures the workflow's Updates raise for the same refusals (across
 * Temporal). One mapping for both, so that a refusal reads the same whichever side made it.
 */
import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { HttpProblem, problemOfRefusal, problems } from '../../../http/problems';
import { ENROLMENT_STAGES, type EnrolmentStage } from '../domain/index';
import { ENROLMENT_REFUSAL_TYPES, type AnyEnrolmentRefusal, type EnrolmentRefusalDetails } from '../workflow/definitions';

/**
 * What the problem needs beyond the refusal: the stage, for a refusal that does not carry it (no
 * recovery open), and the person's open enrolment, for a duplicate found by the database.
 */
export interface RefusalContext {
  currentStage?: EnrolmentStage;
  existingEnrolmentId?: string;
}

export function problemOfEnrolmentRefusal(refusal: AnyEnrolmentRefusal, context: RefusalContext = {}): HttpProblem {
  switch (refusal.kind) {
    case 'recovery-not-open':
      // Repayments and waivers wait for an open recovery as other actions wait for a stage.
      return new HttpProblem('stage-conflict', refusal.detail, context.currentStage ? { currentStage: context.currentStage } : {});
    case 'not-eligible':
      return problems.notEligible([...refusal.reasons], refusal.detail);
    case 'person-inactive':
      return new HttpProblem('person-inactive', refusal.detail, { personStatus: refusal.status });
    case 'duplicate-enrolment':
      return new HttpProblem('duplicate-enrolment', refusal.detail, context.existingEnrolmentId ? { existingEnrolmentId: context.existingEnrolmentId } : {});
    default:
      // The refusals every program shares answer as they do for a case.
      return problemOfRefusal(refusal);
  }
}

const KIND_OF_FAILURE: Record<string, AnyEnrolmentRefusal['kind']> = {
  [ENROLMENT_REFUSAL_TYPES.stageConflict]: 'stage-conflict',
  [ENROLMENT_REFUSAL_TYPES.idempotencyConflict]: 'idempotency-conflict',
  [ENROLMENT_REFUSAL_TYPES.unprocessable]: 'unprocessable',
  [ENROLMENT_REFUSAL_TYPES.forbidden]: 'forbidden',
  [ENROLMENT_REFUSAL_TYPES.notFound]: 'not-found',
  [ENROLMENT_REFUSAL_TYPES.notEligible]: 'not-eligible',
  [ENROLMENT_REFUSAL_TYPES.personInactive]: 'person-inactive',
  [ENROLMENT_REFUSAL_TYPES.recoveryNotOpen]: 'recovery-not-open',
  [ENROLMENT_REFUSAL_TYPES.duplicateEnrolment]: 'duplicate-enrolment',
};

/**
 * The refusal an Update of the enrolment workflow raised, rebuilt from its failure; undefined
 * when the error is something else (Temporal down, a workflow that does not exist).
 */
export function enrolmentRefusalOfFailure(error: unknown): AnyEnrolmentRefusal | undefined {
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = error.cause;
  if (!(cause instanceof ApplicationFailure) || cause.type == null) return undefined;
  const kind = KIND_OF_FAILURE[cause.type];
  if (kind === undefined) return undefined;
  const detail = cause.message || 'refused by the enrolment';
  const details = (cause.details?.[0] ?? {}) as EnrolmentRefusalDetails;
  switch (kind) {
    case 'stage-conflict': {
      const currentStage = details.currentStage;
      if (currentStage === undefined || !ENROLMENT_STAGES.includes(currentStage)) return { kind: 'unprocessable', detail };
      return { kind, currentStage, allowedStages: details.allowedStages ?? [], detail };
    }
    case 'not-eligible':
      return { kind, reasons: details.reasons ?? [], detail };
    case 'person-inactive':
      return details.status === undefined ? { kind: 'unprocessable', detail } : { kind, status: details.status, detail };
    default:
      return { kind, detail };
  }
}
