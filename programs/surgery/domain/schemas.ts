/**
 * The zod schemas for every input and output of the surgery program: the HTTP API validates with them,
 * the workflow takes their types, and the OpenAPI document is generated from them.
 */
import { z } from 'zod';
import { ageOn } from '../../../domain/id-number';
import { actorSchema } from '../../../domain/actor';
import { assistanceCategorySchema, clientIdSchema, fenSchema as fen, type FieldIssue, idNumberSchema, isoDateTime, optionalText, text } from '../../../domain/fields';
import { HOSPITAL_LEVELS, PAYERS, STAGES } from './stages';

export const caseIdSchema = clientIdSchema;
export const payerSchema = z.enum(PAYERS);
export const stageSchema = z.enum(STAGES);
export const hospitalLevelSchema = z.enum(HOSPITAL_LEVELS);


export const guardianSchema = z.strictObject({
  name: text(64),
  phone: text(32),
  relation: text(32),
});

export const applicantSchema = z.strictObject({
  name: text(64),
  idNumber: idNumberSchema,
  phone: optionalText(32),
  town: text(64),
  village: optionalText(64),
  guardian: guardianSchema.optional(),
});

export const newCaseSchema = z.strictObject({
  caseId: caseIdSchema.optional(),
  applicant: applicantSchema,
  diagnosis: text(500, true),
  hospitalId: text(64),
  insured: z.boolean().default(true),
  assistanceCategory: assistanceCategorySchema,
  disabilityCertificate: optionalText(64, false, true),
});
export type NewCaseInput = z.infer<typeof newCaseSchema>;

/** Rules that depend on the day the case opens or on the hospital registry, not on the body alone. */
export function newCaseContextIssues(input: NewCaseInput, openingDay: string, hospitalIds: ReadonlySet<string>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!hospitalIds.has(input.hospitalId)) issues.push({ path: 'hospitalId', message: 'is not a hospital in the registry' });
  if (!input.applicant.guardian && ageOn(input.applicant.idNumber, openingDay) < 18) {
    issues.push({ path: 'applicant.guardian', message: 'is required: the applicant is under 18' });
  }
  return issues;
}

export const screeningSchema = z
  .strictObject({
    eligible: z.boolean(),
    consent: z.boolean(),
    reason: optionalText(500, true),
    screenedBy: text(64),
    screenedAt: isoDateTime,
  })
  .superRefine((value, ctx) => {
    if (!(value.eligible && value.consent) && !value.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required unless the applicant is eligible and consents' });
    }
  });
export type ScreeningInput = z.infer<typeof screeningSchema>;

export const admissionSchema = z.strictObject({
  admittedAt: isoDateTime,
  admissionNo: text(64),
  // Defaulted, so a retry that adds `"depositFen": 0` is the same body, not a conflict.
  depositFen: z.literal(0, { error: 'must be 0: admission is deposit-free' }).default(0),
});
export type AdmissionInput = z.infer<typeof admissionSchema>;

export const surgerySchema = z.strictObject({
  completedAt: isoDateTime,
  procedure: text(200),
  outcome: z.enum(['SUCCESS', 'COMPLICATIONS']),
});
export type SurgeryInput = z.infer<typeof surgerySchema>;


export const billSchema = z
  .strictObject({
    totalFen: fen.min(1),
    policyScopeFen: fen,
  })
  .superRefine((bill, ctx) => {
    if (bill.policyScopeFen > bill.totalFen) {
      ctx.addIssue({ code: 'custom', path: ['policyScopeFen'], message: 'must not exceed totalFen' });
    }
  });
export type Bill = z.infer<typeof billSchema>;

export const dischargeSchema = z.strictObject({
  dischargedAt: isoDateTime,
  rehabSessions: z.number().int().min(0).max(10_000),
  bill: billSchema,
});
export type DischargeInput = z.infer<typeof dischargeSchema>;

export const withdrawSchema = z.strictObject({ reason: text(500, true) });
export type WithdrawInput = z.infer<typeof withdrawSchema>;

export const resolveClaimSchema = z
  .strictObject({
    status: z.enum(['PAID', 'REJECTED']),
    amountFen: fen.optional(),
    reason: optionalText(500, true),
    reference: optionalText(128),
    note: optionalText(500, true),
  })
  .superRefine((value, ctx) => {
    if (value.status === 'PAID' && value.amountFen === undefined) {
      ctx.addIssue({ code: 'custom', path: ['amountFen'], message: 'is required when status is PAID' });
    }
    if (value.status === 'REJECTED' && !value.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is required when status is REJECTED' });
    }
  });
export type ResolveClaimInput = z.infer<typeof resolveClaimSchema>;

export * from './proposal-inputs';

export const sandboxPayerSettingSchema = z.strictObject({
  mode: z.enum(['up', 'down', 'flaky']),
  failureRate: z.number().min(0).max(1).default(0),
  latencyMs: z.number().int().min(0).max(60_000).default(0),
});
export type SandboxPayerSetting = z.infer<typeof sandboxPayerSettingSchema>;

export const hospitalSchema = z.strictObject({ id: text(64), name: text(128), level: hospitalLevelSchema });
export const hospitalRegistrySchema = z.array(hospitalSchema).min(1);
export type Hospital = z.infer<typeof hospitalSchema>;


// ---- the case as the API shows it (the reducer's output) ----

export const claimStatusSchema = z.enum(['PENDING', 'IN_PROGRESS', 'PAID', 'REJECTED']);

export const claimViewSchema = z.object({
  payer: payerSchema,
  status: claimStatusSchema,
  amountFen: z.number().int(),
  reason: z.string().nullable(),
  reference: z.string().nullable(),
  decidedBy: z.enum(['payer', 'admin']).nullable(),
  /** Rendered in the language asked for (Accept-Language, ?lang=), from `explanationData` when the claim has it. */
  explanation: z.string().nullable(),
  /** What the policy computed: a template key and its figures. Absent for claims decided before it was recorded. */
  explanationData: z.looseObject({ key: z.string() }).optional(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
});
export type ClaimView = z.infer<typeof claimViewSchema>;

export const proposalStateSchema = z.enum(['PROPOSED', 'APPROVED', 'REJECTED', 'SUPERSEDED']);

/** A resolution by hand of one claim: proposed by one administrator, approved or rejected by another. */
export const claimProposalViewSchema = z.object({
  proposalId: z.string(),
  payer: payerSchema,
  state: proposalStateSchema,
  status: z.enum(['PAID', 'REJECTED']),
  amountFen: z.number().int(),
  reason: z.string().nullable(),
  reference: z.string(),
  note: z.string().nullable(),
  overridePolicy: z.boolean(),
  /** What the policy would have paid this payer, on what the earlier payers paid. */
  policyAmountFen: z.number().int(),
  owedFen: z.number().int(),
  proposedBy: z.string(),
  proposedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});
export type ClaimProposalView = z.infer<typeof claimProposalViewSchema>;

/** The ledger and the payer's own books disagree on a claim: for a person to settle. */
export const paymentDiscrepancyViewSchema = z.object({
  payer: payerSchema,
  idempotencyKey: z.string(),
  ledgerStatus: z.string(),
  ledgerAmountFen: z.number().int(),
  payerStatus: z.string(),
  payerAmountFen: z.number().int(),
  payerReference: z.string().nullable(),
  foundAt: z.string(),
});

export const caseViewSchema = z.object({
  caseId: z.string(),
  // Filled in by the API from the person registry, not by the workflow: optional, so the states
  // stored before the registry and the Update results in recorded histories stay valid.
  personId: z.string().optional().describe('the person in the registry this case is about'),
  stage: stageSchema,
  overdue: z.boolean(),
  openedAt: z.string(),
  stageEnteredAt: z.string(),
  updatedAt: z.string(),
  applicant: z.object({
    name: z.string(),
    idNumber: z.string(),
    phone: z.string().nullable(),
    town: z.string(),
    village: z.string().nullable(),
    guardian: guardianSchema.nullable(),
  }),
  diagnosis: z.string(),
  hospitalId: z.string(),
  insured: z.boolean(),
  assistanceCategory: assistanceCategorySchema,
  disabilityCertificate: z.string().nullable(),
  screening: z
    .object({ eligible: z.boolean(), consent: z.boolean(), reason: z.string().nullable(), screenedBy: z.string(), screenedAt: z.string() })
    .nullable(),
  admission: z.object({ admittedAt: z.string(), admissionNo: z.string(), depositFen: z.number().int() }).nullable(),
  surgery: z.object({ completedAt: z.string(), procedure: z.string(), outcome: z.enum(['SUCCESS', 'COMPLICATIONS']) }).nullable(),
  discharge: z
    .object({ dischargedAt: z.string(), rehabSessions: z.number().int(), bill: z.object({ totalFen: z.number().int(), policyScopeFen: z.number().int() }) })
    .nullable(),
  withdrawal: z.object({ reason: z.string(), withdrawnAt: z.string(), withdrawnBy: z.string() }).nullable(),
  reimbursement: z
    .object({
      policyVersion: z.string(),
      claims: z.array(claimViewSchema),
      paidFen: z.number().int(),
      outOfPocketFen: z.number().int(),
      /** Every resolution by hand proposed for this case, oldest first. Absent on cases stored before proposals existed. */
      proposals: z.array(claimProposalViewSchema).optional(),
      discrepancies: z.array(paymentDiscrepancyViewSchema).optional(),
    })
    .nullable(),
});
export type CaseView = z.infer<typeof caseViewSchema>;

export const caseEventSchema = z.object({
  seq: z.number().int().min(1),
  type: z.string(),
  occurredAt: z.string(),
  actor: actorSchema.extend({ displayName: z.string().optional().describe("the account's display name, where the actor is an account of this system") }),
  data: z.record(z.string(), z.unknown()),
});
