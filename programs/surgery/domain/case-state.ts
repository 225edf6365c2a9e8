/**
 * The one definition of a case's state: `evolve(state, event)`. The workflow folds its events
 * with it, and the projection folds the stored events with it; there is no second copy.
 *
 * This is the domain's own shape. The stored document (store/stored-case.ts), the workflow's
 * payload (`CaseSnapshot`) and the API's view (api/case-views.ts) each map from it explicitly, so
 * renaming a field of the view changes neither what is stored nor what Temporal records.
 */
import { canonicalJson } from '../../../domain/canonical-json';
import type { AssistanceCategory } from '../../../domain/fields';
import type { CaseEvent, PaymentDiscrepancy } from './events';
import type { ExplanationData } from './policy/explanation';
import type { Bill, NewCaseInput } from './schemas';
import { PAYERS, type HospitalLevel, type Payer, type Stage } from './stages';
import type { CaseAction } from './transition-kinds';

export type { CaseAction } from './transition-kinds';

export type Guardian = NonNullable<NewCaseInput['applicant']['guardian']>;

export interface Applicant {
  name: string;
  idNumber: string;
  phone: string | null;
  town: string;
  village: string | null;
  guardian: Guardian | null;
}

export interface ScreeningRecord {
  eligible: boolean;
  consent: boolean;
  reason: string | null;
  screenedBy: string;
  screenedAt: string;
}

export interface AdmissionRecord {
  admittedAt: string;
  admissionNo: string;
  depositFen: number;
}

export interface SurgeryRecord {
  completedAt: string;
  procedure: string;
  outcome: 'SUCCESS' | 'COMPLICATIONS';
}

export interface DischargeRecord {
  dischargedAt: string;
  rehabSessions: number;
  bill: Bill;
}

export interface WithdrawalRecord {
  reason: string;
  withdrawnAt: string;
  withdrawnBy: string;
}

export type ClaimStatus = 'PENDING' | 'IN_PROGRESS' | 'PAID' | 'REJECTED';

/** One payer's claim in the cascade. */
export interface Claim {
  payer: Payer;
  status: ClaimStatus;
  amountFen: number;
  reason: string | null;
  reference: string | null;
  decidedBy: 'payer' | 'admin' | null;
  /** The English sentence the decision was recorded with. */
  explanation: string | null;
  /** What the policy computed; absent for claims decided before it was recorded. */
  explanationData?: ExplanationData;
  attempts: number;
  lastError: string | null;
}

export type ProposalState = 'PROPOSED' | 'APPROVED' | 'REJECTED' | 'SUPERSEDED';

/** A resolution by hand of one claim: proposed by one administrator, decided by another. */
export interface ClaimProposal {
  proposalId: string;
  payer: Payer;
  state: ProposalState;
  status: 'PAID' | 'REJECTED';
  amountFen: number;
  reason: string | null;
  reference: string;
  note: string | null;
  overridePolicy: boolean;
  policyAmountFen: number;
  owedFen: number;
  proposedBy: string;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
}

export type FoundDiscrepancy = PaymentDiscrepancy & { foundAt: string };

export interface Reimbursement {
  policyVersion: string;
  claims: Claim[];
  paidFen: number;
  outOfPocketFen: number;
  /** Absent on cases folded before proposals existed. */
  proposals?: ClaimProposal[];
  discrepancies?: FoundDiscrepancy[];
}

/** The case as the workflow answers it (its query and Update results): the state without its bookkeeping. */
export interface CaseSnapshot {
  caseId: string;
  stage: Stage;
  overdue: boolean;
  openedAt: string;
  stageEnteredAt: string;
  updatedAt: string;
  applicant: Applicant;
  diagnosis: string;
  hospitalId: string;
  insured: boolean;
  assistanceCategory: AssistanceCategory;
  disabilityCertificate: string | null;
  screening: ScreeningRecord | null;
  admission: AdmissionRecord | null;
  surgery: SurgeryRecord | null;
  discharge: DischargeRecord | null;
  withdrawal: WithdrawalRecord | null;
  reimbursement: Reimbursement | null;
}

export interface CaseState extends CaseSnapshot {
  /** The seq of the last event folded in. */
  seq: number;
  hospitalLevel: HospitalLevel;
  /** Fingerprint (canonical JSON) of each action's body, once applied: tells a replay from a conflict. */
  applied: Partial<Record<CaseAction, string>>;
}

export function actionFingerprint(body: unknown): string {
  return canonicalJson(body);
}

function pendingClaim(payer: Payer): Claim {
  return { payer, status: 'PENDING', amountFen: 0, reason: null, reference: null, decidedBy: null, explanation: null, attempts: 0, lastError: null };
}

function enterStage(state: CaseState, stage: Stage, at: string): CaseState {
  return { ...state, stage, stageEnteredAt: at, overdue: false };
}

function updateClaim(state: CaseState, payer: Payer, change: (claim: Claim) => Claim): CaseState {
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
      const added: ClaimProposal = {
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

function updateProposals(state: CaseState, change: (proposal: ClaimProposal) => ClaimProposal): CaseState {
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

/** What the workflow answers with: the state without its bookkeeping. */
export function snapshotOf(state: CaseState): CaseSnapshot {
  const { seq: _seq, hospitalLevel: _level, applied: _applied, ...snapshot } = state;
  return snapshot;
}
