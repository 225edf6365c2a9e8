/**
 * The payrolls' HTTP shapes: what a clerk sends, the payroll and its lines as a clerk reads them,
 * and the sandbox bank's switches and books. The views are their own types, mapped from the read
 * model explicitly.
 */
import { z } from 'zod';
import { isoMonthSchema, text } from '../../../domain/fields';
import { apiSchemaRegistry } from '../../../http/schemas';
import { DROP_REASONS, PAYROLL_LINE_STATUSES, PAYROLL_STAGES, SUBSIDY_PROGRAMS } from '../domain/index';

export const newPayrollSchema = z.strictObject({
  program: z.enum(SUBSIDY_PROGRAMS),
  period: isoMonthSchema.describe('the month paid for; not after the current month (Asia/Shanghai)'),
});
export type NewPayrollInput = z.infer<typeof newPayrollSchema>;

export const payrollIdParamsSchema = z.strictObject({ payrollId: z.string().min(1).max(100) });

export const payrollRejectionSchema = z.strictObject({ reason: text(500, true).describe('why finance sends the payroll back to civil affairs') });

const totalsSchema = z.object({
  lines: z.number().int(),
  totalFen: z.number().int(),
  paidFen: z.number().int(),
  returnedFen: z.number().int(),
  pendingFen: z.number().int(),
});

export const payrollViewSchema = z.object({
  payrollId: z.string(),
  program: z.enum(SUBSIDY_PROGRAMS),
  period: z.string(),
  stage: z.enum(PAYROLL_STAGES),
  stageName: z.string().describe('the stage in the reader\'s language'),
  submittedBy: z.string().nullable(),
  approvedBy: z.string().nullable(),
  rejections: z.array(z.object({ reason: z.string(), by: z.string(), at: z.string() })),
  totals: totalsSchema.describe('dropped lines are not counted; paidFen + returnedFen + pendingFen = totalFen'),
  dropped: z.array(z.object({ enrolmentId: z.string(), month: z.string(), reason: z.enum(DROP_REASONS), reasonText: z.string() })),
  openedAt: z.string(),
  stageEnteredAt: z.string(),
});
export type PayrollView = z.infer<typeof payrollViewSchema>;

export const payrollListQuerySchema = z.strictObject({
  program: z.enum(SUBSIDY_PROGRAMS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional().describe('nextCursor of the previous page'),
});
export const payrollListSchema = z.object({ items: z.array(payrollViewSchema), nextCursor: z.string().nullable() });

export const payrollLineQuerySchema = z.strictObject({
  status: z.enum(PAYROLL_LINE_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(400).optional().describe('nextCursor of the previous page'),
});
export const payrollLineSchema = z.object({
  enrolmentId: z.string(),
  personId: z.string(),
  month: z.string(),
  amountFen: z.number().int(),
  status: z.enum(PAYROLL_LINE_STATUSES),
  reason: z.string().nullable().describe('why the line was dropped at approval or returned by the bank'),
  bankReference: z.string().nullable(),
});
export const payrollLineListSchema = z.object({ items: z.array(payrollLineSchema), nextCursor: z.string().nullable() });

export const sandboxBankSettingSchema = z.strictObject({
  mode: z.enum(['up', 'down', 'flaky']),
  failureRate: z.number().min(0).max(1).default(0),
  latencyMs: z.number().int().min(0).max(60_000).default(0),
  returnAccounts: z.array(z.string().regex(/^\d{8,32}$/)).max(1000).default([]).describe('account numbers whose lines come back RETURNED (ACCOUNT_CLOSED)'),
});
export const sandboxBankRecordsQuerySchema = z.strictObject({ payrollId: z.string().min(1).max(100).optional() });
export const sandboxBankRecordsSchema = z.object({
  items: z.array(z.object({ key: z.string(), status: z.enum(['PAID', 'RETURNED']), amountFen: z.number().int(), recordedAt: z.string() })),
});

export const bankFileDownloadsSchema = z.object({
  items: z.array(
    z.object({
      downloadedBy: z.string().describe('the account that downloaded it: the `sub` of its token'),
      role: z.string(),
      format: z.enum(['csv', 'xlsx']),
      downloadedAt: z.string(),
    }),
  ),
});

export type BankFileDownloads = z.infer<typeof bankFileDownloadsSchema>;

export const payrollScheduleParamsSchema = z.strictObject({ program: z.enum(SUBSIDY_PROGRAMS) });
export const payrollScheduleNoteSchema = z.strictObject({ note: text(200, true).optional() });
export const payrollScheduleStateSchema = z.object({ program: z.enum(SUBSIDY_PROGRAMS), paused: z.boolean() });

for (const [schema, id] of [
  [payrollScheduleStateSchema, 'PayrollScheduleState'],
  [bankFileDownloadsSchema, 'BankFileDownloads'],
  [newPayrollSchema, 'NewPayroll'],
  [payrollRejectionSchema, 'PayrollRejection'],
  [payrollViewSchema, 'Payroll'],
  [payrollListSchema, 'PayrollList'],
  [payrollLineSchema, 'PayrollLine'],
  [payrollLineListSchema, 'PayrollLineList'],
  [sandboxBankSettingSchema, 'SandboxBankSetting'],
  [sandboxBankRecordsSchema, 'SandboxBankRecords'],
] as const) {
  apiSchemaRegistry.add(schema as z.ZodType, { id });
}
