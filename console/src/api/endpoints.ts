/** One function per endpoint of the API that the console uses. */
import type { AdmissionInput, ClaimProposalInput, DischargeInput, NewCaseInput, ProposalApprovalInput, ProposalRejectionInput, ScreeningInput, SurgeryInput, WithdrawInput } from '@surgery/schemas';
import type { Payer } from '@surgery/stages';
import type { ApiClient } from './client';
import type { PersonDetail, PersonList, PersonView } from './types';
import type { NewLifeEventInput } from '@domain/life-events';
import type { LifeEventResult } from '@domain/persons';
import type { LifeEventImportList, LifeEventImportResult, MatchReviewDecision, MatchReviewList, MatchReviewStatus } from './types';
import type { BankFileDownloads, NewPayrollInput, PayrollLineList, PayrollList, PayrollView } from './types';
import type { PayrollLineStatus } from '@subsidy/payroll/stages';
import type { SubsidyProgram } from '@subsidy/programs';
import type { ContactBody, NeedBody, NewPairingBody, PairingEventView, PairingList, PairingListFilters, PairingStats, PairingStatsQuery, PairingView, ReassignBody, ReferralBody } from './types';
import type { EnrolmentList, EnrolmentListFilters, EnrolmentView, NewEnrolmentInput, SubsidyStats, SubsidyStatsQuery } from './types';
import type {
  CaseEventView,
  CaseList,
  CaseListFilters,
  CaseView,
  ImportResult,
  NewUserInput,
  ProposalCreated,
  SandboxBankRecord,
  SandboxClaimRecord,
  SandboxPayerSetting,
  SignedIn,
  SignInAuditEntry,
  SignInMethods,
  Stats,
  StuckItem,
  UserAccount,
  WaitingProposal,
  ServerConfig,
  Role,
} from './types';

export interface Hospital {
  id: string;
  name: string;
  level: string;
}

/** The routes of an enrolment's actions, below /v1/enrolments/{enrolmentId}. */
export type EnrolmentActionPath = 'town-review' | 'cdpf-review' | 'decision' | 'objection' | 'withdraw' | 'suspend' | 'reinstate' | 'recovery/repayments' | 'recovery/waive';

/** The actions on a payroll, below /v1/payrolls/{payrollId}. */
export type PayrollActionPath = 'recompute' | 'submit' | 'approve' | 'reject';

export function createEndpoints(api: ApiClient) {
  const encode = encodeURIComponent;
  return {
    listCases: (filters: CaseListFilters, page: { limit: number; cursor?: string | null }, signal?: AbortSignal) =>
      api.request<CaseList>('/v1/cases', { query: { ...filters, limit: page.limit, cursor: page.cursor }, signal }),
    getCase: (caseId: string, signal?: AbortSignal) => api.request<CaseView>(`/v1/cases/${encode(caseId)}`, { signal }),
    /** The printable settlement sheet (HTML) of a settled case, in the console's language. */
    settlementSheet: (caseId: string) => api.request<string>(`/v1/cases/${encode(caseId)}/settlement`, { as: 'text' }),
    getEvents: (caseId: string, signal?: AbortSignal) => api.request<{ items: CaseEventView[] }>(`/v1/cases/${encode(caseId)}/events`, { signal }),
    openCase: (body: NewCaseInput) => api.request<CaseView>('/v1/cases', { method: 'POST', json: body }),
    importCsv: (csv: string) => api.request<ImportResult>('/v1/cases/import', { method: 'POST', body: { contentType: 'text/csv', text: csv } }),
    screen: (caseId: string, body: ScreeningInput) => api.request<CaseView>(`/v1/cases/${encode(caseId)}/screening`, { method: 'POST', json: body }),
    admit: (caseId: string, body: AdmissionInput) => api.request<CaseView>(`/v1/cases/${encode(caseId)}/admission`, { method: 'POST', json: body }),
    completeSurgery: (caseId: string, body: SurgeryInput) => api.request<CaseView>(`/v1/cases/${encode(caseId)}/surgery`, { method: 'POST', json: body }),
    discharge: (caseId: string, body: DischargeInput) => api.request<CaseView>(`/v1/cases/${encode(caseId)}/discharge`, { method: 'POST', json: body }),
    withdraw: (caseId: string, body: WithdrawInput) => api.request<CaseView>(`/v1/cases/${encode(caseId)}/withdraw`, { method: 'POST', json: body }),
    applyForSubsidy: (body: NewEnrolmentInput) => api.request<EnrolmentView>('/v1/enrolments', { method: 'POST', json: body }),
    listEnrolments: (filters: EnrolmentListFilters, page: { limit: number; cursor?: string | null }, signal?: AbortSignal) =>
      api.request<EnrolmentList>('/v1/enrolments', { query: { ...filters, limit: page.limit, cursor: page.cursor }, signal }),
    getEnrolment: (enrolmentId: string, signal?: AbortSignal) => api.request<EnrolmentView>(`/v1/enrolments/${encode(enrolmentId)}`, { signal }),
    /** One of an enrolment's actions; `path` is the action's route below the enrolment (its body was checked by the action's own schema). */
    actOnEnrolment: (enrolmentId: string, path: EnrolmentActionPath, body: object) =>
      api.request<EnrolmentView>(`/v1/enrolments/${encode(enrolmentId)}/${path}`, { method: 'POST', json: body }),
    /** 201 when opened now, 200 when the month's payroll was already open (`created` tells which). */
    openPayroll: async (body: NewPayrollInput): Promise<{ view: PayrollView; created: boolean }> => {
      let status = 0;
      const view = await api.request<PayrollView>('/v1/payrolls', { method: 'POST', json: body, onStatus: (answered) => (status = answered) });
      return { view, created: status === 201 };
    },
    listPayrolls: (filters: { program?: SubsidyProgram }, page: { limit: number; cursor?: string | null }, signal?: AbortSignal) =>
      api.request<PayrollList>('/v1/payrolls', { query: { ...filters, limit: page.limit, cursor: page.cursor }, signal }),
    getPayroll: (payrollId: string, signal?: AbortSignal) => api.request<PayrollView>(`/v1/payrolls/${encode(payrollId)}`, { signal }),
    payrollLines: (payrollId: string, filters: { status?: PayrollLineStatus }, page: { limit: number; cursor?: string | null }, signal?: AbortSignal) =>
      api.request<PayrollLineList>(`/v1/payrolls/${encode(payrollId)}/lines`, { query: { ...filters, limit: page.limit, cursor: page.cursor }, signal }),
    /** The roster as CSV (UTF-8 with a byte-order mark, numbers masked), fetched with the bearer token. */
    /** The public-notice list (公示名单) of a month's new enrolments, ID numbers masked. */
    noticeListCsv: (program: string, month: string) => api.request<string>('/v1/enrolments/notice.csv', { query: { program, month }, as: 'text' }),
    payrollCsv: (payrollId: string) => api.request<string>(`/v1/payrolls/${encode(payrollId)}/export.csv`, { as: 'text' }),
    /** The roster as a spreadsheet (.xlsx, numbers masked). */
    payrollXlsx: (payrollId: string) => api.request<Blob>(`/v1/payrolls/${encode(payrollId)}/export.xlsx`, { as: 'blob' }),
    /** The bank file, full account numbers (finance only, once approved; the server records every download). */
    payrollBankFile: (payrollId: string, format: 'csv' | 'xlsx') => api.request<Blob>(`/v1/payrolls/${encode(payrollId)}/bank-file.${format}`, { as: 'blob' }),
    /** Who downloaded the payroll's bank file, when and as what (finance, administrators). */
    bankFileDownloads: (payrollId: string, signal?: AbortSignal) => api.request<BankFileDownloads>(`/v1/payrolls/${encode(payrollId)}/bank-file-downloads`, { signal }),
    /** The sandbox bank's own books of a payroll (administrators). */
    sandboxBankRecords: (payrollId: string, signal?: AbortSignal) => api.request<{ items: SandboxBankRecord[] }>('/v1/admin/sandbox/bank/records', { query: { payrollId }, signal }),
    /** One of a payroll's four actions; only `reject` has a body (its reason). */
    actOnPayroll: (payrollId: string, path: PayrollActionPath, body: object = {}) =>
      api.request<PayrollView>(`/v1/payrolls/${encode(payrollId)}/${path}`, { method: 'POST', json: body }),
    /** An official's own pairings whatever the filters say; officers and administrators filter every pairing. */
    listPairings: (filters: PairingListFilters, page: { limit: number; cursor?: string | null }, signal?: AbortSignal) =>
      api.request<PairingList>('/v1/pairings', { query: { ...filters, limit: page.limit, cursor: page.cursor }, signal }),
    getPairing: (pairingId: string, signal?: AbortSignal) => api.request<PairingView>(`/v1/pairings/${encode(pairingId)}`, { signal }),
    pairingEvents: (pairingId: string, signal?: AbortSignal) => api.request<{ items: PairingEventView[] }>(`/v1/pairings/${encode(pairingId)}/events`, { signal }),
    createPairing: (body: NewPairingBody) => api.request<PairingView>('/v1/pairings', { method: 'POST', json: body }),
    reassignPairing: (pairingId: string, body: ReassignBody) => api.request<PairingView>(`/v1/pairings/${encode(pairingId)}/reassign`, { method: 'POST', json: body }),
    logContact: (pairingId: string, body: ContactBody) => api.request<PairingView>(`/v1/pairings/${encode(pairingId)}/contacts`, { method: 'POST', json: body }),
    noteNeed: (pairingId: string, body: NeedBody) => api.request<PairingView>(`/v1/pairings/${encode(pairingId)}/needs`, { method: 'POST', json: body }),
    /** The body is sent as typed (its funder unchecked here): the server alone says which funders a matter may have. */
    recordMatter: (pairingId: string, body: object) => api.request<PairingView>(`/v1/pairings/${encode(pairingId)}/matters`, { method: 'POST', json: body }),
    refer: (pairingId: string, body: ReferralBody) =>
      api.request<{ program: ReferralBody['program']; id: string; created: boolean }>(`/v1/pairings/${encode(pairingId)}/referrals`, { method: 'POST', json: body }),
    pairingStats: (query: PairingStatsQuery, signal?: AbortSignal) => api.request<PairingStats>('/v1/stats/pairings', { query: { ...query }, signal }),
    pairingStatsCsv: (query: PairingStatsQuery) => api.request<string>('/v1/stats/pairings.csv', { query: { ...query }, as: 'text' }),
    searchPersons: (filters: { q?: string; town?: string }, page: { limit: number; cursor?: string | null }, signal?: AbortSignal) =>
      api.request<PersonList>('/v1/persons', { query: { ...filters, limit: page.limit, cursor: page.cursor }, signal }),
    /** A POST, so that the ID number is in the body and never in a URL. */
    lookupPerson: (idNumber: string) => api.request<PersonView>('/v1/persons/lookup', { method: 'POST', json: { idNumber } }),
    recordLifeEvent: (personId: string, body: NewLifeEventInput) => api.request<LifeEventResult>(`/v1/persons/${encode(personId)}/life-events`, { method: 'POST', json: body }),
    /** The month's list from another office; `onStatus` tells 200 (matched) from 202 (still running). */
    importLifeEvents: (csv: string, fileName?: string, onStatus?: (status: number) => void) =>
      api.request<LifeEventImportResult>('/v1/persons/life-events/import', { method: 'POST', query: { fileName }, body: { contentType: 'text/csv', text: csv }, onStatus }),
    lifeEventImports: (page: { limit: number; cursor?: string | null }, signal?: AbortSignal) =>
      api.request<LifeEventImportList>('/v1/persons/life-events/imports', { query: { limit: page.limit, cursor: page.cursor }, signal }),
    lifeEventImport: (batchId: string, signal?: AbortSignal) => api.request<LifeEventImportResult>(`/v1/persons/life-events/imports/${encode(batchId)}`, { signal }),
    /** The month's report of a batch as CSV, fetched with the bearer token. */
    lifeEventImportReportCsv: (batchId: string) => api.request<string>(`/v1/persons/life-events/imports/${encode(batchId)}/report.csv`, { as: 'text' }),
    matchReviews: (filters: { batchId?: string; status?: MatchReviewStatus }, page: { limit: number; cursor?: string | null }, signal?: AbortSignal) =>
      api.request<MatchReviewList>('/v1/admin/match-reviews', { query: { ...filters, limit: page.limit, cursor: page.cursor }, signal }),
    /** Applies the row as the life event it names (no body). */
    acceptMatchReview: (id: string) => api.request<MatchReviewDecision>(`/v1/admin/match-reviews/${encode(id)}/accept`, { method: 'POST' }),
    rejectMatchReview: (id: string, reason: string) => api.request<MatchReviewDecision>(`/v1/admin/match-reviews/${encode(id)}/reject`, { method: 'POST', json: { reason } }),
    getPerson: (personId: string, signal?: AbortSignal) => api.request<PersonDetail>(`/v1/persons/${encode(personId)}`, { signal }),
    stuck: (signal?: AbortSignal) => api.request<{ items: StuckItem[] }>('/v1/admin/stuck', { signal }),
    // A claim settled by hand: one administrator proposes, another approves (…/resolve is 410 gone).
    proposeClaim: (caseId: string, payer: Payer, body: ClaimProposalInput) =>
      api.request<ProposalCreated>(`/v1/admin/cases/${encode(caseId)}/claims/${payer}/proposals`, { method: 'POST', json: body }),
    /** Can take seconds: the payer call is cancelled and awaited, then the claim voided at the payer. */
    approveProposal: (caseId: string, payer: Payer, proposalId: string, body: ProposalApprovalInput = {}) =>
      api.request<CaseView>(`/v1/admin/cases/${encode(caseId)}/claims/${payer}/proposals/${encode(proposalId)}/approve`, { method: 'POST', json: body }),
    rejectProposal: (caseId: string, payer: Payer, proposalId: string, body: ProposalRejectionInput) =>
      api.request<CaseView>(`/v1/admin/cases/${encode(caseId)}/claims/${payer}/proposals/${encode(proposalId)}/reject`, { method: 'POST', json: body }),
    /** What the policy pays a payer on what the earlier payers paid (the server holds the policy). */
    policyShare: (caseId: string, payer: Payer, signal?: AbortSignal) =>
      api.request<{ payer: Payer; policyAmountFen: number; owedFen: number }>(`/v1/admin/cases/${encode(caseId)}/claims/${payer}/policy-share`, { signal }),
    waitingProposals: (signal?: AbortSignal) => api.request<{ items: WaitingProposal[] }>('/v1/admin/proposals', { signal }),
    /** The sandbox payer's own books (404 when real payers are configured). */
    sandboxBooks: (payer: Payer, caseId?: string, signal?: AbortSignal) =>
      api.request<{ items: SandboxClaimRecord[] }>(`/v1/admin/sandbox/payers/${payer}/claims`, { query: { caseId }, signal }),
    setSandboxPayer: (payer: Payer, body: SandboxPayerSetting) => api.request<SandboxPayerSetting>(`/v1/admin/sandbox/payers/${payer}`, { method: 'PUT', json: body }),
    /** The sandbox payers' current settings. */
    sandboxPayers: (signal?: AbortSignal) => api.request<{ items: (SandboxPayerSetting & { payer: Payer })[] }>('/v1/admin/sandbox/payers', { signal }),
    /** What the console needs of the server's configuration: the district's towns, the Temporal Web UI's address. */
    config: (signal?: AbortSignal) => api.request<ServerConfig>('/v1/config', { signal }),
    stats: (signal?: AbortSignal) => api.request<Stats>('/v1/stats', { signal }),
    subsidyStats: (query: SubsidyStatsQuery, signal?: AbortSignal) => api.request<SubsidyStats>('/v1/stats/subsidies', { query: { ...query }, signal }),
    /** The hospital registry the server runs with. */
    hospitals: (signal?: AbortSignal) => api.request<{ items: Hospital[] }>('/v1/hospitals', { signal }),
    // A wrong password is a 401 of its own (invalid-credentials): anonymous, so it does not sign anyone out.
    signIn: (body: { username: string; password: string }) => api.request<SignedIn>('/v1/auth/login', { method: 'POST', json: body, anonymous: true }),
    signInMethods: (signal?: AbortSignal) => api.request<SignInMethods>('/v1/auth/methods', { signal, anonymous: true }),
    /** Who a token is, as the API maps it (a single sign-on token's role comes from the provider's claims). */
    whoIs: (token: string) => api.request<{ sub: string; role: Role; hospitalId: string | null }>('/v1/auth/me', { token }),
    signOut: () => api.request<{ revoked: boolean }>('/v1/auth/logout', { method: 'POST', json: {} }),
    changePassword: (body: { currentPassword: string; newPassword: string }) => api.request<SignedIn>('/v1/auth/password', { method: 'POST', json: body }),
    users: (signal?: AbortSignal) => api.request<{ items: UserAccount[] }>('/v1/admin/users', { signal }),
    createUser: (body: NewUserInput) => api.request<UserAccount>('/v1/admin/users', { method: 'POST', json: body }),
    setUserDisabled: (username: string, disabled: boolean) =>
      api.request<UserAccount>(`/v1/admin/users/${encode(username)}/${disabled ? 'disable' : 'enable'}`, { method: 'POST', json: {} }),
    resetPassword: (username: string) => api.request<{ user: UserAccount; initialPassword: string }>(`/v1/admin/users/${encode(username)}/reset-password`, { method: 'POST', json: {} }),
    signIns: (page: { limit: number; before?: number }, signal?: AbortSignal) =>
      api.request<{ items: SignInAuditEntry[]; nextBefore: number | null }>('/v1/admin/sign-ins', { query: { limit: page.limit, before: page.before }, signal }),
    /** Embedded stack only (DEV_TOKEN_ENDPOINT=1): mints a token for a chosen role, subject dev-<role>. */
    devToken: (body: { role: string; hospitalId?: string }) =>
      api.request<{ token: string }>('/v1/dev/token', { method: 'POST', json: body, anonymous: true }),
  };
}

export type Endpoints = ReturnType<typeof createEndpoints>;
