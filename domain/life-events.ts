/**
 * Life events: a change in a person's life, from a date, that every open case and enrolment of the
 * person must hear of. The person's record changes (registry); each applies its own program's rule
 * (the program's entry in programs/catalogue.ts says how).
 */
import { z } from 'zod';
import { assistanceCategorySchema, clientIdSchema, isoDaySchema } from './fields';
import { disabilitySchema, personViewSchema } from './persons';
import { programIdSchema } from './programs';

export const LIFE_EVENT_TYPES = ['DIED', 'MOVED_OUT', 'DISABILITY_CHANGED', 'ASSISTANCE_CHANGED'] as const;
export type LifeEventType = (typeof LIFE_EVENT_TYPES)[number];

/** The events after which a person is no longer in the district's programs. */
export const ENDING_LIFE_EVENTS: readonly LifeEventType[] = ['DIED', 'MOVED_OUT'];

const isoDay = isoDaySchema.describe('YYYY-MM-DD, the day it happened');

/** Both the API's body and what a case receives (then with its eventId always set). */
const lifeEventFields = {
  type: z.enum(LIFE_EVENT_TYPES),
  on: isoDay,
  disability: disabilitySchema.nullable().optional().describe('DISABILITY_CHANGED: the new disability, or null for none'),
  assistanceCategory: assistanceCategorySchema.optional().describe('ASSISTANCE_CHANGED: the new category'),
};

function checkDetails(value: { type: LifeEventType; disability?: unknown; assistanceCategory?: unknown }, ctx: z.RefinementCtx): void {
  if (value.type === 'DISABILITY_CHANGED' && value.disability === undefined) ctx.addIssue({ code: 'custom', path: ['disability'], message: 'is required for DISABILITY_CHANGED (null for none)' });
  if (value.type === 'ASSISTANCE_CHANGED' && value.assistanceCategory === undefined) ctx.addIssue({ code: 'custom', path: ['assistanceCategory'], message: 'is required for ASSISTANCE_CHANGED' });
  if (value.type !== 'DISABILITY_CHANGED' && value.disability !== undefined) ctx.addIssue({ code: 'custom', path: ['disability'], message: 'is only for DISABILITY_CHANGED' });
  if (value.type !== 'ASSISTANCE_CHANGED' && value.assistanceCategory !== undefined) ctx.addIssue({ code: 'custom', path: ['assistanceCategory'], message: 'is only for ASSISTANCE_CHANGED' });
}

export const newLifeEventSchema = z.strictObject({ eventId: clientIdSchema.optional(), ...lifeEventFields }).superRefine(checkDetails);
export type NewLifeEventInput = z.infer<typeof newLifeEventSchema>;

export const caseLifeEventSchema = z.strictObject({ eventId: clientIdSchema, ...lifeEventFields }).superRefine(checkDetails);
export type CaseLifeEventInput = z.infer<typeof caseLifeEventSchema>;

/** What a life event did to one open case or enrolment of the person. */
export const lifeEventEffectSchema = z.object({
  program: programIdSchema,
  id: z.string(),
  stageBefore: z.string(),
  stageAfter: z.string(),
  overpaymentFen: z.number().int().describe('months paid that are no longer owed (subsidies; 0 for a surgery case)'),
});
export type LifeEventEffect = z.infer<typeof lifeEventEffectSchema>;

export const lifeEventResultSchema = z.object({ person: personViewSchema, effects: z.array(lifeEventEffectSchema) });
export type LifeEventResult = z.infer<typeof lifeEventResultSchema>;
