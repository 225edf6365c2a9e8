/**
 * The enrolment as a given caller may see it: the reducer's state, the person's name and town from
 * the registry, the months owed with what the payroll has done with each, and the personal
 * numbers masked for the roles that do not need them (domain/disclosure.ts).
 */
import type { Role } from '../../../domain/actor';
import { maskAccountNumber, seesFullAccountNumber, seesFullIdNumber } from '../../../domain/disclosure';
import { maskIdNumber, scrubIdNumbers } from '../../../domain/id-number';
import { enrolmentEntitlement, type EnrolmentEvent, type EnrolmentState, type Month, type SubsidyPolicy } from '../domain/index';
import type { EnrolmentEventView, EnrolmentMonthView, EnrolmentSummary, EnrolmentView, MonthStatus } from './schemas';

/** The registry's fields an enrolment shows of its person. */
export interface EnrolledPerson {
  name: string;
  idNumber: string;
  town: string;
}

/** A month as the months table holds it: the projection's PAYABLE/SUSPENDED rows, the payroll's others. */
export interface LedgerMonth {
  month: Month;
  amountFen: number;
  status: MonthStatus;
  payrollId: string | null;
}

/** The statuses a payroll gives a month; the others only say what the entitlement says. */
const PAYROLL_STATUSES: readonly MonthStatus[] = ['IN_PAYROLL', 'PAID', 'RETURNED'];

/**
 * Every month owed through `currentMonth`, with the payroll's status where a payroll has taken it
 * (and the amount it took), else the entitlement's. A paid month that is no longer owed (a death
 * reported late) is not listed: it is in `paidFen` and in the recovery.
 */
export function enrolmentMonths(state: EnrolmentState, policy: SubsidyPolicy | undefined, ledger: readonly LedgerMonth[], currentMonth: Month): EnrolmentMonthView[] {
  if (!policy) return [];
  const taken = new Map(ledger.filter((row) => PAYROLL_STATUSES.includes(row.status)).map((row) => [row.month, row]));
  return enrolmentEntitlement(state, policy, currentMonth).map((owed) => {
    const row = taken.get(owed.month);
    return row ? { month: owed.month, amountFen: row.amountFen, status: row.status, payrollId: row.payrollId } : { month: owed.month, amountFen: owed.amountFen, status: owed.status, payrollId: null };
  });
}

/** What the bank has paid for the enrolment: every PAID month, owed or not. */
export function paidFenOf(ledger: readonly LedgerMonth[]): number {
  return ledger.reduce((sum, row) => (row.status === 'PAID' ? sum + row.amountFen : sum), 0);
}

export function presentEnrolmentSummary(state: EnrolmentState, person: EnrolledPerson, paidFen: number, role: Role): EnrolmentSummary {
  return {
    enrolmentId: state.enrolmentId,
    program: state.program,
    personId: state.personId,
    stage: state.stage,
    appliedOn: state.appliedOn,
    overdue: state.overdue,
    openedAt: state.openedAt,
    stageEnteredAt: state.stageEnteredAt,
    updatedAt: state.updatedAt,
    person: { name: person.name, idNumber: seesFullIdNumber(role) ? person.idNumber : maskIdNumber(person.idNumber), town: person.town },
    bankAccount: { bank: state.bankAccount.bank, accountNo: presentAccountNumber(state.bankAccount.accountNo, role) },
    townReview: state.townReview,
    cdpfReview: state.cdpfReview,
    decision: state.decision,
    noticeEndsAt: state.stage === 'PUBLIC_NOTICE' ? state.noticeEndsAt : null,
    activeFrom: state.activeFrom,
    terminatedAfter: state.termination?.terminatedAfter ?? null,
    terminationReason: state.termination?.reason ?? null,
    rejection: state.rejection,
    withdrawal: state.withdrawal,
    paidFen,
    recovery: state.recovery,
  };
}

export function presentEnrolment(state: EnrolmentState, person: EnrolledPerson, policy: SubsidyPolicy | undefined, ledger: readonly LedgerMonth[], currentMonth: Month, role: Role): EnrolmentView {
  const summary = presentEnrolmentSummary(state, person, paidFenOf(ledger), role);
  return { ...summary, months: enrolmentMonths(state, policy, ledger, currentMonth) };
}

// An account number is never taken for an ID number: a 19-digit card number holds 18-digit runs.
function presentAccountNumber(accountNo: string, role: Role): string {
  return seesFullAccountNumber(role) ? accountNo : maskAccountNumber(accountNo);
}

/** An event as the caller may read it: account numbers masked as in the enrolment, and any ID number in free text for those who may not see it. */
export function presentEnrolmentEvent(event: EnrolmentEvent, role: Role): EnrolmentEventView {
  return {
    seq: event.seq,
    type: event.type,
    occurredAt: event.occurredAt,
    actor: { role: event.actor.role, sub: event.actor.sub },
    data: maskDeep(event.data, role) as Record<string, unknown>,
  };
}

function maskDeep(value: unknown, role: Role): unknown {
  if (typeof value === 'string') return seesFullIdNumber(role) ? value : scrubIdNumbers(value);
  if (Array.isArray(value)) return value.map((member) => maskDeep(member, role));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, member]) => [
        key,
        key === 'accountNo' && typeof member === 'string' ? presentAccountNumber(member, role) : maskDeep(member, role),
      ]),
    );
  }
  return value;
}
