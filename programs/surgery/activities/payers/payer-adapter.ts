import type { ClaimDecision } from '../../domain/events';
import type { ClaimContext, PaidSoFar, Policy } from '../../domain/policy/index';
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
 * (retried); an adjudication — paid or rejected — is returned. What a real integration must
 * provide is in docs/payers.md: idempotent submission by key, a status read by key, and a void
 * by key that is atomic with submission (after a void, no call with that key pays).
 */
export interface PayerAdapter {
  /**
   * `signal` aborts when a resolution by hand was approved meanwhile: stop waiting on the payer.
   * A key the payer has voided must never be paid: throw `ClaimVoidedError`.
   */
  submitClaim(request: ClaimRequest, signal?: AbortSignal): Promise<ClaimDecision>;
  /** The payer's own record of the claim under this key: its decision, VOIDED, or null when it has none. */
  claimRecord(payer: Payer, idempotencyKey: string): Promise<PayerClaimRecord | null>;
  /**
   * Makes sure nothing is ever paid under this key: voids it unless the payer decided it already,
   * atomically, and answers the payer's record afterwards (VOIDED, or the decision that stands).
   * A payer that cannot void throws; the resolution then waits and the claim stays open.
   */
  voidClaim(request: VoidRequest): Promise<PayerClaimRecord>;
}

export interface VoidRequest {
  caseId: string;
  payer: Payer;
  idempotencyKey: string;
  /** The reference of the resolution by hand that replaces the payer's decision. */
  reference: string;
}

/** A claim as the payer's books hold it. */
export interface PayerClaimRecord extends Omit<ClaimDecision, 'status'> {
  status: ClaimDecision['status'] | 'VOIDED';
  recordedAt: string;
}

/** The key was voided at the payer (a resolution by hand replaced it): the payer will not pay it. */
export class ClaimVoidedError extends Error {
  override name = 'ClaimVoidedError';
}

