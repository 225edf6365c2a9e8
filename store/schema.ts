import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Actor } from '../domain/actor';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** bigint columns come back from pg as strings unless parsed; store/connection.ts parses them to numbers. */
type Int8 = ColumnType<number, number, number>;
/**
 * A jsonb document whose shape belongs to the program that owns the table: written as JSON text,
 * read back as data that the owner module gives its type.
 */
type ProgramDocument = ColumnType<unknown, string, string>;
/** The same, for a column that may be null. */
type OptionalProgramDocument = ColumnType<unknown, string | null, string | null>;

export interface CaseEventsTable {
  case_id: string;
  seq: number;
  type: string;
  occurred_at: Timestamp;
  actor: ColumnType<Actor, string, string>;
  data: ColumnType<Record<string, unknown>, string, string>;
  recorded_at: GeneratedTimestamp;
}

/** The read model of each case, folded from `case_events` by the domain reducer. */
export interface CasesTable {
  case_id: string;
  stage: string;
  town: string;
  hospital_id: string;
  overdue: boolean;
  opened_at: Timestamp;
  stage_entered_at: Timestamp;
  updated_at: Timestamp;
  last_seq: number;
  screened: boolean;
  eligible: boolean;
  surgery_completed: boolean;
  total_billed_fen: Int8 | null;
  state: ProgramDocument;
}

/** The ledger: one row per payer claim, unique on its idempotency key `<caseId>:<payer>`. */
export interface ClaimsTable {
  idempotency_key: string;
  case_id: string;
  payer: string;
  status: string;
  amount_fen: Int8;
  reason: string | null;
  reference: string | null;
  decided_by: string | null;
  explanation: string | null;
  decided_at: Timestamp | null;
}

/**
 * Written by the API before a case's workflow starts: the constraint that keeps one open case per
 * ID number (a partial unique index), and the fingerprint that tells a retried POST from a conflict.
 */
export interface CaseRegistrationsTable {
  case_id: string;
  /** The blind index of the applicant's ID number (store/sealed-columns.ts). */
  id_number_index: string;
  /** The canonical body of the opening request, sealed. */
  fingerprint: string;
  open: Generated<boolean>;
  created_at: GeneratedTimestamp;
  /** The last time a request set out to start the case's workflow (see registrations.repository.ts). */
  attempted_at: GeneratedTimestamp;
}

export interface SandboxPayerSettingsTable {
  payer: string;
  mode: string;
  failure_rate: number;
  latency_ms: number;
  updated_at: GeneratedTimestamp;
}

export interface SandboxClaimsTable {
  idempotency_key: string;
  payer: string;
  case_id: string;
  status: string;
  amount_fen: Int8;
  reason: string | null;
  reference: string;
  explanation: string;
  decided_at: GeneratedTimestamp;
}

/** Consecutive failures of an activity for a case, kept for the stuck-case report; cleared on success. */
export interface ActivityFailuresTable {
  case_id: string;
  activity: string;
  attempts: number;
  last_failure: string;
  since: Timestamp;
  updated_at: Timestamp;
}

/** Resolutions by hand, one row per proposal (projected); `state = 'PROPOSED'` is what waits for a second administrator. */
export interface ClaimProposalsTable {
  case_id: string;
  proposal_id: string;
  payer: string;
  state: string;
  status: string;
  amount_fen: Int8;
  policy_amount_fen: Int8;
  override_policy: boolean;
  reference: string;
  proposed_by: string;
  proposed_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
}

/** A claim on which the ledger and the payer's own books disagree (projected from PaymentDiscrepancyFound). */
export interface PaymentDiscrepanciesTable {
  case_id: string;
  seq: number;
  payer: string;
  idempotency_key: string;
  ledger_status: string;
  ledger_amount_fen: Int8;
  payer_status: string;
  payer_amount_fen: Int8;
  payer_reference: string | null;
  found_at: Timestamp;
}

/** The person registry (store/persons.ts owns it): one row per resident ID number. */
export interface PersonsTable {
  person_id: string;
  /** The ID number sealed (store/sealed-columns.ts). */
  id_number_sealed: string;
  /** Its blind index: unique, and what a lookup by ID number compares. */
  id_number_index: string;
  name: string;
  phone: string | null;
  town: string;
  village: string | null;
  assistance_category: string;
  disability: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  status: Generated<string>;
  status_since: GeneratedTimestamp;
  /** The canonical body of the POST that created the person, sealed; null when a case opening or the backfill did. */
  fingerprint: string | null;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

/** Which person each surgery case is about. */
export interface CasePersonsTable {
  case_id: string;
  person_id: string;
  linked_at: GeneratedTimestamp;
}

/** A life event of a person, with what it did to each of their open cases once all applied it. */
export interface PersonLifeEventsTable {
  event_id: string;
  person_id: string;
  type: string;
  on_day: string;
  body: ColumnType<Record<string, unknown>, string, string>;
  fingerprint: string;
  effects: ColumnType<unknown[] | null, string | null, string | null>;
  recorded_by: string;
  recorded_at: GeneratedTimestamp;
}

/** A person who signs in with a user name and password (store/users.ts). */
export interface UsersTable {
  username: string;
  display_name: string;
  role: string;
  hospital_id: string | null;
  town: string | null;
  password_hash: string;
  must_change_password: boolean;
  disabled: boolean;
  /** Tokens issued (iat) before this are refused: set by a reset or a password change. */
  tokens_not_before: GeneratedTimestamp;
  created_at: GeneratedTimestamp;
  last_sign_in_at: Timestamp | null;
}

/** A signed-out token, kept until it would have expired anyway. */
export interface RevokedTokensTable {
  jti: string;
  username: string;
  expires_at: Timestamp;
}

export interface SignInAuditTable {
  id: Generated<number>;
  at: Timestamp;
  /** The account concerned (for a failed sign-in: the user name tried). */
  username: string;
  event: string;
  address: string | null;
  /** The administrator who did it (disable, enable, reset, create); null when the user did. */
  by_username: string | null;
}

/** A subsidy enrolment's events, numbered without gaps from 1 (programs/subsidy/store/enrolment-events.ts). */
export interface EnrolmentEventsTable {
  enrolment_id: string;
  seq: number;
  type: string;
  occurred_at: Timestamp;
  actor: ProgramDocument;
  data: ProgramDocument;
  idempotency: OptionalProgramDocument;
  /** The bank account the event carries (an application, a change of account), kept out of `data`, sealed. */
  bank_account: string | null;
  recorded_at: GeneratedTimestamp;
}

/** The read model of each enrolment, folded from `enrolment_events` by the subsidy core's reducer. */
export interface EnrolmentsTable {
  enrolment_id: string;
  program: string;
  person_id: string;
  town: string;
  stage: string;
  overdue: boolean;
  applied_on: string;
  opened_at: Timestamp;
  stage_entered_at: Timestamp;
  updated_at: Timestamp;
  last_seq: number;
  /** The bank account, here only (not in `state`), so that one column holds it: sealed (a JSON document). */
  bank_account: string;
  /** The enrolment's state with the bank account left out. */
  state: ProgramDocument;
}

/** Consecutive failures of an enrolment's activities, for the stuck radar (as `activity_failures` for cases). */
export interface EnrolmentActivityFailuresTable {
  enrolment_id: string;
  activity: string;
  attempts: number;
  last_failure: string;
  since: Timestamp;
  updated_at: Timestamp;
}

/** One row per month an enrolment is owed: the projection keeps PAYABLE and SUSPENDED rows, the payroll the rest. */
export interface EnrolmentMonthsTable {
  enrolment_id: string;
  program: string;
  month: string;
  amount_fen: Int8;
  status: 'PAYABLE' | 'SUSPENDED' | 'IN_PAYROLL' | 'PAID' | 'RETURNED';
  payroll_id: string | null;
  updated_at: GeneratedTimestamp;
}

/** Each subsidy policy a decision pinned, by version, so that the months can be recomputed from events. */
export interface SubsidyPoliciesTable {
  version: string;
  body: ProgramDocument;
  first_used_at: GeneratedTimestamp;
}

/** A pairing's events, numbered without gaps from 1 (programs/pairing/store/pairing-events.ts). */
export interface PairingEventsTable {
  pairing_id: string;
  seq: number;
  type: string;
  occurred_at: Timestamp;
  actor: ProgramDocument;
  data: ProgramDocument;
  idempotency: OptionalProgramDocument;
  recorded_at: GeneratedTimestamp;
}

/** The read model of each pairing, folded from `pairing_events` by the pairing core's reducer. */
export interface PairingsTable {
  pairing_id: string;
  person_id: string;
  category: string;
  town: string;
  stage: 'ACTIVE' | 'CLOSED';
  /** Whose pairing it is: an official sees only the rows with their own subject. */
  official_sub: string;
  overdue: boolean;
  due_at: Timestamp;
  opened_at: Timestamp;
  stage_entered_at: Timestamp;
  updated_at: Timestamp;
  last_seq: number;
  state: ProgramDocument;
}

/** The free text of a pairing (a contact's notes, a need, a matter), by the id its event carries. */
export interface PairingNotesTable {
  pairing_id: string;
  note_id: string;
  body: string;
  written_at: GeneratedTimestamp;
}

/** Consecutive failures of a pairing's activities (programs/pairing/store/activity-failures.ts). */
export interface PairingActivityFailuresTable {
  pairing_id: string;
  activity: string;
  attempts: number;
  last_failure: string;
  since: Timestamp;
  updated_at: Timestamp;
}

/** A subsidy payroll as its workflow last stored it; its lines are in payroll_lines. */
export interface PayrollsTable {
  payroll_id: string;
  program: string;
  period: string;
  stage: 'DRAFT' | 'PENDING_APPROVAL' | 'DISBURSING' | 'RECONCILED';
  submitted_by: string | null;
  approved_by: string | null;
  rejections: ColumnType<unknown, string | undefined, string>;
  dropped: ColumnType<unknown, string | undefined, string>;
  totals: ColumnType<unknown, string, string>;
  paid_fen: ColumnType<number, number | undefined, number>;
  batch_count: number | null;
  batches_done: ColumnType<number, number | undefined, number>;
  failing_attempts: ColumnType<number, number | undefined, number>;
  last_failure: string | null;
  failing_since: Date | null;
  discrepancy: string | null;
  discrepancy_since: Date | null;
  opened_at: Date;
  stage_entered_at: Date;
  updated_at: Date;
}

/** One line of a payroll: a month of an enrolment, its key at the bank, and what became of it. */
export interface PayrollLinesTable {
  payroll_id: string;
  bank_key: string;
  program: string;
  enrolment_id: string;
  person_id: string;
  month: string;
  amount_fen: Int8;
  status: 'DRAFT' | 'SENT' | 'PAID' | 'RETURNED' | 'DROPPED';
  reason: string | null;
  bank_reference: string | null;
  batch_no: number | null;
  updated_at: GeneratedTimestamp;
}

/** Who downloaded a payroll's bank file (full account numbers), when, and as what. */
export interface PayrollBankFileDownloadsTable {
  download_id: Generated<string>;
  payroll_id: string;
  downloaded_by: string;
  role: string;
  format: 'csv' | 'xlsx';
  downloaded_at: GeneratedTimestamp;
}

/** The sandbox bank's switches (one row, `bank`). */
export interface SandboxBankSettingsTable {
  bank: string;
  mode: string;
  failure_rate: number;
  latency_ms: number;
  return_accounts: ColumnType<unknown, string, string>;
  updated_at: Date;
}

/** The sandbox bank's own books: one answer per payroll and key, one payment per key ever. */
export interface SandboxBankRecordsTable {
  record_id: Generated<string>;
  key: string;
  payroll_id: string;
  batch_no: number;
  status: 'PAID' | 'RETURNED';
  amount_fen: Int8;
  reason: string | null;
  reference: string;
  recorded_at: GeneratedTimestamp;
}

/** An imported monthly list of life events (store/life-event-batches.ts). */
export interface LifeEventBatchesTable {
  batch_id: string;
  imported_at: GeneratedTimestamp;
  imported_by: string;
  /** Who imported it, as the rows are applied in their name: { sub, role, town? }. */
  importer: ColumnType<Record<string, unknown>, string, string>;
  file_name: string | null;
  rows: number;
  status: string;
  done: ColumnType<number, number | undefined, number>;
  /** The rows that could not be read: [{ row, line, errors }], messages in English. */
  failed: ColumnType<unknown[], string, string>;
  finished_at: ColumnType<Date | null, never, Date | string | null>;
}

/** One readable row of an imported list; its ID number sealed (store/life-event-batches.ts). */
export interface LifeEventBatchRowsTable {
  batch_id: string;
  row: number;
  line: number;
  id_number_sealed: string;
  id_number_index: string;
  name: string;
  type: string;
  on_day: string;
  source: string;
  assistance_category: string | null;
  status: string;
  person_id: string | null;
  registry_name: string | null;
  effects: ColumnType<unknown[] | null, string | null, string | null>;
  decided_by: string | null;
  decided_at: ColumnType<Date | null, never, Date | string | null>;
  reason: string | null;
}

export interface Database {
  case_events: CaseEventsTable;
  cases: CasesTable;
  claims: ClaimsTable;
  case_registrations: CaseRegistrationsTable;
  sandbox_payer_settings: SandboxPayerSettingsTable;
  sandbox_claims: SandboxClaimsTable;
  activity_failures: ActivityFailuresTable;
  claim_proposals: ClaimProposalsTable;
  payment_discrepancies: PaymentDiscrepanciesTable;
  persons: PersonsTable;
  case_persons: CasePersonsTable;
  person_life_events: PersonLifeEventsTable;
  users: UsersTable;
  revoked_tokens: RevokedTokensTable;
  sign_in_audit: SignInAuditTable;
  enrolment_events: EnrolmentEventsTable;
  enrolments: EnrolmentsTable;
  enrolment_months: EnrolmentMonthsTable;
  subsidy_policies: SubsidyPoliciesTable;
  pairing_events: PairingEventsTable;
  pairings: PairingsTable;
  pairing_notes: PairingNotesTable;
  pairing_activity_failures: PairingActivityFailuresTable;
  enrolment_activity_failures: EnrolmentActivityFailuresTable;
  payrolls: PayrollsTable;
  payroll_lines: PayrollLinesTable;
  payroll_bank_file_downloads: PayrollBankFileDownloadsTable;
  sandbox_bank_settings: SandboxBankSettingsTable;
  sandbox_bank_records: SandboxBankRecordsTable;
  life_event_batches: LifeEventBatchesTable;
  life_event_batch_rows: LifeEventBatchRowsTable;
}

export type CaseRow = Selectable<CasesTable>;
