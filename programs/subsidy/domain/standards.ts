/**
 * Which monthly standard applies to a month, and what it pays. Pure, and free of the policy file's
 * schema (zod): the enrolment's workflow computes months with it, and loads only what it needs.
 */
import { compareMonths, type Month } from './month';
import type { GRADE_KEYS, SubsidyPolicy, SubsidyStandard } from './policy.schema';
import type { DisabilityGrade, SubsidyProgram } from './programs';

/** The standard in force in `month`: the last entry whose `from` is not after it (the list is sorted). */
export function standardInForce(policy: SubsidyPolicy, month: Month): SubsidyStandard | undefined {
  let found: SubsidyStandard | undefined;
  for (const standard of policy.standards) {
    if (compareMonths(standard.from, month) > 0) break;
    found = standard;
  }
  return found;
}

/**
 * What the program pays for `month`: the nursing subsidy by the person's grade in that month, the
 * living subsidy a flat amount. Undefined when nothing is owed by the policy: a month before the
 * first standard, or a grade the standard has no amount for (a grade that is not eligible).
 */
export function monthlyAmountFen(policy: SubsidyPolicy, program: SubsidyProgram, month: Month, grade: DisabilityGrade | null): number | undefined {
  const standard = standardInForce(policy, month);
  if (!standard) return undefined;
  if (program === 'LIVING_SUBSIDY') return standard.LIVING_SUBSIDY;
  return grade === null ? undefined : nursingAmountFen(standard, grade);
}

/** The amount of a standard for a nursing grade, or undefined when the standard has none. */
export function nursingAmountFen(standard: SubsidyStandard, grade: DisabilityGrade): number | undefined {
  return standard.NURSING_SUBSIDY[String(grade) as (typeof GRADE_KEYS)[number]];
}
