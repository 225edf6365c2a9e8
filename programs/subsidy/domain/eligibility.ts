/**
 * Who the policy says may receive a subsidy. Every failing rule is reported, not the first one,
 * because a clerk refusing an application must be able to tell the applicant everything at once.
 */
import { compareMonths, monthOfDay, type Month } from './month';
import type { PersonFacts } from './person-facts';
import type { SubsidyPolicy } from './policy.schema';
import type { SubsidyProgram } from './programs';

/** In the order a clerk checks them: the person, the certificate, then the household's category. */
export const INELIGIBILITY_REASONS = ['PERSON_INACTIVE', 'NO_DISABILITY', 'GRADE', 'LONG_TERM_CARE', 'CATEGORY_REQUIRED', 'CATEGORY_EXCLUDED'] as const;
export type IneligibilityReason = (typeof INELIGIBILITY_REASONS)[number];

export interface Eligibility {
  eligible: boolean;
  reasons: IneligibilityReason[];
}

/**
 * Whether `person` is eligible for `program`, now or, given `month`, in that month.
 *
 * - A person who died or moved out is inactive from the month after the status date: the month of
 *   the death is still owed (the subsidy stops the next month), so with a `month` up to it the
 *   person still counts as active. Without a `month` only `ACTIVE` counts.
 * - Without a disability the grade and long-term-care rules cannot be checked at all, so
 *   `NO_DISABILITY` stands for them instead of being repeated as `GRADE` and `LONG_TERM_CARE`.
 */
export function eligibility(person: PersonFacts, program: SubsidyProgram, policy: SubsidyPolicy, month?: Month): Eligibility {
  const rule = policy.eligibility[program];
  const reasons: IneligibilityReason[] = [];
  if (!isActiveIn(person, month)) reasons.push('PERSON_INACTIVE');
  const disability = person.disability;
  if (!disability) {
    reasons.push('NO_DISABILITY');
  } else {
    if (!(rule.grades as readonly number[]).includes(disability.grade)) reasons.push('GRADE');
    if (rule.requiresLongTermCare && !disability.longTermCare) reasons.push('LONG_TERM_CARE');
  }
  if (rule.requiredCategories && !rule.requiredCategories.includes(person.assistanceCategory)) reasons.push('CATEGORY_REQUIRED');
  if (rule.excludedCategories.includes(person.assistanceCategory)) reasons.push('CATEGORY_EXCLUDED');
  return { eligible: reasons.length === 0, reasons };
}

function isActiveIn(person: PersonFacts, month: Month | undefined): boolean {
  if (person.status === 'ACTIVE') return true;
  if (month === undefined || person.statusSince === undefined) return false;
  return compareMonths(month, monthOfDay(person.statusSince)) <= 0;
}
