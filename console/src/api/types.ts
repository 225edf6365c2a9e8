import type { CaseView, ClaimProposalView, ClaimView } from '@surgery/schemas';

/** A payment discrepancy as the case shows it (the schema names no type of its own for it). */
type PaymentDiscrepancyView = NonNullable<NonNullable<CaseView['reimbursement']>['discrepancies']>[number];
import type { Payer, Stage } from '@surgery/stages';
import type {
  BatchList,
  BatchResult,
  BatchSummary,
  DecidedReview,
  FailedMatchRow,
  MatchEffects,
  MatchEventType,
  MatchReview,
  MatchReviewList as MatchReviewListShape,
} from '@domain/data-match';
import type { PersonDetail, PersonView } from '@domain/persons';
import type { ProgramId, ProgramItemKind } from '@domain/programs';

export type { CaseView, ClaimProposalView, ClaimView, PaymentDiscrepancyView };
export type { PersonDetail, PersonView };

export interface PersonList {
  items: PersonView[];
  nextCursor: string | null;
}

/** 201 to a proposal: the proposal as the case shows it, and its case. */
export type ProposalCreated = ClaimProposalView & { caseId: string };

/** GET /v1/admin/proposals: one resolution by hand waiting for a second administrator. */
export interface WaitingProposal {
  caseId: string;
  proposalId: string;
  payer: Payer;
  status: 'PAID' | 'REJECTED';
  amountFen: number;
  policyAmountFen: number;
  overridePolicy: boolean;
  reference: string;
  proposedBy: string;
  proposedAt: string;
}

/** GET /v1/admin/sandbox/bank/records: what the sandbox bank itself recorded for a payroll's keys. */
export interface SandboxBankRecord {
  key: string;
  status: 'PAID' | 'RETURNED';
  amountFen: number;
  recordedAt: string;
}

/** GET /v1/admin/sandbox/payers/{payer}/claims: what the sandbox payer itself recorded. */
export interface SandboxClaimRecord {
  key: string;
  status: 'PAID' | 'REJECTED' | 'VOIDED';
  amountFen: number;
  reference: string;
  recordedAt: string;
}

export interface CaseList {
  items: CaseView[];
  nextCursor: string | null;
}

export interface CaseListFilters {
  /** A name, part of one, a case number or a whole ID number (the server decides which). */
  q?: string;
  stage?: Stage;
  town?: string;
  hospitalId?: string;
  overdue?: 'true' | 'false';
}

export interface CaseEventView {
  seq: number;
  type: string;
  occurredAt: string;
  /** `displayName`: the user's name, where the server knows it (accounts with a password). */
  actor: { role: string; sub: string; displayName?: string };
  data: Record<string, unknown>;
}

export interface ImportResult {
  created: number;
  existing: number;
  failed: { row: number; errors: { path: string; message: string }[] }[];
  caseIds: string[];
}

export type StuckReasonKind = 'STAGE_OVERDUE' | 'ACTIVITY_RETRYING' | 'WORKFLOW_TASK_FAILING' | 'PAYMENT_DISCREPANCY';

export interface StuckReason {
  kind: StuckReasonKind;
  detail?: string | null;
  activity?: string | null;
  attempts?: number | null;
  lastFailure?: string | null;
  since?: string | null;
}

/** A stuck item of any program; a case (`kind: 'case'`) also has `caseId` and `hospitalId`. */
export interface StuckItem {
  kind: ProgramItemKind;
  program: ProgramId;
  id: string;
  /** The program's own stage (a case's is a `Stage`). */
  stage: string;
  stageEnteredAt: string;
  town: string | null;
  caseId?: string;
  hospitalId?: string;
  /** Who the case is about, what is still to be paid and the payer waited on — when the server sends them. */
  applicantName?: string;
  outstandingFen?: number;
  waitingPayer?: string;
  reasons: StuckReason[];
}

export interface Stats {
  casesByStage: Partial<Record<Stage, number>>;
  screenedByTown: Record<string, number>;
  eligible: number;
  surgeriesCompleted: number;
  settledCases: number;
  totalBilledFen: number;
  paidByPayerFen: Partial<Record<Payer, number>>;
  outOfPocketFen: number;
}

export interface SandboxPayerSetting {
  mode: 'up' | 'down' | 'flaky';
  failureRate: number;
  latencyMs: number;
}

export type Role = 'officer' | 'hospital' | 'admin' | 'civil' | 'finance' | 'official';

/** A sign-in's answer (POST /v1/auth/login, POST /v1/auth/password). */
export interface SignedIn {
  accessToken: string;
  expiresAt: string;
  mustChangePassword: boolean;
  user: { username: string; displayName: string; role: Role; hospitalId?: string; town?: string };
}

export interface UserAccount {
  username: string;
  displayName: string;
  role: Role;
  hospitalId: string | null;
  town: string | null;
  mustChangePassword: boolean;
  disabled: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}

export interface NewUserInput {
  username: string;
  displayName: string;
  role: Role;
  hospitalId?: string;
  town?: string;
  initialPassword: string;
}

export type SignInEvent = 'sign-in' | 'failure' | 'lock-out' | 'sign-out' | 'password-change' | 'create' | 'disable' | 'enable' | 'reset';

export interface SignInAuditEntry {
  id: number;
  at: string;
  username: string;
  event: SignInEvent;
  address: string | null;
  by: string | null;
}

export interface SignInMethods {
  devSignIn: boolean;
  sso: { issuer: string; authorizationEndpoint: string; tokenEndpoint: string; clientId: string; scope: string } | null;
}

/** GET /v1/config: the district's towns (for the select lists) and where the Temporal Web UI is, if anywhere. */
export interface ServerConfig {
  towns: string[];
  temporalUiUrl: string | null;
}

export type { EnrolmentView, EnrolmentSummary, EnrolmentMonthView, NewEnrolmentInput, SubsidyStats, SubsidyStatsQuery } from '@subsidy-http/schemas';
import type { EnrolmentSummary } from '@subsidy-http/schemas';
import type { EnrolmentStage } from '@subsidy/stages';
import type { SubsidyProgram } from '@subsidy/programs';

export interface EnrolmentList {
  items: EnrolmentSummary[];
  nextCursor: string | null;
}

export interface EnrolmentListFilters {
  program?: SubsidyProgram;
  stage?: EnrolmentStage;
  town?: string;
  personId?: string;
  overdue?: 'true' | 'false';
}

export type { PayrollView, NewPayrollInput, BankFileDownloads } from '@subsidy-http/payroll-schemas';
import type { PayrollView } from '@subsidy-http/payroll-schemas';
import type { PayrollLineStatus } from '@subsidy/payroll/stages';

export interface PayrollList {
  items: PayrollView[];
  nextCursor: string | null;
}

/** One line of a payroll as the server shows it: no account or ID number, the person by id only. */
export interface PayrollLineView {
  enrolmentId: string;
  personId: string;
  month: string;
  amountFen: number;
  status: PayrollLineStatus;
  /** Why it was dropped at approval (a drop reason) or returned by the bank (the bank's code). */
  reason: string | null;
  bankReference: string | null;
}

export interface PayrollLineList {
  items: PayrollLineView[];
  nextCursor: string | null;
}

/** The monthly data match (数据比对): the API's own shapes (domain/data-match.ts), so that the two cannot drift. */
export type LifeEventImportStatus = BatchResult['status'];
export type LifeEventImportEffects = MatchEffects;
/** A row the API refused: its number among the rows, its line in the file (the header is line 1), and why. */
export type LifeEventImportFailure = FailedMatchRow;
/** `POST /v1/persons/life-events/import` and `GET …/imports/{batchId}`. */
export type LifeEventImportResult = BatchResult;
/** One line of the history of imported lists. */
export type LifeEventImportSummary = BatchSummary;
export type LifeEventImportList = BatchList;
export type MatchReviewStatus = MatchReview['status'];
export type MatchedLifeEventType = MatchEventType;
export type { MatchReview };
export type MatchReviewList = MatchReviewListShape;
/** The answer to an accept or a reject: the review, decided, and what applying its row did. */
export type MatchReviewDecision = DecidedReview;
// Pairings (结对关爱): the shapes the API's own schemas describe.
import type { ContactBody, MatterBody, NeedBody, NewPairingBody, PairingEventView, PairingStats, PairingView, ReassignBody, ReferralBody } from '@pairing-http/schemas';
export type { ContactBody, MatterBody, NeedBody, NewPairingBody, PairingEventView, PairingStats, PairingView, ReassignBody, ReferralBody };

export interface PairingList {
  items: PairingView[];
  nextCursor: string | null;
}

export interface PairingListFilters {
  town?: string;
  official?: string;
  overdue?: 'true' | 'false';
}

/** The period the pairing figures count, days YYYY-MM-DD, both optional. */
export interface PairingStatsQuery {
  from?: string;
  to?: string;
}
