import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parsePolicy, PolicyError } from '../../programs/surgery/domain/policy/index';
import { loadPolicyFile } from '../../programs/surgery/domain/policy/policy.file';
import { HOSPITAL_LEVELS } from '../../programs/surgery/domain/stages';
import { defaultPolicy, DEFAULT_POLICY_FILE } from './policy.fixtures';

// Drafts are deliberately untyped: these tests write what the Policy type forbids, as a bad file would.
type PolicyDraft = any;

/** The default policy as plain JSON, changed by `change`, then validated; returns the error message. */
function problemWith(change: (draft: PolicyDraft) => void, levels = HOSPITAL_LEVELS): string {
  const draft: PolicyDraft = structuredClone(defaultPolicy);
  change(draft);
  try {
    parsePolicy(draft, levels);
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError);
    return (error as PolicyError).message;
  }
  throw new Error('the policy was accepted');
}

describe('parsePolicy', () => {
  it('accepts the shipped default policy with its figures', () => {
    expect(defaultPolicy.version).toBe('gansu-2025-illustrative');
    expect(defaultPolicy.basicInsurance.byHospitalLevel.TERTIARY_A).toEqual({ deductibleFen: 140_000, ratioBp: 6500 });
    expect(defaultPolicy.criticalIllness.bands).toHaveLength(5);
    expect(defaultPolicy.criticalIllness.vulnerable.categories).toEqual(['TEKUN', 'DIBAO', 'RETURNED_POOR']);
    expect(defaultPolicy.disabilityAssistance).toEqual({ requiresCertificate: true, ratioBp: 10_000, capFen: 1_600_000 });
  });

  it('refuses a non-integer figure, naming the field', () => {
    expect(problemWith((p) => (p.basicInsurance.capFen = 1.5))).toContain('basicInsurance.capFen: must be an integer');
    expect(problemWith((p) => (p.criticalIllness.bands[3].fromFen = 1e20))).toContain('criticalIllness.bands[3].fromFen: must be an integer');
    expect(problemWith((p) => (p.medicalAssistance.byCategory.TEKUN.capFen = '100'))).toContain('medicalAssistance.byCategory.TEKUN.capFen: must be a number');
  });

  it('refuses a negative figure, naming the field', () => {
    expect(problemWith((p) => (p.criticalIllness.deductibleFen = -1))).toContain('criticalIllness.deductibleFen: must be ≥ 0');
    expect(problemWith((p) => (p.basicInsurance.byHospitalLevel.PRIMARY.deductibleFen = -200))).toContain(
      'basicInsurance.byHospitalLevel.PRIMARY.deductibleFen: must be ≥ 0',
    );
  });

  it('refuses a ratio over 10000 basis points, naming the field', () => {
    expect(problemWith((p) => (p.basicInsurance.byHospitalLevel.TERTIARY.ratioBp = 10_001))).toContain(
      'basicInsurance.byHospitalLevel.TERTIARY.ratioBp: must be ≤ 10000 (100%)',
    );
    expect(problemWith((p) => (p.criticalIllness.vulnerable.deductibleFactorBp = 20_000))).toContain('criticalIllness.vulnerable.deductibleFactorBp: must be ≤ 10000');
    expect(problemWith((p) => (p.disabilityAssistance.ratioBp = 10_000.5))).toContain('disabilityAssistance.ratioBp: must be an integer');
    // 10000 itself is allowed.
    expect(() => parsePolicy({ ...structuredClone(defaultPolicy), disabilityAssistance: { requiresCertificate: true, ratioBp: 10_000, capFen: 0 } }, HOSPITAL_LEVELS)).not.toThrow();
  });

  it('refuses bands out of order or with equal fromFen', () => {
    expect(problemWith((p) => (p.criticalIllness.bands[2].fromFen = 900_000))).toContain(
      'criticalIllness.bands[2].fromFen: must be greater than bands[1].fromFen (1000000)',
    );
    expect(problemWith((p) => (p.criticalIllness.bands[1].fromFen = 500_000))).toContain('criticalIllness.bands[1].fromFen: must be greater than bands[0].fromFen');
    expect(problemWith((p) => (p.criticalIllness.bands = []))).toContain('criticalIllness.bands: must list at least one band');
  });

  it('refuses a policy that lacks a hospital level in use, and accepts it when no hospital has that level', () => {
    const message = problemWith((p) => delete p.basicInsurance.byHospitalLevel.SECONDARY);
    expect(message).toContain('basicInsurance.byHospitalLevel.SECONDARY: is required');
    const withoutSecondary: PolicyDraft = structuredClone(defaultPolicy);
    delete withoutSecondary.basicInsurance.byHospitalLevel.SECONDARY;
    expect(() => parsePolicy(withoutSecondary, ['TERTIARY_A', 'PRIMARY'])).not.toThrow();
  });

  it('refuses missing fields, unknown fields and unknown categories', () => {
    expect(problemWith((p) => delete p.disabilityAssistance.capFen)).toContain('disabilityAssistance.capFen: is required');
    expect(problemWith((p) => delete p.version)).toContain('version: is required');
    expect(problemWith((p) => (p.version = '  '))).toContain('version: must not be empty');
    expect(problemWith((p) => (p.basicInsurance.capfen = 1))).toContain('basicInsurance.capfen: is not a field of the policy file');
    expect(problemWith((p) => (p.basicInsurance.byHospitalLevel.CLINIC = { deductibleFen: 0, ratioBp: 0 }))).toContain('basicInsurance.byHospitalLevel.CLINIC');
    expect(problemWith((p) => (p.medicalAssistance.byCategory.NONE = { deductibleFen: 0, ratioBp: 0, capFen: 0 }))).toContain('medicalAssistance.byCategory.NONE');
    expect(problemWith((p) => (p.criticalIllness.vulnerable.categories = ['DIBAO', 'POOR']))).toContain(
      'criticalIllness.vulnerable.categories[1]: must be one of TEKUN, DIBAO, RETURNED_POOR',
    );
    expect(problemWith((p) => (p.disabilityAssistance.requiresCertificate = 'yes'))).toContain('disabilityAssistance.requiresCertificate: must be true or false');
  });

  it('lists every problem at once', () => {
    const message = problemWith((p) => {
      p.basicInsurance.capFen = -1;
      p.criticalIllness.bands[4].ratioBp = 10_500;
    });
    expect(message).toBe('invalid policy: basicInsurance.capFen: must be ≥ 0; criticalIllness.bands[4].ratioBp: must be ≤ 10000 (100%)');
  });

  it('refuses something that is not a policy object', () => {
    expect(() => parsePolicy(42, HOSPITAL_LEVELS)).toThrow('invalid policy: (policy): must be an object');
    expect(() => parsePolicy(null, HOSPITAL_LEVELS)).toThrow(PolicyError);
  });

  it('exposes each problem as a path and a message', () => {
    try {
      parsePolicy({ ...structuredClone(defaultPolicy), criticalIllness: { ...defaultPolicy.criticalIllness, capFen: -5 } }, HOSPITAL_LEVELS);
      throw new Error('accepted');
    } catch (error) {
      expect((error as PolicyError).issues).toEqual([{ path: 'criticalIllness.capFen', message: 'must be ≥ 0' }]);
    }
  });
});

describe('loadPolicyFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'policy-test-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the default policy file', () => {
    expect(loadPolicyFile(DEFAULT_POLICY_FILE, HOSPITAL_LEVELS).version).toBe('gansu-2025-illustrative');
  });

  it('names the file when it is missing, not JSON, or invalid', () => {
    const missing = path.join(dir, 'missing.json');
    expect(() => loadPolicyFile(missing, HOSPITAL_LEVELS)).toThrow(`policy file ${missing}: (file): cannot be read`);

    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{ "version": ');
    expect(() => loadPolicyFile(broken, HOSPITAL_LEVELS)).toThrow(`policy file ${broken}: (file): is not valid JSON`);

    const invalid = path.join(dir, 'invalid.json');
    writeFileSync(invalid, JSON.stringify({ ...defaultPolicy, version: 'district-x', basicInsurance: { ...defaultPolicy.basicInsurance, capFen: 0.5 } }));
    expect(() => loadPolicyFile(invalid, HOSPITAL_LEVELS)).toThrow(`policy file ${invalid}: basicInsurance.capFen: must be an integer`);
  });
});
