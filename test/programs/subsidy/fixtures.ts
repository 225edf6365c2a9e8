/** Shared fixtures for the subsidy tests: the shipped default policy and a few people. */
import { DEFAULT_SUBSIDY_POLICY_FILE, loadSubsidyPolicy } from '../../../programs/subsidy/policy-file';
import type { PersonFacts } from '../../../programs/subsidy/domain/person-facts';
import type { SubsidyPolicy } from '../../../programs/subsidy/domain/policy.schema';

export function defaultSubsidyPolicy(): SubsidyPolicy {
  return loadSubsidyPolicy(DEFAULT_SUBSIDY_POLICY_FILE);
}

/** The default file's text as a plain object, to break one rule at a time. */
export function defaultPolicyJson(): Record<string, any> {
  return {
    version: 'gansu-2026-illustrative',
    noticeDays: 5,
    standards: [
      { from: '2025-01', NURSING_SUBSIDY: { '1': 10000, '2': 8000 }, LIVING_SUBSIDY: 12000 },
      { from: '2026-07', NURSING_SUBSIDY: { '1': 11000, '2': 9000 }, LIVING_SUBSIDY: 13000 },
    ],
    eligibility: {
      NURSING_SUBSIDY: { grades: [1, 2], requiresLongTermCare: true, excludedCategories: ['TEKUN'] },
      LIVING_SUBSIDY: { grades: [1, 2, 3, 4], requiredCategories: ['DIBAO'], excludedCategories: [] },
    },
  };
}

/** Grade 1, long-term care, on 低保: eligible for both subsidies. */
export const severelyDisabledOnDibao: PersonFacts = { status: 'ACTIVE', assistanceCategory: 'DIBAO', disability: { grade: 1, longTermCare: true } };
