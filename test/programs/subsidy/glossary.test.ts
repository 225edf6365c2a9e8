import { LANGS } from '../../../domain/i18n/lang';
import { INELIGIBILITY_REASONS } from '../../../programs/subsidy/domain/eligibility';
import * as glossary from '../../../programs/subsidy/domain/glossary';
import { SUBSIDY_PROGRAMS } from '../../../programs/subsidy/domain/programs';
import { ENROLMENT_STAGES } from '../../../programs/subsidy/domain/stages';

describe('the subsidy glossary', () => {
  it('names every stage, program and reason', () => {
    expect(Object.keys(glossary.ENROLMENT_STAGE_TERMS).sort()).toEqual([...ENROLMENT_STAGES].sort());
    expect(Object.keys(glossary.SUBSIDY_PROGRAM_TERMS).sort()).toEqual([...SUBSIDY_PROGRAMS].sort());
    expect(Object.keys(glossary.INELIGIBILITY_REASON_TERMS).sort()).toEqual([...INELIGIBILITY_REASONS].sort());
  });

  it('writes every term in every language, the Chinese in Chinese', () => {
    for (const table of Object.values(glossary)) {
      for (const texts of Object.values(table)) {
        for (const lang of LANGS) expect(texts[lang].trim()).not.toBe('');
        expect(texts['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });
});
