/**
 * The person registry's shapes: what a client sends to register a person, and what it reads back.
 * A person is known once, by resident ID number, whatever programs they are in; `personId` is the
 * opaque handle that goes in URLs, because an ID number never may.
 */
import { z } from 'zod';
import { assistanceCategorySchema, certificateText, clientIdSchema, idNumberSchema, optionalText, text } from './fields';
import { programIdSchema } from './programs';

export const PERSON_STATUSES = ['ACTIVE', 'DECEASED', 'MOVED_OUT'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

export const DISABILITY_CATEGORIES = ['PHYSICAL', 'VISUAL', 'HEARING', 'SPEECH', 'INTELLECTUAL', 'MENTAL', 'MULTIPLE'] as const;

export const personIdSchema = clientIdSchema;

export const disabilitySchema = z.strictObject({
  certificateNo: certificateText(64),
  category: z.enum(DISABILITY_CATEGORIES),
  grade: z.number().int().min(1).max(4),
  longTermCare: z.boolean(),
});
export type Disability = z.infer<typeof disabilitySchema>;

export const newPersonSchema = z.strictObject({
  personId: personIdSchema.optional(),
  idNumber: idNumberSchema,
  name: text(64),
  phone: optionalText(32),
  town: text(64),
  village: optionalText(64),
  assistanceCategory: assistanceCategorySchema,
  disability: disabilitySchema.nullable(),
});
export type NewPersonInput = z.infer<typeof newPersonSchema>;

export const personLookupSchema = z.strictObject({ idNumber: idNumberSchema });

export const personViewSchema = z.object({
  personId: z.string(),
  idNumber: z.string().describe('masked (620602********123X) for roles that do not need it'),
  name: z.string(),
  phone: z.string().nullable(),
  town: z.string(),
  village: z.string().nullable(),
  assistanceCategory: assistanceCategorySchema,
  disability: z
    .object({ certificateNo: z.string(), category: z.enum(DISABILITY_CATEGORIES), grade: z.number().int(), longTermCare: z.boolean() })
    .nullable(),
  status: z.enum(PERSON_STATUSES),
  statusSince: z.string(),
  createdAt: z.string(),
});
export type PersonView = z.infer<typeof personViewSchema>;

/** One case or enrolment of the person, as the person page lists them. */
export const personProgramSchema = z.object({
  program: programIdSchema,
  id: z.string(),
  stage: z.string().describe("the program's own stage"),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  paidFen: z.number().int().describe('paid so far (the ledger): by the payers for a case, by the bank for an enrolment'),
});
export type PersonProgram = z.infer<typeof personProgramSchema>;

export const personDetailSchema = personViewSchema.extend({ programs: z.array(personProgramSchema).describe('newest first') });
export type PersonDetail = z.infer<typeof personDetailSchema>;
