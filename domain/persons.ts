/**
 * The person registry's shapes: what a client sends to register a person, and what it reads back.
 * A person is known once, by resident ID number, whatever programs they are in; `personId` is the
 * opaque handle that goes in URLs, because an ID number never may.
 */
import { z } from 'zod';
import { assistanceCategorySchema, clientIdSchema, idNumberSchema, optionalText, text } from './fields';
import { DISABILITY_CATEGORIES, disabilitySchema } from './disability';
import { lifeEventEffectSchema } from './life-events';
import { programIdSchema } from './programs';

export { DISABILITY_CATEGORIES, disabilitySchema, type Disability } from './disability';

export const PERSON_STATUSES = ['ACTIVE', 'DECEASED', 'MOVED_OUT'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

export const personIdSchema = clientIdSchema;

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

/** What recording a life event answers: the person as the registry now has them, and what it changed in each program. */
export const lifeEventResultSchema = z.object({ person: personViewSchema, effects: z.array(lifeEventEffectSchema) });
export type LifeEventResult = z.infer<typeof lifeEventResultSchema>;
