/**
 * The shape of each Update's body, checked again by the workflow's validators (and the creation,
 * the start input, by the activity that reads its person): a client talking to Temporal directly
 * skips the HTTP edge, and a malformed body must be refused before it becomes an event.
 *
 * Not part of the domain's index: the workflow loads this module (and zod) only when a body is
 * checked, since every module a workflow loads is kept once per cached workflow.
 */
import { z, type ZodType } from 'zod';
import { caseLifeEventSchema } from '../../../domain/life-events';
import { clientIdSchema } from '../../../domain/fields';
import { bodyProblemOf } from '../../../domain/body-problem';
import { CONTACT_KINDS, MATTER_FUNDERS, PAIRING_CATEGORIES, REFERRAL_PROGRAMS } from './pairing';

const someText = z.string().trim().min(1);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day, YYYY-MM-DD');
const official = z.object({ sub: someText, name: someText, unit: someText });

export const PAIRING_UPDATE_BODIES = {
  create: z.object({ pairingId: clientIdSchema, personId: someText, category: z.enum(PAIRING_CATEGORIES), official }),
  reassign: z.object({ official, reason: someText }),
  contact: z.object({ eventId: clientIdSchema, kind: z.enum(CONTACT_KINDS), on: day, noteId: someText }),
  need: z.object({ eventId: clientIdSchema, noteId: someText }),
  matter: z.object({ matterId: clientIdSchema, noteId: someText, valueFen: z.number().int().min(0), fundedBy: z.enum(MATTER_FUNDERS), doneOn: day }),
  referral: z.object({ eventId: clientIdSchema, program: z.enum(REFERRAL_PROGRAMS), itemId: someText, created: z.boolean() }),
  'life-event': caseLifeEventSchema,
} satisfies Record<string, ZodType>;

export type PairingBodyAction = keyof typeof PAIRING_UPDATE_BODIES;

/** The first problem with `input`, naming the field, or undefined when the body is well formed. */
export function pairingBodyProblem(action: PairingBodyAction, input: unknown): string | undefined {
  return bodyProblemOf(PAIRING_UPDATE_BODIES[action], input);
}
