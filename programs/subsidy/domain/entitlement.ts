/**
 * The months an enrolment is owed, and how much for each: the one computation that the enrolment's
 * page, the payroll and the overpayment check all use.
 *
 * - From the month of the application through the month in which a termination takes effect: a
 *   death on 17 March is paid for March and not for April (次月停发).
 * - The amount for a month is the standard in force that month; for the nursing subsidy, for the
 *   grade in force that month, where a grade change takes effect from the month after its day.
 * - A suspended month is owed but not payable, unless the enrolment was reinstated with back pay.
 * - A month the policy pays nothing for (before its first standard, or a grade it has no amount
 *   for) is not an entitled month at all.
 */
import { compareMonths, monthOfDay, monthsFromThrough, nextMonth, type Day, type Month } from './month';
import type { SubsidyPolicy } from './policy.schema';
import type { DisabilityGrade, SubsidyProgram } from './programs';
import { monthlyAmountFen } from './standards';

export interface GradeChange {
  on: Day;
  /** Null when the certificate was withdrawn. */
  grade: DisabilityGrade | null;
}

export interface Suspension {
  fromMonth: Month;
  /** The month of the reinstatement, which is itself payable again; null while still suspended. */
  reinstatedIn: Month | null;
  backPay: boolean;
}

export interface Termination {
  /** The day it takes effect; its month is the last one owed. */
  on: Day;
}

export interface EntitlementFacts {
  program: SubsidyProgram;
  appliedOn: Day;
  /** The grade when the person applied, in force from the application month. */
  initialGrade: DisabilityGrade | null;
  /** Later changes, in the order they were recorded. */
  gradeChanges: readonly GradeChange[];
  suspensions: readonly Suspension[];
  termination: Termination | null;
}

export type EntitledMonthStatus = 'PAYABLE' | 'SUSPENDED';

export interface EntitledMonth {
  month: Month;
  amountFen: number;
  /** `SUSPENDED`: owed, but not to be paid unless a reinstatement with back pay releases it. */
  status: EntitledMonthStatus;
}

/** The month a grade change takes effect: the month after its day. */
export function gradeEffectiveFrom(change: GradeChange): Month {
  return nextMonth(monthOfDay(change.on));
}

/** The grade in force in `month`: the latest change effective by then (the later recorded one on a tie), else the initial grade. */
export function gradeInForce(facts: Pick<EntitlementFacts, 'initialGrade' | 'gradeChanges'>, month: Month): DisabilityGrade | null {
  let grade = facts.initialGrade;
  let effectiveFrom: Month | undefined;
  for (const change of facts.gradeChanges) {
    const from = gradeEffectiveFrom(change);
    if (compareMonths(from, month) > 0) continue;
    if (effectiveFrom === undefined || compareMonths(from, effectiveFrom) >= 0) {
      grade = change.grade;
      effectiveFrom = from;
    }
  }
  return grade;
}

/** The last month owed, when a termination has taken effect. */
export function lastEntitledMonth(facts: Pick<EntitlementFacts, 'termination'>): Month | null {
  return facts.termination ? monthOfDay(facts.termination.on) : null;
}

function isSuspended(suspensions: readonly Suspension[], month: Month): boolean {
  return suspensions.some(
    (suspension) =>
      !suspension.backPay &&
      compareMonths(suspension.fromMonth, month) <= 0 &&
      (suspension.reinstatedIn === null || compareMonths(month, suspension.reinstatedIn) < 0),
  );
}

/** Every entitled month from the application month through `through` (or the termination month, if earlier). */
export function entitledMonths(facts: EntitlementFacts, policy: SubsidyPolicy, through: Month): EntitledMonth[] {
  const last = lastEntitledMonth(facts);
  const end = last !== null && compareMonths(last, through) < 0 ? last : through;
  const months: EntitledMonth[] = [];
  for (const month of monthsFromThrough(monthOfDay(facts.appliedOn), end)) {
    const amountFen = monthlyAmountFen(policy, facts.program, month, gradeInForce(facts, month));
    if (amountFen === undefined) continue;
    months.push({ month, amountFen, status: isSuspended(facts.suspensions, month) ? 'SUSPENDED' : 'PAYABLE' });
  }
  return months;
}

/** The payable part of an entitlement: what a payroll may pay (less what was paid already). */
export function payableMonths(months: readonly EntitledMonth[]): EntitledMonth[] {
  return months.filter((month) => month.status === 'PAYABLE');
}
