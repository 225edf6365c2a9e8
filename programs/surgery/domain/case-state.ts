/**
 * The one definition of a case's state: `evolve(state, event)`. The workflow folds its events
 * with it, and the projection folds the stored events with it; there is no second copy.
 */
import { canonicalJson } from '../../../domain/canonical-json';
import type { CaseEvent } from './events';
import type { CaseView, ClaimProposalView, ClaimView } from './schemas';
import { PAYERS, type HospitalLevel, type Payer, type Stage } from './stages';

/** The actions a person can take on a case; each is applied at most once. */
export type CaseAction = 'screening' | 'admission' | 'surgery' | 'discharge' | 'withdraw' | `resolve:${Payer}` | `life-event:${string}`;

export interface CaseState extends CaseView {
  /** The seq of the last event folded in. */
  seq: number;
  hospitalLevel: HospitalLevel;
  /** Fingerprint (canonical JSON) of each action's body, once applied: tells a replay from a conflict. */
  applied: Partial<Record<CaseAction, string>>;
}

export function actionFingerprint(body: unknown): string {
  return canonicalJson(body);
}

function pendingClaim(payer: Payer): ClaimView {
  return { payer, status: 'PENDING', amountFen: 0, reason: null, reference: null, decidedBy: null, explanation: null, attempts: 0, lastError: null };
}

function enterStage(state: CaseState, stage: Stage, at: string): CaseState {
  return { ...state, stage, stageEnteredAt: at, overdue: false };
}

function updateClaim(state: CaseState, payer: Payer, change: (claim: ClaimView) => ClaimView): CaseState {
  const reimbursement = state.reimbursement;
  if (!reimbursement) throw new Error(`claim event for ${payer} before reimbursement started`);
  const claims = reimbursement.claims.map((claim) => (claim.payer === payer ? change(claim) : claim));
  const paidFen = claims.reduce((sum, claim) => sum + (claim.status === 'PAID' ? claim.amountFen : 0), 0);
  return { ...state, reimbursement: { ...reimbursement, claims, paidFen } };
}

export function evolve(state: CaseState | undefined, event: CaseEvent): CaseState {
  if (event.type === 'CaseOpened') {
    if (state) throw new Error('CaseOpened on a case that already exists');
    const { input, caseId, hospitalLevel } = event.data;
    const { applicant } = input;
    return {
      caseId,
      stage: 'SCREENING',
      overdue: false,
      openedAt: event.occurredAt,
      stageEnteredAt: event.occurredAt,
      updatedAt: event.occurredAt,
      applicant: {
        name: applicant.name,
        idNumber: applicant.idNumber,
        phone: applicant.phone ?? null,
        town: applicant.town,
        village: applicant.village ?? null,
        guardian: applicant.guardian ?? null,
      },
      diagnosis: input.diagnosis,
      hospitalId: input.hospitalId,
      insured: input.insured,
      assistanceCategory: input.assistanceCategory,
      disabilityCertificate: input.disabilityCertificate ?? null,
      screening: null,
      admission: null,
      surgery: null,
      discharge: null,
      withdrawal: null,
      reimbursement: null,
      seq: event.seq,
      hospitalLevel,
      applied: {},
    };
  }
  if (!state) throw new Error(`${event.type} before CaseOpened`);
  if (event.seq !== state.seq + 1) throw new Error(`event seq ${event.seq} does not follow ${state.seq}`);
  const next = applyEvent(state, event);
  return { ...next, seq: event.seq, updatedAt: event.occurredAt };
}

function applyEvent(state: CaseState, event: CaseEvent): CaseState {
  const at = event.occurredAt;
  switch (event.type) {
    case 'CaseOpened':
      throw new Error('unreachable');
    case 'ScreeningRecorded': {
      const d = event.data;
      const accepted = d.eligible && d.consent;
      return {
        ...enterStage(state, accepted ? 'AWAITING_ADMISSION' : 'INELIGIBLE', at),
        screening: { eligible: d.eligible, consent: d.consent, reason: d.reason ?? null, screenedBy: d.screenedBy, screenedAt: d.screenedAt },
        applied: { ...state.applied, screening: actionFingerprint(d) },
      };
    }
    case 'Admitted': {
      const d = event.data;
      return {
        ...enterStage(state, 'AWAITING_SURGERY', at),
        admission: { admittedAt: d.admittedAt, admissionNo: d.admissionNo, depositFen: 0 },
        applied: { ...state.applied, admission: actionFingerprint(d) },
      };
    }
    case 'SurgeryCompleted': {
      const d = event.data;
      return {
        ...enterStage(state, 'REHABILITATION', at),
        surgery: { completedAt: d.completedAt, procedure: d.procedure, outcome: d.outcome },
        applied: { ...state.applied, surgery: actionFingerprint(d) },
      };
    }
    case 'Discharged': {
      const d = event.data;
      return {
        ...enterStage(state, 'REIMBURSING', at),
        discharge: { dischargedAt: d.dischargedAt, rehabSessions: d.rehabSessions, bill: { ...d.bill } },
        applied: { ...state.applied, discharge: actionFingerprint(d) },
      };
    }
    case 'CaseWithdrawn':
      return {
        ...enterStage(state, 'WITHDRAWN', at),
        withdrawal: { reason: event.data.reason, withdrawnAt: at, withdrawnBy: event.actor.sub },
        applied: { ...state.applied, withdraw: actionFingerprint(event.data) },
      };
    case 'LifeEventRecorded': {
      const { withdrawn, ...input } = event.data;
      const applied = { ...state.applied, [`life-event:${input.eventId}`]: actionFingerprint(input) };
      if (!withdrawn) return { ...state, applied };
      return { ...enterStage(state, 'WITHDRAWN', at), withdrawal: { reason: input.type, withdrawnAt: at, withdrawnBy: event.actor.sub }, applied };
    }
    case 'StageOverdue':
      return event.data.stage === state.stage ? { ...state, overdue: true } : state;
    case 'ReimbursementStarted':
      return {
        ...state,
        reimbursement: { policyVersion: event.data.policyVersion, claims: PAYERS.map(pendingClaim), paidFen: 0, outOfPocketFen: 0, proposals: [], discrepancies: [] },
      };
    case 'ClaimSubmitted':
      return updateClaim(state, event.data.payer, (claim) => ({ ...claim, status: 'IN_PROGRESS' }));
    case 'ClaimDecided': {
      const d = event.data;
      // The payer's own decision stands over any resolution still waiting for it.
      const superseded = updateProposals(state, (proposal) =>
        proposal.payer === d.payer && (proposal.state === 'PROPOSED' || proposal.state === 'APPROVED') ? { ...proposal, state: 'SUPERSEDED' } : proposal,
      );
      return updateClaim(superseded, d.payer, ({ explanationData: _previous, ...claim }) => ({
        ...claim,
        status: d.status,
        amountFen: d.amountFen,
        reason: d.reason,
        reference: d.reference,
        decidedBy: 'payer',
        explanation: d.explanation,
        ...(d.explanationData ? { explanationData: d.explanationData } : {}),
        attempts: d.attempts,
        lastError: null,
      }));
    }
    case 'ClaimResolvedManually': {
      const d = event.data;
      const resolved = updateClaim(state, d.payer, ({ explanationData: _previous, ...claim }) => ({
        ...claim,
        status: d.status,
        amountFen: d.amountFen,
        reason: d.reason,
        reference: d.reference,
        decidedBy: 'admin',
        explanation: d.explanation,
        ...(d.explanationData ? { explanationData: d.explanationData } : {}),
      }));
      if (d.proposalId !== undefined) return resolved;
      return { ...resolved, applied: { ...resolved.applied, [`resolve:${d.payer}`]: actionFingerprint(d.input) } };
    }
    case 'ResolutionProposed': {
      const { payer, proposalId, proposal, policyAmountFen, owedFen } = event.data;
      const added: ClaimProposalView = {
        proposalId,
        payer,
        state: 'PROPOSED',
        status: proposal.status,
        amountFen: proposal.status === 'PAID' ? proposal.amountFen! : 0,
        reason: proposal.reason ?? null,
        reference: proposal.reference,
        note: proposal.note ?? null,
        overridePolicy: proposal.overridePolicy,
        policyAmountFen,
        owedFen,
        proposedBy: event.actor.sub,
        proposedAt: at,
        decidedBy: null,
        decidedAt: null,
        decisionNote: null,
      };
      const reimbursement = state.reimbursement!;
      return { ...state, reimbursement: { ...reimbursement, proposals: [...(reimbursement.proposals ?? []), added] } };
    }
    case 'ResolutionApproved':
      return decideProposal(state, event.data.proposalId, 'APPROVED', event.actor.sub, at, event.data.note);
    case 'ResolutionRejected':
      return decideProposal(state, event.data.proposalId, 'REJECTED', event.actor.sub, at, event.data.reason);
    case 'ResolutionVoidFailed':
      // Open again: the payer is called again, and the same or another administrator may approve later.
      return updateProposals(state, (proposal) =>
        proposal.proposalId === event.data.proposalId ? { ...proposal, state: 'PROPOSED', decidedBy: null, decidedAt: null, decisionNote: `the payer could not void the claim: ${event.data.error}` } : proposal,
      );
    case 'PaymentDiscrepancyFound': {
      const reimbursement = state.reimbursement!;
      return { ...state, reimbursement: { ...reimbursement, discrepancies: [...(reimbursement.discrepancies ?? []), { ...event.data, foundAt: at }] } };
    }
    case 'CaseSettled': {
      const reimbursement = state.reimbursement!;
      return {
        ...enterStage(state, 'SETTLED', at),
        reimbursement: { ...reimbursement, paidFen: event.data.paidFen, outOfPocketFen: event.data.outOfPocketFen },
      };
    }
  }
}

function updateProposals(state: CaseState, change: (proposal: ClaimProposalView) => ClaimProposalView): CaseState {
  const reimbursement = state.reimbursement;
  if (!reimbursement?.proposals) return state;
  return { ...state, reimbursement: { ...reimbursement, proposals: reimbursement.proposals.map(change) } };
}

function decideProposal(state: CaseState, proposalId: string, to: 'APPROVED' | 'REJECTED', by: string, at: string, note: string | null): CaseState {
  return updateProposals(state, (proposal) => (proposal.proposalId === proposalId ? { ...proposal, state: to, decidedBy: by, decidedAt: at, decisionNote: note } : proposal));
}

/** Folds a case's events, in order, into its state. */
export function replayEvents(events: readonly CaseEvent[]): CaseState | undefined {
  return events.reduce<CaseState | undefined>(evolve, undefined);
}

/** The case as the API shows it: the state without its bookkeeping. */
export function toCaseView(state: CaseState): CaseView {
  const { seq: _seq, hospitalLevel: _level, applied: _applied, ...view } = state;
  return view;
}
