/**
 * Schemas that exist only at the HTTP edge and serve every program: the problem document, the
 * person registry's queries and lists, health and development sign-in. A program's own route
 * schemas live in its api/ folder and add themselves to `apiSchemaRegistry`, which names the
 * schemas that become `components.schemas` in the OpenAPI document.
 */
import { z } from 'zod';
import { storableString } from '../domain/fields';
import { ROLES } from '../domain/actor';
import { newLifeEventSchema } from '../domain/life-events';
import { lifeEventResultSchema } from '../domain/persons';
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
  existingPairingId: z.string().optional().describe('duplicate-pairing: the open pairing of the person'),
  openPayrollId: z.string().optional().describe('payroll-open: the payroll of the program that is not reconciled yet'),
  reasons: z.array(z.string()).optional().describe('not-eligible: every rule of the policy the person fails (GRADE, LONG_TERM_CARE, CATEGORY_REQUIRED, CATEGORY_EXCLUDED, PERSON_INACTIVE, NO_DISABILITY)'),
  personStatus: z.string().optional().describe('person-inactive: the person\'s status, DECEASED or MOVED_OUT (`status` is the HTTP status)'),
  retryAfter: z.number().int().optional().describe('locked: seconds until a sign-in may be tried again'),
});

export const personIdParamsSchema = z.strictObject({ personId: personIdSchema });
// No ID number here: a query string ends up in logs and browser histories (lookup is a POST).
export const personListQuerySchema = z.strictObject({
  town: storableString.trim().min(1).max(64).optional(),
  q: storableString.trim().min(1).max(64).optional().describe('part of the name'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional().describe('nextCursor of the previous page'),
});
export const personListSchema = z.object({ items: z.array(personViewSchema), nextCursor: z.string().nullable() });

/** Why an item of any program is stuck: a stage past its time, a step that keeps failing, money that disagrees. */
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

/**
 * One stuck item of any program: what it is (`kind`, `program`, `id`), where it waits, and why. A
 * program may add its own members (a surgery case keeps `caseId` and `hospitalId`).
 */
export const stuckItemSchema = z
  .object({
    kind: programItemKindSchema,
    program: programIdSchema,
    id: z.string().describe('the case, enrolment, payroll or pairing id'),
    stage: z.string().describe("the program's own stage"),
    stageEnteredAt: z.string(),
    town: z.string().nullable().describe('null for an item of no town (a payroll)'),
    reasons: z.array(stuckReasonSchema).min(1),
    caseId: z.string().optional().describe('a surgery case: its case id (the same as id)'),
    hospitalId: z.string().optional().describe("a surgery case: its hospital"),
    applicantName: z.string().optional().describe('a surgery case: whom it is about'),
    outstandingFen: z.number().int().optional().describe('a surgery case while reimbursing: what is still to be paid'),
    waitingPayer: z.string().optional().describe('a surgery case while reimbursing: the payer the cascade waits on'),
  });
export type StuckItem = z.infer<typeof stuckItemSchema>;
export const stuckListSchema = z.object({ items: z.array(stuckItemSchema) });

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
  [newPersonSchema, 'NewPerson'],
  [personLookupSchema, 'PersonLookup'],
  [personViewSchema, 'Person'],
  [personDetailSchema, 'PersonDetail'],
  [personListSchema, 'PersonList'],
  [newLifeEventSchema, 'NewLifeEvent'],
  [lifeEventResultSchema, 'LifeEventResult'],
  [stuckItemSchema, 'StuckItem'],
  [stuckListSchema, 'StuckList'],
] as const) {
  apiSchemaRegistry.add(schema as z.ZodType, { id });
}
