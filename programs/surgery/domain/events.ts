/** The domain events of a case. Temporal's history drives the workflow; these are what people read. */
import type { AdmissionInput, Bill, ClaimProposalInput, DischargeInput, NewCaseInput, ResolveClaimInput, ScreeningInput, SurgeryInput, WithdrawInput } from './schemas';
import type { Actor } from '../../../domain/actor';
import type { CaseLifeEventInput } from '../../../domain/life-events';
import type { ExplanationData } from './policy/explanation';
import type { HospitalLevel, Payer, WaitingStage } from './stages';

export interface ClaimDecision {
  status: 'PAID' | 'REJECTED';
  amountFen: number;
  reason: string | null;
  reference: string | null;
  /** The English sentence, as every event has stored it; kept for compatibility. */
  explanation: string;
  /** What was computed, for rendering in any language (absent in events recorded before it existed). */
  explanationData?: ExplanationData;
}

export interface CaseEventDataByType {
  CaseOpened: { caseId: string; input: Required<Pick<NewCaseInput, 'insured'>> & NewCaseInput; hospitalLevel: HospitalLevel };
  ScreeningRecorded: ScreeningInput;
  Admitted: AdmissionInput;
  SurgeryCompleted: SurgeryInput;
  Discharged: DischargeInput;
  CaseWithdrawn: WithdrawInput;
  StageOverdue: { stage: WaitingStage; slaMs: number };
  ReimbursementStarted: { policyVersion: string; bill: Bill };
  ClaimSubmitted: { payer: Payer; idempotencyKey: string };
  ClaimDecided: { payer: Payer; attempts: number } & ClaimDecision;
  /**
   * A claim decided by people. Since resolutions need two administrators it names the proposal,
   * who proposed and who approved; `input` is then the proposal. Earlier events have neither.
   */
  ClaimResolvedManually: { payer: Payer; input: ResolveClaimInput; proposalId?: string; proposedBy?: string; approvedBy?: string; overridePolicy?: boolean } & ClaimDecision;
  ResolutionProposed: { payer: Payer; proposalId: string; proposal: ClaimProposalInput; policyAmountFen: number; owedFen: number };
  /** The second administrator agreed; the claim is settled at the payer's books next (void, or its decision stands). */
  ResolutionApproved: { payer: Payer; proposalId: string; note: string | null };
  ResolutionRejected: { payer: Payer; proposalId: string; reason: string };
  /** The payer could not void the claim: the proposal is open again and the payer is called again. */
  ResolutionVoidFailed: { payer: Payer; proposalId: string; error: string };
  /** The payer's own books disagree with the ledger (a payer decision that came after a resolution by hand). */
  PaymentDiscrepancyFound: PaymentDiscrepancy;
  CaseSettled: { totalFen: number; paidFen: number; outOfPocketFen: number };
  /** A life event of the person (domain/case-life-events.ts); `withdrawn` when it ended the case. */
  LifeEventRecorded: CaseLifeEventInput & { withdrawn: boolean };
}

/** What the payer's books say of one claim, beside what the ledger says. */
export interface PaymentDiscrepancy {
  payer: Payer;
  idempotencyKey: string;
  ledgerStatus: string;
  ledgerAmountFen: number;
  payerStatus: string;
  payerAmountFen: number;
  payerReference: string | null;
}

export type CaseEventType = keyof CaseEventDataByType;

/** An event before it has a place in the case's sequence. */
export type NewCaseEvent = {
  [T in CaseEventType]: { type: T; occurredAt: string; actor: Actor; data: CaseEventDataByType[T] };
}[CaseEventType];

export type CaseEvent = NewCaseEvent & { seq: number };

