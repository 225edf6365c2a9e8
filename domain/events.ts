/** The domain events of a case. Temporal's history drives the workflow; these are what people read. */
import type { Actor, AdmissionInput, Bill, DischargeInput, NewCaseInput, ResolveClaimInput, ScreeningInput, SurgeryInput, WithdrawInput } from './schemas';
import type { HospitalLevel, Payer, WaitingStage } from './stages';

export interface ClaimDecision {
  status: 'PAID' | 'REJECTED';
  amountFen: number;
  reason: string | null;
  reference: string | null;
  explanation: string;
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
  ClaimResolvedManually: { payer: Payer; input: ResolveClaimInput } & ClaimDecision;
  CaseSettled: { totalFen: number; paidFen: number; outOfPocketFen: number };
}

export type CaseEventType = keyof CaseEventDataByType;

/** An event before it has a place in the case's sequence. */
export type NewCaseEvent = {
  [T in CaseEventType]: { type: T; occurredAt: string; actor: Actor; data: CaseEventDataByType[T] };
}[CaseEventType];

export type CaseEvent = NewCaseEvent & { seq: number };

export const CASE_EVENT_TYPES: readonly CaseEventType[] = [
  'CaseOpened',
  'ScreeningRecorded',
  'Admitted',
  'SurgeryCompleted',
  'Discharged',
  'CaseWithdrawn',
  'StageOverdue',
  'ReimbursementStarted',
  'ClaimSubmitted',
  'ClaimDecided',
  'ClaimResolvedManually',
  'CaseSettled',
];
