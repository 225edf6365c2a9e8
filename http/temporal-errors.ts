/**
 * Turns what the Temporal client throws into problem documents. The workflow's update validators
 * refuse with an ApplicationFailure whose `type` is one of REFUSAL_TYPES; the client surfaces it as
 * the `cause` of a WorkflowUpdateFailedError.
 */
import {
  ApplicationFailure,
  isGrpcServiceError,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { REFUSAL_TYPES } from '../domain/refusals';
import { HttpProblem, problems } from './problems';

/** The refusal an update's validator raised, as a problem; undefined when the error is something else. */
export function problemFromUpdateRefusal(error: unknown): HttpProblem | undefined {
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = error.cause;
  if (!(cause instanceof ApplicationFailure)) return undefined;
  const detail = cause.message || 'refused by the case';
  switch (cause.type) {
    case REFUSAL_TYPES.stageConflict: {
      const first = (cause.details?.[0] ?? {}) as { currentStage?: unknown };
      return typeof first.currentStage === 'string' ? problems.stageConflict(first.currentStage, detail) : problems.unprocessable(detail);
    }
    case REFUSAL_TYPES.idempotencyConflict:
      return problems.idempotencyConflict(detail);
    case REFUSAL_TYPES.unprocessable:
      return problems.unprocessable(detail);
    case REFUSAL_TYPES.forbidden:
      return problems.forbidden(detail);
    case REFUSAL_TYPES.fourEyes:
      return problems.fourEyes(detail);
    case REFUSAL_TYPES.notFound:
      return problems.notFound(detail);
    default:
      return undefined;
  }
}

export function isWorkflowNotFound(error: unknown): boolean {
  return error instanceof WorkflowNotFoundError;
}

/** Temporal did not answer (down, overloaded, deadline passed, request aborted): 503, safe to retry. */
export function isTemporalUnavailable(error: unknown): boolean {
  return (
    error instanceof ServiceError ||
    error instanceof WorkflowUpdateRPCTimeoutOrCancelledError ||
    isGrpcServiceError(error) ||
    (error instanceof Error && /TransportError|ECONNREFUSED|Failed to connect/i.test(`${error.name} ${error.message}`))
  );
}

export function problemFromTemporalError(error: unknown): HttpProblem | undefined {
  const refusal = problemFromUpdateRefusal(error);
  if (refusal) return refusal;
  if (isWorkflowNotFound(error)) return problems.notFound('no such case');
  if (isTemporalUnavailable(error)) return problems.unavailable('Temporal did not answer in time');
  return undefined;
}
