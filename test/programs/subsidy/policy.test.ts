import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SubsidyPolicyError } from '../../../programs/subsidy/domain/policy.error';
import { parseSubsidyPolicy } from '../../../programs/subsidy/domain/policy.schema';
import { standardInForce } from '../../../programs/subsidy/domain/standards';
import { loadSubsidyPolicy } from '../../../programs/subsidy/policy-file';
import { defaultPolicyJson, defaultSubsidyPolicy } from './fixtures';

/** The refusal's message, which must be one line naming the field. */
function refusal(change: (json: Record<string, any>) => void): string {
  const json = defaultPolicyJson();
  change(json);
  try {
    parseSubsidyPolicy(json);
  } catch (error) {
    expect(error).toBeInstanceOf(SubsidyPolicyError);
    const message = (error as Error).message;
    expect(message).not.toMatch(/[\r\n]/);
    return message;
  }
  throw new Error('the policy was accepted');
}

describe('the subsidy policy file', () => {
  it('loads the shipped default as the design states it', () => {
    const policy = defaultSubsidyPolicy();
    expect(policy.version).toBe('gansu-2026-illustrative');
    expect(policy.noticeDays).toBe(5);
    expect(policy.standards.map((s) => s.from)).toEqual(['2025-01', '2026-07']);
    expect(policy.eligibility.NURSING_SUBSIDY).toEqual({ grades: [1, 2], requiresLongTermCare: true, excludedCategories: ['TEKUN'] });
    expect(policy.eligibility.LIVING_SUBSIDY).toEqual({ grades: [1, 2, 3, 4], requiresLongTermCare: false, requiredCategories: ['DIBAO'], excludedCategories: [] });
  });

  it('finds the standard in force: the last one starting on or before the month', () => {
    const policy = defaultSubsidyPolicy();
    expect(standardInForce(policy, '2024-12')).toBeUndefined();
    expect(standardInForce(policy, '2025-01')?.from).toBe('2025-01');
    expect(standardInForce(policy, '2026-06')?.from).toBe('2025-01');
    expect(standardInForce(policy, '2026-07')?.from).toBe('2026-07');
    expect(standardInForce(policy, '2031-01')?.from).toBe('2026-07');
  });

  it('refuses an amount that is not a whole number of fen', () => {
    expect(refusal((j) => (j.standards[1].NURSING_SUBSIDY['2'] = 9000.5))).toBe(
      'invalid subsidy policy: standards[1].NURSING_SUBSIDY.2: must be a whole number of fen (an integer)',
    );
  });

  it('refuses a negative amount', () => {
    expect(refusal((j) => (j.standards[0].LIVING_SUBSIDY = -1))).toBe('invalid subsidy policy: standards[0].LIVING_SUBSIDY: must not be negative');
  });

  it('refuses an amount given as text', () => {
    expect(refusal((j) => (j.standards[0].LIVING_SUBSIDY = '12000'))).toBe('invalid subsidy policy: standards[0].LIVING_SUBSIDY: must be a number of fen');
  });

  it('refuses standards out of order', () => {
    expect(refusal((j) => j.standards.reverse())).toBe(
      'invalid subsidy policy: standards[1].from: is earlier than standards[0].from (2026-07): standards must be sorted by from',
    );
  });

  it('refuses a month that starts two standards', () => {
    expect(refusal((j) => (j.standards[1].from = '2025-01'))).toBe(
      'invalid subsidy policy: standards[1].from: repeats the month of standards[0].from (2025-01): each month may start one standard only',
    );
  });

  it('refuses a from that is not a month', () => {
    expect(refusal((j) => (j.standards[1].from = '2026-13'))).toBe('invalid subsidy policy: standards[1].from: must be a month, YYYY-MM');
  });

  it('refuses an eligible grade without an amount in some standard', () => {
    expect(refusal((j) => delete j.standards[1].NURSING_SUBSIDY['2'])).toBe(
      'invalid subsidy policy: standards[1].NURSING_SUBSIDY.2: is required: grade 2 is eligible (eligibility.NURSING_SUBSIDY.grades)',
    );
  });

  it('accepts an amount for a grade that is not eligible, and pays it to nobody', () => {
    const json = defaultPolicyJson();
    json.standards[0].NURSING_SUBSIDY['3'] = 5000;
    expect(parseSubsidyPolicy(json).standards[0]!.NURSING_SUBSIDY['3']).toBe(5000);
  });

  it('refuses a standard without the living subsidy amount', () => {
    expect(refusal((j) => delete j.standards[0].LIVING_SUBSIDY)).toBe('invalid subsidy policy: standards[0].LIVING_SUBSIDY: is required');
  });

  it('refuses a grade outside 1 to 4 in eligibility', () => {
    expect(refusal((j) => (j.eligibility.LIVING_SUBSIDY.grades = [1, 5]))).toBe('invalid subsidy policy: eligibility.LIVING_SUBSIDY.grades[1]: must be a grade, 1 to 4');
  });

  it('refuses a category both required and excluded', () => {
    expect(refusal((j) => (j.eligibility.LIVING_SUBSIDY.excludedCategories = ['DIBAO']))).toBe(
      'invalid subsidy policy: eligibility.LIVING_SUBSIDY.excludedCategories: excludes DIBAO, which requiredCategories requires: nobody could qualify',
    );
  });

  it('refuses an unknown field by its name', () => {
    expect(refusal((j) => (j.eligibility.NURSING_SUBSIDY.requiresLongtermCare = true))).toBe(
      'invalid subsidy policy: eligibility.NURSING_SUBSIDY.requiresLongtermCare: is not a field of the subsidy policy here',
    );
  });

  it('refuses a missing version and notice days', () => {
    expect(
      refusal((j) => {
        delete j.version;
        delete j.noticeDays;
      }),
    ).toBe('invalid subsidy policy: version: is required (a non-empty string); noticeDays: is required (a number of days)');
  });

  it('names the file when loading from disk', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'subsidy-policy-'));
    const file = path.join(dir, 'policy.json');
    const json = defaultPolicyJson();
    json.standards[0].NURSING_SUBSIDY['1'] = -5;
    writeFileSync(file, JSON.stringify(json));
    expect(() => loadSubsidyPolicy(file)).toThrow(`subsidy policy file ${file}: standards[0].NURSING_SUBSIDY.1: must not be negative`);
    writeFileSync(file, '{ not json');
    expect(() => loadSubsidyPolicy(file)).toThrow(/^subsidy policy file .*: \(file\): is not valid JSON/);
    expect(() => loadSubsidyPolicy(path.join(dir, 'missing.json'))).toThrow(/: \(file\): cannot be read/);
  });
});
