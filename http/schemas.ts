/**
 * Schemas that exist only at the HTTP edge: query strings, path parameters, list/problem/stats/
 * stuck/import bodies. Everything about a case itself comes from programs/surgery/domain/schemas.ts.
 * `apiSchemaRegistry` names the schemas that become `components.schemas` in the OpenAPI document.
 */
import { z } from 'zod';
import { admissionSchema, caseEventSchema, caseIdSchema, caseViewSchema, claimProposalSchema, claimProposalViewSchema, dischargeSchema, newCaseSchema, payerSchema, proposalApprovalSchema, proposalRejectionSchema, resolveClaimSchema, sandboxPayerSettingSchema, screeningSchema, stageSchema, surgerySchema, withdrawSchema } from '../programs/surgery/domain/schemas';
import { storableString } from '../domain/fields';
import { ROLES } from '../domain/actor';
import { lifeEventResultSchema, newLifeEventSchema } from '../domain/life-events';
import { newPersonSchema, personDetailSchema, personIdSchema, personLookupSchema, personViewSchema } from '../domain/persons';
import { programIdSchema, programItemKindSchema } from '../domain/programs';

export const apiSchemaRegistry = z.registry<{ id: string; description?: string }>();

export const fieldIssueSchema = z.object({ path: z.string(), message: z.string() });

export const problemSchema = z.object({
  type: z.string().describe('/problems/<slug>'),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z.array(fieldIssueSchema).optional().describe('validation: every invalid field, by path'),
  currentStage: z.string().optional().describe("stage-conflict: the stage the case or enrolment is in (a stage of that program's own)"),
  existingCaseId: z.string().optional().describe('duplicate-case: the open case for this ID number'),
  existingPersonId: z.string().optional().describe('duplicate-person: the person registered with this ID number'),
  existingEnrolmentId: z.string().optional().describe('duplicate-enrolment: the open enrolment of the person in the program'),
  reasons: z.array(z.string()).optional().describe('not-eligible: every rule of the policy the person fails (GRADE, LONG_TERM_CARE, CATEGORY_REQUIRED, CATEGORY_EXCLUDED, PERSON_INACTIVE, NO_DISABILITY)'),
  personStatus: z.string().optional().describe('person-inactive: the person\'s status, DECEASED or MOVED_OUT (`status` is the HTTP status)'),
  retryAfter: z.number().int().optional().describe('locked: seconds until a sign-in may be tried again'),
});

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

export const personIdParamsSchema = z.strictObject({ personId: personIdSchema });
// No ID number here: a query string ends up in logs and browser histories (lookup is a POST).
export const personListQuerySchema = z.strictObject({
  town: storableString.trim().min(1).max(64).optional(),
  q: storableString.trim().min(1).max(64).optional().describe('part of the name'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional().describe('nextCursor of the previous page'),
});
export const personListSchema = z.object({ items: z.array(personViewSchema), nextCursor: z.string().nullable() });

export const MAX_IMPORT_ROWS = 5_000;

/** What the route validates: rows are checked one by one so that good rows open even when others fail. */
export const importJsonBodySchema = z.strictObject({
  cases: z.array(z.unknown()).min(1).max(MAX_IMPORT_ROWS),
});
/** What the OpenAPI document shows for the JSON roster. */
export const importJsonDocSchema = z.strictObject({ cases: z.array(newCaseSchema).min(1).max(MAX_IMPORT_ROWS) });

export { ROSTER_COLUMNS as CSV_COLUMNS } from '../programs/surgery/domain/roster';

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

export const STUCK_REASON_KINDS = ['STAGE_OVERDUE', 'ACTIVITY_RETRYING', 'WORKFLOW_TASK_FAILING', 'PAYMENT_DISCREPANCY'] as const;

export const stuckReasonSchema = z.object({
  kind: z.enum(STUCK_REASON_KINDS),
  detail: z.string(),
  activity: z.string().nullable(),
  attempts: z.number().int().nullable(),
  lastFailure: z.string().nullable(),
  since: z.string().nullable(),
});
export type StuckReason = z.infer<typeof stuckReasonSchema>;

export const stuckCaseSchema = z.object({
  caseId: z.string(),
  stage: stageSchema,
  stageEnteredAt: z.string(),
  hospitalId: z.string(),
  town: z.string(),
  reasons: z.array(stuckReasonSchema).min(1),
});
export type StuckCase = z.infer<typeof stuckCaseSchema>;

/**
 * One stuck item of any program: what it is (`kind`, `program`, `id`), where it waits, and why. A
 * surgery case keeps every member of a stuck case (`caseId`, `hospitalId` …), taken from its schema.
 */
export const stuckItemSchema = stuckCaseSchema
  .omit({ stage: true, stageEnteredAt: true, town: true, reasons: true })
  .partial()
  .extend({
    kind: programItemKindSchema,
    program: programIdSchema,
    id: z.string().describe('the case, enrolment, payroll or pairing id'),
    stage: z.string().describe("the program's own stage"),
    stageEnteredAt: z.string(),
    town: z.string().nullable().describe('null for an item of no town (a payroll)'),
    reasons: z.array(stuckReasonSchema).min(1),
  })
  .describe('a case also has caseId (the same as id) and hospitalId');
export type StuckItem = z.infer<typeof stuckItemSchema>;
export const stuckListSchema = z.object({ items: z.array(stuckItemSchema) });

export const sandboxPayerSettingViewSchema = z.object({
  payer: payerSchema,
  mode: z.enum(['up', 'down', 'flaky']),
  failureRate: z.number(),
  latencyMs: z.number().int(),
});
export const sandboxPayerSettingListSchema = z.object({ items: z.array(sandboxPayerSettingViewSchema) });

export const healthSchema = z.object({ status: z.literal('ok') });
export const readinessSchema = z.object({
  status: z.enum(['ready', 'not-ready']),
  checks: z.object({
    temporal: z.string().describe('"ok" or why not'),
    postgres: z.string().describe('"ok" or why not'),
    migrations: z.string().describe('"ok" or why not'),
  }),
});

export const devTokenRequestSchema = z.strictObject({
  role: z.enum(ROLES),
  sub: z.string().max(64).optional().describe('ignored: the subject is always dev-<role>'),
  hospitalId: z.string().trim().min(1).max(64).optional(),
});
export const devTokenSchema = z.object({ token: z.string(), expiresAt: z.string() });

for (const [schema, id] of [
  [problemSchema, 'Problem'],
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
  [newPersonSchema, 'NewPerson'],
  [personLookupSchema, 'PersonLookup'],
  [personViewSchema, 'Person'],
  [personDetailSchema, 'PersonDetail'],
  [personListSchema, 'PersonList'],
  [newLifeEventSchema, 'NewLifeEvent'],
  [lifeEventResultSchema, 'LifeEventResult'],
  [statsSchema, 'Stats'],
  [stuckItemSchema, 'StuckItem'],
  [stuckListSchema, 'StuckList'],
] as const) {
  apiSchemaRegistry.add(schema as z.ZodType, { id });
}
