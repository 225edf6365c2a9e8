/**
 * Turns what the Temporal client throws into problem documents. The workflow's update validators
 * refuse with an ApplicationFailure whose `type` names a refusal (domain/refusals.ts); the client surfaces it as
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
import { refusalOfFailure } from '../domain/refusals';
import { HttpProblem, problemOfRefusal, problems } from './problems';

/** The refusal an update's validator raised, as a problem; undefined when the error is something else. */
export function problemFromUpdateRefusal(error: unknown): HttpProblem | undefined {
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = error.cause;
  if (!(cause instanceof ApplicationFailure)) return undefined;
  const refusal = refusalOfFailure(cause.type, cause.message || 'refused by the case', cause.details ?? undefined);
  return refusal ? problemOfRefusal(refusal) : undefined;
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
