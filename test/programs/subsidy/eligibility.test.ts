import { eligibility } from '../../../programs/subsidy/domain/eligibility';
import type { PersonFacts } from '../../../programs/subsidy/domain/person-facts';
import { defaultSubsidyPolicy, severelyDisabledOnDibao } from './fixtures';

const policy = defaultSubsidyPolicy();

describe('eligibility under the default policy', () => {
  it('admits a grade-1 person in long-term care on 低保 to both subsidies', () => {
    expect(eligibility(severelyDisabledOnDibao, 'NURSING_SUBSIDY', policy)).toEqual({ eligible: true, reasons: [] });
    expect(eligibility(severelyDisabledOnDibao, 'LIVING_SUBSIDY', policy)).toEqual({ eligible: true, reasons: [] });
  });

  it('refuses the living subsidy to a person not on 低保, with the reason', () => {
    const person: PersonFacts = { ...severelyDisabledOnDibao, assistanceCategory: 'RETURNED_POOR' };
    expect(eligibility(person, 'LIVING_SUBSIDY', policy)).toEqual({ eligible: false, reasons: ['CATEGORY_REQUIRED'] });
  });

  it('lists every failing reason at once', () => {
    const person: PersonFacts = { status: 'DECEASED', statusSince: '2026-03-17', assistanceCategory: 'TEKUN', disability: { grade: 3, longTermCare: false } };
    expect(eligibility(person, 'NURSING_SUBSIDY', policy).reasons).toEqual(['PERSON_INACTIVE', 'GRADE', 'LONG_TERM_CARE', 'CATEGORY_EXCLUDED']);
    const nobody: PersonFacts = { status: 'MOVED_OUT', statusSince: '2026-03-01', assistanceCategory: 'NONE', disability: null };
    expect(eligibility(nobody, 'LIVING_SUBSIDY', policy)).toEqual({ eligible: false, reasons: ['PERSON_INACTIVE', 'NO_DISABILITY', 'CATEGORY_REQUIRED'] });
  });

  it('refuses the nursing subsidy to a grade-2 person without long-term care, and to 特困 persons', () => {
    expect(eligibility({ ...severelyDisabledOnDibao, disability: { grade: 2, longTermCare: false } }, 'NURSING_SUBSIDY', policy).reasons).toEqual(['LONG_TERM_CARE']);
    expect(eligibility({ ...severelyDisabledOnDibao, assistanceCategory: 'TEKUN' }, 'NURSING_SUBSIDY', policy).reasons).toEqual(['CATEGORY_EXCLUDED']);
    expect(eligibility({ ...severelyDisabledOnDibao, disability: { grade: 3, longTermCare: true } }, 'NURSING_SUBSIDY', policy).reasons).toEqual(['GRADE']);
  });

  it('counts a person who died as active through the month of the death, and not after', () => {
    const died: PersonFacts = { ...severelyDisabledOnDibao, status: 'DECEASED', statusSince: '2026-06-17' };
    expect(eligibility(died, 'NURSING_SUBSIDY', policy, '2026-06').eligible).toBe(true);
    expect(eligibility(died, 'NURSING_SUBSIDY', policy, '2026-07').reasons).toEqual(['PERSON_INACTIVE']);
    expect(eligibility(died, 'NURSING_SUBSIDY', policy).reasons).toEqual(['PERSON_INACTIVE']);
  });
});
