/**
 * The subsidy policy file: the monthly standards, effective-dated, and who is eligible for each
 * program. A district replaces the illustrative figures with its own, so a file that breaks a
 * rule is refused when it is loaded, with one line naming the field, never half-applied.
 *
 * Rules beyond the shapes, decided here:
 * - `standards` is sorted by `from`, strictly: a month twice is as wrong as a month out of order,
 *   because "the last entry with from ≤ m" would then depend on the order of the file.
 * - Every standard states both programs' amounts; a standard is a complete table for its period.
 * - Every grade listed in `eligibility.NURSING_SUBSIDY.grades` has an amount in every standard:
 *   an eligible person must never meet a month with no figure. Amounts for grades that are not
 *   eligible are allowed (a district may keep its table whole) and never paid.
 * - A category may not be both required and excluded for a program: nobody could ever qualify.
 */
import { z } from 'zod';
import { assistanceCategorySchema } from '../../../domain/fields';
import { isMonth } from './month';
import { policyFileIssues, policyFileMessage } from '../../../domain/policy-file-issues';
import { SubsidyPolicyError } from './policy.error';
import { DISABILITY_GRADES, SUBSIDY_PROGRAMS, type SubsidyProgram } from './programs';

const amountFen = z
  .number({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a number of fen') })
  .int({ error: 'must be a whole number of fen (an integer)' })
  .min(0, { error: 'must not be negative' })
  .max(Number.MAX_SAFE_INTEGER, { error: 'is too large' });

const month = z.string({ error: 'is required (a month, YYYY-MM)' }).refine(isMonth, { error: 'must be a month, YYYY-MM' });

/** The grades as the file writes them, keys of a standard's NURSING_SUBSIDY. */
export const GRADE_KEYS = DISABILITY_GRADES.map(String) as ['1', '2', '3', '4'];

const standardSchema = z.strictObject({
  from: month,
  NURSING_SUBSIDY: z.partialRecord(z.enum(GRADE_KEYS, { error: 'must be a grade, 1 to 4' }), amountFen),
  LIVING_SUBSIDY: amountFen,
});

const standardsSchema = z
  .array(standardSchema)
  .min(1, { error: 'must list at least one standard' })
  .superRefine((list, ctx) => {
    list.forEach((current, i) => {
      const previous = i > 0 ? list[i - 1] : undefined;
      if (!previous) return;
      if (current.from === previous.from) {
        ctx.addIssue({ code: 'custom', path: [i, 'from'], message: `repeats the month of standards[${i - 1}].from (${previous.from}): each month may start one standard only` });
      } else if (current.from < previous.from) {
        ctx.addIssue({ code: 'custom', path: [i, 'from'], message: `is earlier than standards[${i - 1}].from (${previous.from}): standards must be sorted by from` });
      }
    });
  });

const programEligibilitySchema = z.strictObject({
  grades: z
    .array(z.union(DISABILITY_GRADES.map((grade) => z.literal(grade)), { error: 'must be a grade, 1 to 4' }))
    .min(1, { error: 'must list at least one grade' })
    .refine((grades) => new Set(grades).size === grades.length, { error: 'must not list a grade twice' }),
  requiresLongTermCare: z.boolean({ error: 'must be true or false' }).default(false),
  requiredCategories: z.array(assistanceCategorySchema).min(1, { error: 'must list at least one category, or be left out' }).optional(),
  excludedCategories: z.array(assistanceCategorySchema).default([]),
});

export const subsidyPolicySchema = z
  .strictObject({
    version: z.string({ error: 'is required (a non-empty string)' }).trim().min(1, { error: 'must not be empty' }),
    noticeDays: z.number({ error: 'is required (a number of days)' }).int({ error: 'must be a whole number of days' }).min(0, { error: 'must not be negative' }).max(365, { error: 'must be at most 365' }),
    standards: standardsSchema,
    eligibility: z.strictObject({ NURSING_SUBSIDY: programEligibilitySchema, LIVING_SUBSIDY: programEligibilitySchema }),
  })
  .superRefine((policy, ctx) => {
    const nursingGrades = policy.eligibility.NURSING_SUBSIDY.grades;
    policy.standards.forEach((standard, i) => {
      for (const grade of nursingGrades) {
        if (standard.NURSING_SUBSIDY[String(grade) as (typeof GRADE_KEYS)[number]] === undefined) {
          ctx.addIssue({ code: 'custom', path: ['standards', i, 'NURSING_SUBSIDY', String(grade)], message: `is required: grade ${grade} is eligible (eligibility.NURSING_SUBSIDY.grades)` });
        }
      }
    });
    for (const program of SUBSIDY_PROGRAMS) {
      const rule = policy.eligibility[program];
      const both = (rule.requiredCategories ?? []).filter((category) => rule.excludedCategories.includes(category));
      if (both.length > 0) {
        ctx.addIssue({ code: 'custom', path: ['eligibility', program, 'excludedCategories'], message: `excludes ${both.join(', ')}, which requiredCategories requires: nobody could qualify` });
      }
    }
  });

export type SubsidyPolicy = z.infer<typeof subsidyPolicySchema>;
export type SubsidyStandard = SubsidyPolicy['standards'][number];
export type ProgramEligibility = SubsidyPolicy['eligibility'][SubsidyProgram];

/** Validates a parsed policy file; throws `SubsidyPolicyError` naming every field that breaks a rule. */
export function parseSubsidyPolicy(json: unknown): SubsidyPolicy {
  const result = subsidyPolicySchema.safeParse(json, { error: policyFileMessage });
  if (!result.success) throw new SubsidyPolicyError(policyFileIssues(result.error.issues, 'is not a field of the subsidy policy here'));
  return result.data;
}
