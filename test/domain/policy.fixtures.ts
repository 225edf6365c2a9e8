/** Shared builders for the policy tests: the default policy as shipped, and cases around it. */
import path from 'node:path';
import { parsePolicy, type ClaimContext, type Policy } from '../../programs/surgery/domain/policy/index';
import { loadPolicyFile } from '../../programs/surgery/domain/policy/policy.file';
import { HOSPITAL_LEVELS, type HospitalLevel } from '../../programs/surgery/domain/stages';

export const DEFAULT_POLICY_FILE = path.join(__dirname, '..', '..', 'config', 'policy.default.json');

export const defaultPolicy: Policy = loadPolicyFile(DEFAULT_POLICY_FILE, HOSPITAL_LEVELS);

/** A deep copy of the default policy with some sections changed, validated like a real file. */
export function policyWith(change: (draft: Policy) => void, hospitalLevelsInUse: readonly HospitalLevel[] = HOSPITAL_LEVELS): Policy {
  const draft = structuredClone(defaultPolicy);
  change(draft);
  return parsePolicy(draft, hospitalLevelsInUse);
}

/** the policy's worked example, with any field replaced. */
export function caseContext(overrides: Partial<ClaimContext> = {}): ClaimContext {
  return {
    bill: { totalFen: 12_000_000, policyScopeFen: 9_000_000 },
    insured: true,
    assistanceCategory: 'DIBAO',
    disabilityCertificate: 'CDPF-TEST-0001',
    hospitalLevel: 'TERTIARY_A',
    ...overrides,
  };
}
