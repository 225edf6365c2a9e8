/**
 * The case as a given caller may see it: the reducer's view, with the retry progress of a claim in
 * progress filled in, and the ID number masked for the hospital role (which does not need it).
 */
import { toCaseView, type CaseState } from '../domain/case-state';
import type { CaseEvent } from '../domain/events';
import { seesFullIdNumber } from '../../../domain/disclosure';
import { maskIdNumber, scrubIdNumbers } from '../../../domain/id-number';
import type { CaseView } from '../domain/schemas';
import type { Principal } from '../../../http/auth/tokens';
import type { ActivityFailure } from '../store/cases';

export function seesFullIdNumbers(principal: Principal): boolean {
  return seesFullIdNumber(principal.role);
}

/** A case the principal may not see is reported exactly like a case that does not exist. */
export function mayAccess(principal: Principal, hospitalId: string): boolean {
  return principal.role !== 'hospital' || principal.hospitalId === hospitalId;
}

export function presentCase(view: CaseView, principal: Principal, claimFailure?: ActivityFailure): CaseView {
  let result = view;
  if (claimFailure && view.reimbursement) {
    const claims = view.reimbursement.claims.map((claim) => {
      if (claim.status !== 'IN_PROGRESS') return claim;
      const prefix = `${claim.payer}: `;
      const lastError = claimFailure.lastFailure.startsWith(prefix) ? claimFailure.lastFailure.slice(prefix.length) : claimFailure.lastFailure;
      // The recorded attempt failed; the one running or waiting now is the next.
      return { ...claim, attempts: Math.max(claim.attempts, claimFailure.attempts + 1), lastError };
    });
    result = { ...result, reimbursement: { ...view.reimbursement, claims } };
  }
  if (!seesFullIdNumbers(principal)) {
    // The ID number field, and any ID number inside other text: the certificate number (the ID
    // number and two digits) and free text entered before such text was refused.
    result = scrubDeep({ ...result, applicant: { ...result.applicant, idNumber: maskIdNumber(result.applicant.idNumber) } }) as CaseView;
  }
  if (principal.role === 'hospital' && result.reimbursement) {
    // How the funds settle among themselves (administrators' names and notes) is not the hospital's business.
    const { proposals: _proposals, discrepancies: _discrepancies, ...reimbursement } = result.reimbursement;
    result = { ...result, reimbursement };
  }
  return result;
}

export function presentState(state: CaseState, principal: Principal, claimFailure?: ActivityFailure): CaseView {
  return presentCase(toCaseView(state), principal, claimFailure);
}

/** Masks every `idNumber` member and every ID number inside any other text, wherever it sits. */
function scrubDeep(value: unknown): unknown {
  if (typeof value === 'string') return scrubIdNumbers(value);
  if (Array.isArray(value)) return value.map(scrubDeep);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, member]) => [key, key === 'idNumber' && typeof member === 'string' ? maskIdNumber(member) : scrubDeep(member)]));
  }
  return value;
}

export interface EventView {
  seq: number;
  type: string;
  occurredAt: string;
  actor: CaseEvent['actor'];
  data: Record<string, unknown>;
}

export function presentEvent(event: CaseEvent, principal: Principal): EventView {
  const data = event.data as unknown as Record<string, unknown>;
  return {
    seq: event.seq,
    type: event.type,
    occurredAt: event.occurredAt,
    actor: event.actor,
    data: seesFullIdNumbers(principal) ? data : (scrubDeep(data) as Record<string, unknown>),
  };
}
