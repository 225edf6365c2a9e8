/**
 * The subsidy enrolments' HTTP shapes: the bodies a client sends (validated and normalised here,
 * then handed to the workflow as the domain's input types), and the enrolment as a client reads
 * it. The view is its own type: neither the workflow's state nor the stored read model, so either
 * can change without changing what clients see.
 */
import { z } from 'zod';
import { clientIdSchema, isoDaySchema, isoMonthSchema, optionalText, storableString, text } from '../../../domain/fields';
import { personIdSchema } from '../../../domain/persons';
import { ROLES } from '../../../domain/actor';
import { apiSchemaRegistry } from '../../../http/schemas';
import { ENROLMENT_EVENT_TYPES, ENROLMENT_STAGES, INELIGIBILITY_REASONS, SUBSIDY_PROGRAMS } from '../domain/index';
import type { ApplyInput, BankAccount, DecisionInput, ReasonInput, ReinstateInput, RepaymentInput, ReviewInput, SuspendInput } from '../domain/index';

export const subsidyProgramSchema = z.enum(SUBSIDY_PROGRAMS);
export const enrolmentStageSchema = z.enum(ENROLMENT_STAGES);
export const enrolmentIdSchema = clientIdSchema;

const REASON_MAX = 500;
const reason = () => text(REASON_MAX, true);

// Spaces and hyphens are how account numbers are printed on passbooks and cards; they are not
// part of the number, and keeping them would make one account look like two.
const accountNoSchema = z
  .string()
  .transform((value) => value.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^\d{8,32}$/, 'must be 8–32 digits (spaces and hyphens are ignored)'))
  .describe('the account or card number; masked (last 4 kept) for every role but finance when read back');

export const bankAccountSchema = z
  .strictObject({ bank: text(64).describe('the bank or its branch (开户行)'), accountNo: accountNoSchema })
  .describe('where the subsidy is paid');

/** A refusal must say why: the applicant is told, and may appeal. */
function reasonWhenRefused(value: { approved: boolean; reason?: string | undefined }, ctx: z.RefinementCtx): void {
  if (!value.approved && value.reason === undefined) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required when approved is false' });
}

export const newEnrolmentSchema = z.strictObject({
  enrolmentId: enrolmentIdSchema.optional().describe('your own id, to make a retried request answer 200; generated when absent'),
  program: subsidyProgramSchema,
  personId: personIdSchema.describe('the applicant, as registered (POST /v1/persons)'),
  appliedOn: isoDaySchema.describe('YYYY-MM-DD, the day the application was made (Asia/Shanghai); the subsidy is owed from its month'),
  bankAccount: bankAccountSchema,
});
export type NewEnrolmentInput = z.infer<typeof newEnrolmentSchema>;

export const reviewSchema = z
  .strictObject({
    approved: z.boolean(),
    reason: optionalText(REASON_MAX, true).describe('required when approved is false'),
    reviewedBy: text(64).describe('who reviewed the papers (the reviewer, who may not be the clerk recording it)'),
  })
  .superRefine(reasonWhenRefused);

export const decisionSchema = z
  .strictObject({ approved: z.boolean(), reason: optionalText(REASON_MAX, true).describe('required when approved is false') })
  .superRefine(reasonWhenRefused);

export const reasonSchema = z.strictObject({ reason: reason() });

export const suspendSchema = z.strictObject({
  fromMonth: isoMonthSchema.describe('YYYY-MM, the first month not paid'),
  reason: reason(),
});

export const reinstateSchema = z.strictObject({
  backPay: z.boolean().describe('true: the suspended months are paid as well; false: payment resumes from this month'),
});

export const repaymentSchema = z.strictObject({
  amountFen: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).describe('fen repaid; at most what is still owed'),
  reference: text(64).describe('the receipt or bank reference; the same reference again is the same repayment'),
});

// The edge's bodies are the domain's inputs once validated: a change on either side fails to compile here.
type Accepts<Schema extends z.ZodType, Input> = z.output<Schema> extends Input ? true : never;
const _bodiesFitTheDomain: [
  Accepts<typeof bankAccountSchema, BankAccount>,
  Accepts<typeof reviewSchema, ReviewInput>,
  Accepts<typeof decisionSchema, DecisionInput>,
  Accepts<typeof reasonSchema, ReasonInput>,
  Accepts<typeof suspendSchema, SuspendInput>,
  Accepts<typeof reinstateSchema, ReinstateInput>,
  Accepts<typeof repaymentSchema, RepaymentInput>,
  Accepts<typeof newEnrolmentSchema, Omit<ApplyInput, 'enrolmentId'>>,
] = [true, true, true, true, true, true, true, true];
void _bodiesFitTheDomain;

export const enrolmentIdParamsSchema = z.strictObject({ enrolmentId: enrolmentIdSchema });

const booleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');

export const enrolmentListQuerySchema = z.strictObject({
  program: subsidyProgramSchema.optional(),
  stage: enrolmentStageSchema.optional(),
  town: storableString.trim().min(1).max(64).optional(),
  personId: personIdSchema.optional(),
  overdue: booleanQuery.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional().describe('nextCursor of the previous page'),
});
export type EnrolmentListQuery = z.infer<typeof enrolmentListQuerySchema>;

export const MONTH_STATUSES = ['PAID', 'IN_PAYROLL', 'PAYABLE', 'SUSPENDED', 'RETURNED'] as const;
export type MonthStatus = (typeof MONTH_STATUSES)[number];

export const enrolmentMonthSchema = z.object({
  month: z.string().describe('YYYY-MM'),
  amountFen: z.number().int(),
  status: z.enum(MONTH_STATUSES).describe('PAID: the bank paid it; IN_PAYROLL: in a payroll not yet reconciled; PAYABLE: owed, not yet in a payroll; SUSPENDED: owed but not paid while suspended; RETURNED: the bank returned it (payable again once the account is corrected)'),
  payrollId: z.string().nullable(),
});
export type EnrolmentMonthView = z.infer<typeof enrolmentMonthSchema>;

const reviewViewSchema = z.object({ approved: z.boolean(), reason: z.string().nullable(), reviewedBy: z.string(), recordedBy: z.string(), recordedAt: z.string() });
const closureViewSchema = z.object({ reason: z.string().nullable(), by: z.string(), at: z.string() });

export const recoveryViewSchema = z.object({
  owedFen: z.number().int().describe('paid for months no longer owed'),
  recoveredFen: z.number().int(),
  waivedFen: z.number().int(),
  status: z.enum(['OPEN', 'CLOSED']),
});

export const enrolmentViewSchema = z.object({
  enrolmentId: z.string(),
  program: subsidyProgramSchema,
  personId: z.string(),
  stage: enrolmentStageSchema,
  appliedOn: z.string().describe('YYYY-MM-DD'),
  overdue: z.boolean().describe('the stage has waited longer than its service-level time'),
  openedAt: z.string(),
  stageEnteredAt: z.string(),
  updatedAt: z.string(),
  person: z.object({
    name: z.string(),
    idNumber: z.string().describe('masked (620602********123X) for every role but officer, civil and admin'),
    town: z.string(),
  }),
  bankAccount: z.object({ bank: z.string(), accountNo: z.string().describe('masked (last 4 kept) for every role but finance') }),
  townReview: reviewViewSchema.nullable(),
  cdpfReview: reviewViewSchema.nullable(),
  decision: z
    .object({
      approved: z.boolean(),
      monthlyFen: z.number().int().describe("the standard for the person in the decision's month"),
      policyVersion: z.string(),
      reasons: z.array(z.enum(INELIGIBILITY_REASONS)).describe('the rules the person failed when decided (empty when eligible)'),
      reason: z.string().nullable(),
      decidedBy: z.string(),
      decidedAt: z.string(),
    })
    .nullable(),
  noticeEndsAt: z.string().nullable().describe('while in PUBLIC_NOTICE: when the notice ends and the enrolment becomes ACTIVE'),
  activeFrom: z.string().nullable().describe('YYYY-MM, the first month owed; set when the public notice ended'),
  terminatedAfter: z.string().nullable().describe('YYYY-MM, the last month owed'),
  terminationReason: z.enum(['DIED', 'MOVED_OUT', 'NO_LONGER_ELIGIBLE']).nullable(),
  rejection: closureViewSchema.nullable(),
  withdrawal: closureViewSchema.nullable(),
  months: z.array(enrolmentMonthSchema).describe('every entitled month up to the current one, oldest first'),
  paidFen: z.number().int().describe('paid by the bank so far'),
  recovery: recoveryViewSchema.nullable(),
});
export type EnrolmentView = z.infer<typeof enrolmentViewSchema>;

/** A list shows each enrolment without its months (read one for them). */
export const enrolmentSummarySchema = enrolmentViewSchema.omit({ months: true });
export type EnrolmentSummary = z.infer<typeof enrolmentSummarySchema>;

export const enrolmentListSchema = z.object({ items: z.array(enrolmentSummarySchema), nextCursor: z.string().nullable() });

export const enrolmentEventSchema = z.object({
  seq: z.number().int().min(1),
  type: z.enum(ENROLMENT_EVENT_TYPES),
  occurredAt: z.string(),
  actor: z.object({ role: z.enum([...ROLES, 'system']), sub: z.string() }),
  data: z.record(z.string(), z.unknown()).describe('account numbers masked as in the enrolment'),
});
export type EnrolmentEventView = z.infer<typeof enrolmentEventSchema>;
export const enrolmentEventListSchema = z.object({ items: z.array(enrolmentEventSchema) });

export const subsidyStatsQuerySchema = z
  .strictObject({
    program: subsidyProgramSchema.optional().describe('one program; both when absent'),
    from: isoMonthSchema.optional().describe('YYYY-MM, the first month counted in the monthly figures'),
    to: isoMonthSchema.optional().describe('YYYY-MM, the last month counted in the monthly figures'),
  })
  .superRefine((value, ctx) => {
    if (value.from !== undefined && value.to !== undefined && value.from > value.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  });
export type SubsidyStatsQuery = z.infer<typeof subsidyStatsQuerySchema>;

export const noticeListQuerySchema = z.strictObject({
  program: subsidyProgramSchema.describe('the subsidy'),
  month: isoMonthSchema.describe('YYYY-MM: the month of the approving decisions (Asia/Shanghai)'),
});

const byKey = z.record(z.string(), z.number().int());

export const subsidyStatsSchema = z.object({
  active: z.number().int().describe('enrolments in ACTIVE now'),
  enrolledByTown: byKey.describe('enrolments in ACTIVE or SUSPENDED now, by the town of the person'),
  paidFenByMonth: byKey.describe('fen the bank paid, by the month paid for (YYYY-MM)'),
  personsPaidByMonth: byKey.describe('persons paid, by the month paid for'),
  overpaymentOwedFen: z.number().int().describe('overpayments found, in total'),
  recoveredFen: z.number().int(),
  waivedFen: z.number().int(),
});
export type SubsidyStats = z.infer<typeof subsidyStatsSchema>;

for (const [schema, id] of [
  [newEnrolmentSchema, 'NewEnrolment'],
  [bankAccountSchema, 'BankAccount'],
  [reviewSchema, 'EnrolmentReview'],
  [decisionSchema, 'EnrolmentDecision'],
  [reasonSchema, 'EnrolmentReason'],
  [suspendSchema, 'EnrolmentSuspension'],
  [reinstateSchema, 'EnrolmentReinstatement'],
  [repaymentSchema, 'Repayment'],
  [enrolmentViewSchema, 'Enrolment'],
  [enrolmentSummarySchema, 'EnrolmentSummary'],
  [enrolmentListSchema, 'EnrolmentList'],
  [enrolmentEventSchema, 'EnrolmentEvent'],
  [enrolmentEventListSchema, 'EnrolmentEventList'],
  [subsidyStatsSchema, 'SubsidyStats'],
] as const) {
  apiSchemaRegistry.add(schema as z.ZodType, { id });
}
