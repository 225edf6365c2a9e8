import type { ClaimDecision } from '../../domain/events';
import type { ClaimContext, PaidSoFar, Policy } from '../../domain/policy';
import type { Payer } from '../../domain/stages';

/** Everything a payer needs to adjudicate one claim of the cascade. */
export interface ClaimRequest {
  caseId: string;
  payer: Payer;
  /** `<caseId>:<payer>`: a payer that sees the same key twice returns its first decision. */
  idempotencyKey: string;
  context: ClaimContext;
  /** What the earlier payers actually paid. */
  paidSoFar: PaidSoFar;
  /** The policy pinned when reimbursement started. */
  policy: Policy;
}

/**
 * The boundary to a payer's system. A real adapter (an insurer's or a fund's API) implements
 * this; the workflow never knows which one runs. Transient faults are thrown as plain errors
 * (retried); an adjudication — paid or rejected — is returned.
 */
export interface PayerAdapter {
  /** `signal` aborts when the claim is resolved by hand meanwhile: stop waiting on the payer. */
  submitClaim(request: ClaimRequest, signal?: AbortSignal): Promise<ClaimDecision>;
}

export function claimIdempotencyKey(caseId: string, payer: Payer): string {
  return `${caseId}:${payer}`;
}
