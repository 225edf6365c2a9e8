/**
 * The case as a given caller may see it: the domain's case mapped member by member to the API's
 * view (the one place that knows both shapes), with the retry progress of a claim in progress
 * filled in, and the ID number masked for the hospital role (which does not need it).
 */
import type { CaseSnapshot, Claim, ClaimProposal, FoundDiscrepancy, Reimbursement } from '../domain/case-state';
import type { CaseEvent } from '../domain/events';
import { seesFullIdNumber } from '../../../domain/disclosure';
import { payerErrorOf } from '../domain/claim-failure-text';
import { maskIdNumber, scrubIdNumbers } from '../../../domain/id-number';
import type { CaseView, ClaimProposalView, ClaimView } from '../domain/schemas';
import type { Principal } from '../../../http/auth/tokens';
import { reachesTown } from '../../../http/auth/town-scope';
import type { ActivityFailure } from '../store/cases';

export function seesFullIdNumbers(principal: Principal): boolean {
  return seesFullIdNumber(principal.role);
}

/** Who may reach a case: its hospital's accounts, and a town clerk of its town (or anyone without a town). */
export interface CaseScope {
  hospitalId: string;
  town: string;
}

export function scopeOfCase(snapshot: Pick<CaseSnapshot, 'hospitalId' | 'applicant'>): CaseScope {
  return { hospitalId: snapshot.hospitalId, town: snapshot.applicant.town };
}

/** A case the principal may not see is reported exactly like a case that does not exist. */
export function mayAccess(principal: Principal, scope: CaseScope): boolean {
  return (principal.role !== 'hospital' || principal.hospitalId === scope.hospitalId) && reachesTown(principal, scope.town);
}

/** The case (a workflow's answer, or a state read back from the store) as `principal` may see it. */
export function presentCase(snapshot: CaseSnapshot, principal: Principal, claimFailure?: ActivityFailure): CaseView {
  let result = caseViewOf(snapshot);
  if (claimFailure && result.reimbursement) {
    const claims = result.reimbursement.claims.map((claim) => {
      if (claim.status !== 'IN_PROGRESS') return claim;
      // The recorded attempt failed; the one running or waiting now is the next.
      return { ...claim, attempts: Math.max(claim.attempts, claimFailure.attempts + 1), lastError: payerErrorOf(claim.payer, claimFailure.lastFailure) };
    });
    result = { ...result, reimbursement: { ...result.reimbursement, claims } };
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

/** The domain's case in the API's words: every member named on both sides, nothing passed through unseen. */
export function caseViewOf(snapshot: CaseSnapshot): CaseView {
  const { applicant } = snapshot;
  return {
    caseId: snapshot.caseId,
    stage: snapshot.stage,
    overdue: snapshot.overdue,
    openedAt: snapshot.openedAt,
    stageEnteredAt: snapshot.stageEnteredAt,
    updatedAt: snapshot.updatedAt,
    applicant: {
      name: applicant.name,
      idNumber: applicant.idNumber,
      phone: applicant.phone,
      town: applicant.town,
      village: applicant.village,
      guardian: applicant.guardian && { name: applicant.guardian.name, phone: applicant.guardian.phone, relation: applicant.guardian.relation },
    },
    diagnosis: snapshot.diagnosis,
    hospitalId: snapshot.hospitalId,
    insured: snapshot.insured,
    assistanceCategory: snapshot.assistanceCategory,
    disabilityCertificate: snapshot.disabilityCertificate,
    screening: snapshot.screening && {
      eligible: snapshot.screening.eligible,
      consent: snapshot.screening.consent,
      reason: snapshot.screening.reason,
      screenedBy: snapshot.screening.screenedBy,
      screenedAt: snapshot.screening.screenedAt,
    },
    admission: snapshot.admission && { admittedAt: snapshot.admission.admittedAt, admissionNo: snapshot.admission.admissionNo, depositFen: snapshot.admission.depositFen },
    surgery: snapshot.surgery && { completedAt: snapshot.surgery.completedAt, procedure: snapshot.surgery.procedure, outcome: snapshot.surgery.outcome },
    discharge: snapshot.discharge && {
      dischargedAt: snapshot.discharge.dischargedAt,
      rehabSessions: snapshot.discharge.rehabSessions,
      bill: { totalFen: snapshot.discharge.bill.totalFen, policyScopeFen: snapshot.discharge.bill.policyScopeFen },
    },
    withdrawal: snapshot.withdrawal && { reason: snapshot.withdrawal.reason, withdrawnAt: snapshot.withdrawal.withdrawnAt, withdrawnBy: snapshot.withdrawal.withdrawnBy },
    reimbursement: snapshot.reimbursement && reimbursementViewOf(snapshot.reimbursement),
  };
}

function reimbursementViewOf(reimbursement: Reimbursement): NonNullable<CaseView['reimbursement']> {
  return {
    policyVersion: reimbursement.policyVersion,
    claims: reimbursement.claims.map(claimViewOf),
    paidFen: reimbursement.paidFen,
    outOfPocketFen: reimbursement.outOfPocketFen,
    ...(reimbursement.proposals ? { proposals: reimbursement.proposals.map(proposalViewOf) } : {}),
    ...(reimbursement.discrepancies ? { discrepancies: reimbursement.discrepancies.map(discrepancyViewOf) } : {}),
  };
}

function claimViewOf(claim: Claim): ClaimView {
  return {
    payer: claim.payer,
    status: claim.status,
    amountFen: claim.amountFen,
    reason: claim.reason,
    reference: claim.reference,
    decidedBy: claim.decidedBy,
    explanation: claim.explanation,
    ...(claim.explanationData ? { explanationData: claim.explanationData } : {}),
    attempts: claim.attempts,
    lastError: claim.lastError,
  };
}

function proposalViewOf(proposal: ClaimProposal): ClaimProposalView {
  return {
    proposalId: proposal.proposalId,
    payer: proposal.payer,
    state: proposal.state,
    status: proposal.status,
    amountFen: proposal.amountFen,
    reason: proposal.reason,
    reference: proposal.reference,
    note: proposal.note,
    overridePolicy: proposal.overridePolicy,
    policyAmountFen: proposal.policyAmountFen,
    owedFen: proposal.owedFen,
    proposedBy: proposal.proposedBy,
    proposedAt: proposal.proposedAt,
    decidedBy: proposal.decidedBy,
    decidedAt: proposal.decidedAt,
    decisionNote: proposal.decisionNote,
  };
}

type DiscrepancyView = NonNullable<NonNullable<CaseView['reimbursement']>['discrepancies']>[number];

function discrepancyViewOf(discrepancy: FoundDiscrepancy): DiscrepancyView {
  return {
    payer: discrepancy.payer,
    idempotencyKey: discrepancy.idempotencyKey,
    ledgerStatus: discrepancy.ledgerStatus,
    ledgerAmountFen: discrepancy.ledgerAmountFen,
    payerStatus: discrepancy.payerStatus,
    payerAmountFen: discrepancy.payerAmountFen,
    payerReference: discrepancy.payerReference,
    foundAt: discrepancy.foundAt,
  };
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
  /** The stored actor, with the account's display name where the actor is an account of this system. */
  actor: CaseEvent['actor'] & { displayName?: string };
  data: Record<string, unknown>;
}

export function presentEvent(event: CaseEvent, principal: Principal, displayNames: ReadonlyMap<string, string> = new Map()): EventView {
  const data = event.data as unknown as Record<string, unknown>;
  return {
    seq: event.seq,
    type: event.type,
    occurredAt: event.occurredAt,
    actor: displayNames.has(event.actor.sub) ? { ...event.actor, displayName: displayNames.get(event.actor.sub)! } : event.actor,
    data: seesFullIdNumbers(principal) ? data : (scrubDeep(data) as Record<string, unknown>),
  };
}
