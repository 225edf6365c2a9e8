/**
 * Life events: a change in a person's life, from a date, that every open case and enrolment of the
 * person must hear of. The person's record changes (registry); each applies its own program's rule
 * (the program's entry in programs/catalogue.ts says how).
 */
import { z } from 'zod';
import { assistanceCategorySchema, clientIdSchema, isoDaySchema } from './fields';
import { disabilitySchema } from './disability';
import { programIdSchema } from './programs';
import { LIFE_EVENT_TYPES, type LifeEventType } from './life-event-types';

export { ENDING_LIFE_EVENTS, LIFE_EVENT_TYPES, type LifeEventType } from './life-event-types';

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
