/**
 * A pairing's refusals as problem documents: the pure core's (decided by the API on a closed
 * pairing) and the failures the workflow's Updates raise for the same refusals. One mapping for both.
 */
import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { HttpProblem, problemOfRefusal } from '../../../http/problems';
import { PAIRING_STAGES, type PairingStage } from '../domain/index';
import { PAIRING_REFUSAL_TYPES, type AnyPairingRefusal } from '../workflow/definitions';

export function problemOfPairingRefusal(refusal: AnyPairingRefusal, existingPairingId?: string): HttpProblem {
  if (refusal.kind === 'duplicate-pairing') return new HttpProblem('duplicate-pairing', refusal.detail, existingPairingId ? { existingPairingId } : {});
  // The refusals every program shares answer as they do for a case.
  return problemOfRefusal(refusal);
}

const KIND_OF_FAILURE: Record<string, AnyPairingRefusal['kind']> = {
  [PAIRING_REFUSAL_TYPES.stageConflict]: 'stage-conflict',
  [PAIRING_REFUSAL_TYPES.idempotencyConflict]: 'idempotency-conflict',
  [PAIRING_REFUSAL_TYPES.unprocessable]: 'unprocessable',
  [PAIRING_REFUSAL_TYPES.forbidden]: 'forbidden',
  [PAIRING_REFUSAL_TYPES.notFound]: 'not-found',
  [PAIRING_REFUSAL_TYPES.duplicatePairing]: 'duplicate-pairing',
};

/** The refusal an Update of the pairing workflow raised; undefined when the error is something else. */
export function pairingRefusalOfFailure(error: unknown): AnyPairingRefusal | undefined {
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = error.cause;
  if (!(cause instanceof ApplicationFailure) || cause.type == null) return undefined;
  const kind = KIND_OF_FAILURE[cause.type];
  if (kind === undefined) return undefined;
  const detail = cause.message || 'refused by the pairing';
  if (kind === 'stage-conflict') {
    const currentStage = (cause.details?.[0] as { currentStage?: PairingStage } | undefined)?.currentStage;
    if (currentStage === undefined || !PAIRING_STAGES.includes(currentStage)) return { kind: 'unprocessable', detail };
    return { kind, currentStage, detail };
  }
  return { kind, detail } as AnyPairingRefusal;
}
