/**
 * The reimbursement policy file: its zod schema, its type and its validation.
 * A district replaces the default figures with its own, so a file that breaks a rule is refused
 * at load with a message naming the field, never half-applied.
 */
import { z } from 'zod';
import { HOSPITAL_LEVELS, type HospitalLevel } from '../stages';
import { type AssistanceCategory } from '../../../../domain/fields';
import { FULL_RATIO_BP } from './policy.arithmetic';
import { policyFileIssues, policyFileMessage } from '../../../../domain/policy-file-issues';
import { PolicyError } from './policy.error';

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
  const result = policySchema.safeParse(json, { error: policyFileMessage });
  if (!result.success) throw new PolicyError(policyFileIssues(result.error.issues, 'is not a field of the policy file here'));
  const policy = result.data;
  const missing = [...new Set(hospitalLevelsInUse)].filter((level) => !policy.basicInsurance.byHospitalLevel[level]);
  if (missing.length > 0) {
    throw new PolicyError(
      missing.map((level) => ({ path: `basicInsurance.byHospitalLevel.${level}`, message: 'is required: the hospital registry has hospitals of this level' })),
    );
  }
  return policy;
}
