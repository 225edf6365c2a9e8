// Interface placeholder; the implementation lands with the policy engine (see POLICY.md).
import type { AssistanceCategory, HospitalLevel, Payer } from '../stages';
import type { Bill } from '../schemas';
import type { ClaimDecision } from '../events';

export interface Policy {
  version: string;
  [section: string]: unknown;
}

export interface ClaimContext {
  bill: Bill;
  insured: boolean;
  assistanceCategory: AssistanceCategory;
  disabilityCertificate: string | null;
  hospitalLevel: HospitalLevel;
}

/** Amounts actually paid by the payers before this one (a rejected payer paid 0). */
export type PaidSoFar = Partial<Record<Payer, number>>;

export class PolicyError extends Error {}

export function parsePolicy(_json: unknown, _hospitalLevelsInUse: readonly HospitalLevel[]): Policy {
  throw new Error('not implemented');
}

export function computeClaim(_policy: Policy, _payer: Payer, _context: ClaimContext, _paidSoFar: PaidSoFar): ClaimDecision {
  throw new Error('not implemented');
}
