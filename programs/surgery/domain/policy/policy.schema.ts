/**
 * The reimbursement policy file: its zod schema, its type and its validation.
 * A district replaces the default figures with its own, so a file that breaks a rule is refused
 * at load with a message naming the field, never half-applied.
 */
import { z } from 'zod';
import { HOSPITAL_LEVELS, type HospitalLevel } from '../stages';
import { type AssistanceCategory } from '../../../../domain/fields';
import { FULL_RATIO_BP } from './policy.arithmetic';
import { PolicyError, type PolicyIssue } from './policy.error';

/** The categories a policy may name; `NONE` never qualifies for assistance, so it has no entry. */
export const POLICY_CATEGORIES = ['TEKUN', 'DIBAO', 'RETURNED_POOR'] as const satisfies readonly AssistanceCategory[];

const figureFen = z
  .number({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a number') })
  .int({ error: 'must be an integer (a safe integer number of fen)' })
  .min(0, { error: 'must be ≥ 0' });

const ratioBp = z
  .number({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a number') })
  .int({ error: 'must be an integer number of basis points' })
  .min(0, { error: 'must be ≥ 0' })
  .max(FULL_RATIO_BP, { error: `must be ≤ ${FULL_RATIO_BP} (100%)` });

const policyCategory = z.enum(POLICY_CATEGORIES, { error: `must be one of ${POLICY_CATEGORIES.join(', ')}` });

const band = z.strictObject({ fromFen: figureFen, ratioBp });

const bands = z
  .array(band)
  .min(1, { error: 'must list at least one band' })
  .superRefine((list, ctx) => {
    list.forEach((current, i) => {
      const previous = i > 0 ? list[i - 1] : undefined;
      if (previous && current.fromFen <= previous.fromFen) {
        ctx.addIssue({ code: 'custom', path: [i, 'fromFen'], message: `must be greater than bands[${i - 1}].fromFen (${previous.fromFen})` });
      }
    });
  });

export const policySchema = z.strictObject({
  version: z.string({ error: 'is required (a non-empty string)' }).trim().min(1, { error: 'must not be empty' }),
  basicInsurance: z.strictObject({
    byHospitalLevel: z.partialRecord(z.enum(HOSPITAL_LEVELS), z.strictObject({ deductibleFen: figureFen, ratioBp })),
    capFen: figureFen,
  }),
  criticalIllness: z.strictObject({
    deductibleFen: figureFen,
    bands,
    capFen: figureFen,
    vulnerable: z.strictObject({
      categories: z.array(policyCategory),
      deductibleFactorBp: ratioBp,
      ratioBonusBp: ratioBp,
      noCap: z.boolean({ error: 'must be true or false' }),
    }),
  }),
  medicalAssistance: z.strictObject({
    byCategory: z.partialRecord(policyCategory, z.strictObject({ deductibleFen: figureFen, ratioBp, capFen: figureFen })),
  }),
  disabilityAssistance: z.strictObject({
    requiresCertificate: z.boolean({ error: 'must be true or false' }),
    ratioBp,
    capFen: figureFen,
  }),
});

export type Policy = z.infer<typeof policySchema>;

/** Validates a parsed policy file; throws `PolicyError` naming every field that breaks a rule. */
export function parsePolicy(json: unknown, hospitalLevelsInUse: readonly HospitalLevel[]): Policy {
  const result = policySchema.safeParse(json, { error: genericMessage });
  if (!result.success) throw new PolicyError(result.error.issues.flatMap(toPolicyIssues));
  const policy = result.data;
  const missing = [...new Set(hospitalLevelsInUse)].filter((level) => !policy.basicInsurance.byHospitalLevel[level]);
  if (missing.length > 0) {
    throw new PolicyError(
      missing.map((level) => ({ path: `basicInsurance.byHospitalLevel.${level}`, message: 'is required: the hospital registry has hospitals of this level' })),
    );
  }
  return policy;
}

// Messages for the checks that carry no message of their own (missing fields, wrong types, enums).
function genericMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be ${issue.expected === 'object' || issue.expected === 'record' ? 'an object' : `a ${issue.expected}`}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    default:
      return undefined;
  }
}

function toPolicyIssues(issue: z.core.$ZodIssue): PolicyIssue[] {
  // zod reports unknown keys on the parent; name each key instead, since a typo is the usual cause.
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: 'is not a field of the policy file here' }));
  }
  return [{ path: formatPath(issue.path), message: issue.message }];
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(policy)';
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text === '' ? String(key) : `${text}.${String(key)}`), '');
}
