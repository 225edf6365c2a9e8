/**
 * The surgery program's route schemas: path parameters, list queries, proposals, the sandbox
 * payers, the roster import, statistics and the stuck list. Everything about a case itself comes
 * from ../domain/schemas.ts; what every program shares (the problem document) from the HTTP kit.
 */
import { z } from 'zod';
import { admissionSchema, caseEventSchema, caseIdSchema, caseViewSchema, claimProposalSchema, claimProposalViewSchema, dischargeSchema, newCaseSchema, payerSchema, proposalApprovalSchema, proposalRejectionSchema, resolveClaimSchema, sandboxPayerSettingSchema, screeningSchema, stageSchema, surgerySchema, withdrawSchema } from '../domain/schemas';
import { storableString } from '../../../domain/fields';
import { apiSchemaRegistry, fieldIssueSchema, stuckReasonSchema } from '../../../http/schemas';

export const caseIdParamsSchema = z.strictObject({ caseId: caseIdSchema });
export const claimParamsSchema = z.strictObject({ caseId: caseIdSchema, payer: payerSchema });
export const payerParamsSchema = z.strictObject({ payer: payerSchema });
export const proposalParamsSchema = z.strictObject({ caseId: caseIdSchema, payer: payerSchema, proposalId: z.string().regex(/^P\d{1,9}$/, 'must be a proposal id such as P12') });

export const claimProposalCreatedSchema = claimProposalViewSchema.extend({ caseId: z.string() });
export const waitingProposalSchema = z.object({
  caseId: z.string(),
  proposalId: z.string(),
  payer: payerSchema,
  status: z.enum(['PAID', 'REJECTED']),
  amountFen: z.number().int(),
  policyAmountFen: z.number().int(),
  overridePolicy: z.boolean(),
  reference: z.string(),
  proposedBy: z.string(),
  proposedAt: z.string(),
});
export const waitingProposalListSchema = z.object({ items: z.array(waitingProposalSchema) });

export const sandboxBooksQuerySchema = z.strictObject({ caseId: caseIdSchema.optional() });
export const sandboxClaimRecordSchema = z.object({
  key: z.string().describe('<caseId>:<payer>'),
  status: z.enum(['PAID', 'REJECTED', 'VOIDED']),
  amountFen: z.number().int(),
  reference: z.string(),
  recordedAt: z.string(),
});
export const sandboxBooksSchema = z.object({ items: z.array(sandboxClaimRecordSchema) });

const booleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');

export const caseListQuerySchema = z.strictObject({
  stage: stageSchema.optional(),
  town: storableString.trim().min(1).max(64).optional(),
  hospitalId: storableString.trim().min(1).max(64).optional(),
  overdue: booleanQuery.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional().describe('nextCursor of the previous page'),
});
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;

export const caseListSchema = z.object({
  items: z.array(caseViewSchema),
  nextCursor: z.string().nullable(),
});

export const caseEventListSchema = z.object({ items: z.array(caseEventSchema) });

export const MAX_IMPORT_ROWS = 5_000;

/** What the route validates: rows are checked one by one so that good rows open even when others fail. */
export const importJsonBodySchema = z.strictObject({
  cases: z.array(z.unknown()).min(1).max(MAX_IMPORT_ROWS),
});
/** What the OpenAPI document shows for the JSON roster. */
export const importJsonDocSchema = z.strictObject({ cases: z.array(newCaseSchema).min(1).max(MAX_IMPORT_ROWS) });

export { ROSTER_COLUMNS as CSV_COLUMNS } from '../domain/roster';

export const importResultSchema = z.object({
  created: z.number().int(),
  existing: z.number().int(),
  failed: z.array(z.object({ row: z.number().int().min(1), errors: z.array(fieldIssueSchema) })),
  caseIds: z.array(z.string()).describe('the case ids of the rows opened or found, in row order'),
});
export type ImportResult = z.infer<typeof importResultSchema>;

const byKey = (key: z.ZodType<string>) => z.record(key, z.number().int());

export const statsSchema = z.object({
  casesByStage: z.partialRecord(stageSchema, z.number().int()),
  screenedByTown: byKey(z.string()),
  eligible: z.number().int(),
  surgeriesCompleted: z.number().int(),
  settledCases: z.number().int(),
  totalBilledFen: z.number().int(),
  paidByPayerFen: z.partialRecord(payerSchema, z.number().int()),
  outOfPocketFen: z.number().int(),
});
export type Stats = z.infer<typeof statsSchema>;

export const stuckCaseSchema = z.object({
  caseId: z.string(),
  stage: stageSchema,
  stageEnteredAt: z.string(),
  hospitalId: z.string(),
  town: z.string(),
  reasons: z.array(stuckReasonSchema).min(1),
});
export type StuckCase = z.infer<typeof stuckCaseSchema>;

export const sandboxPayerSettingViewSchema = z.object({
  payer: payerSchema,
  mode: z.enum(['up', 'down', 'flaky']),
  failureRate: z.number(),
  latencyMs: z.number().int(),
});
export const sandboxPayerSettingListSchema = z.object({ items: z.array(sandboxPayerSettingViewSchema) });

for (const [schema, id] of [
  [caseViewSchema, 'Case'],
  [caseListSchema, 'CaseList'],
  [caseEventSchema, 'CaseEvent'],
  [caseEventListSchema, 'CaseEventList'],
  [newCaseSchema, 'NewCase'],
  [screeningSchema, 'Screening'],
  [admissionSchema, 'Admission'],
  [surgerySchema, 'Surgery'],
  [dischargeSchema, 'Discharge'],
  [withdrawSchema, 'Withdrawal'],
  [resolveClaimSchema, 'ClaimResolution'],
  [claimProposalSchema, 'ClaimProposal'],
  [claimProposalCreatedSchema, 'ClaimProposalCreated'],
  [proposalApprovalSchema, 'ProposalApproval'],
  [proposalRejectionSchema, 'ProposalRejection'],
  [waitingProposalListSchema, 'WaitingProposalList'],
  [sandboxBooksSchema, 'SandboxPayerBooks'],
  [sandboxPayerSettingSchema, 'SandboxPayerSetting'],
  [sandboxPayerSettingViewSchema, 'SandboxPayerSettingView'],
  [importResultSchema, 'ImportResult'],
  [statsSchema, 'Stats'],
] as const) {
  apiSchemaRegistry.add(schema as z.ZodType, { id });
}
