/**
 * The shape of each Update's body, checked again inside the workflow: a client talking to Temporal
 * directly skips the HTTP edge, and a malformed body must be refused before it becomes an event.
 */
import { z, type ZodType } from 'zod';
import { caseLifeEventSchema } from '../../../domain/life-events';
import { clientIdSchema } from '../../../domain/fields';
import { CONTACT_KINDS, MATTER_FUNDERS, PAIRING_CATEGORIES, REFERRAL_PROGRAMS } from '../domain/index';

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

export function pairingBodyProblem(action: PairingBodyAction, input: unknown): string | undefined {
  const parsed = PAIRING_UPDATE_BODIES[action].safeParse(input);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  return `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'is not valid'}`;
}
