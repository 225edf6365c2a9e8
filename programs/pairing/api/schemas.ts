/**
 * The pairings' HTTP shapes: the bodies a client sends (validated and normalised here, then handed
 * on as the domain's inputs), and the pairing as a client reads it — its own type, neither the
 * workflow's state nor the stored read model.
 */
import { z } from 'zod';
import { clientIdSchema, isoDaySchema, storableString, text } from '../../../domain/fields';
import { personIdSchema } from '../../../domain/persons';
import { ROLES } from '../../../domain/actor';
import { apiSchemaRegistry } from '../../../http/schemas';
import { CONTACT_KINDS, MATTER_FUNDERS, PAIRING_CATEGORIES, PAIRING_EVENT_TYPES, PAIRING_STAGES, REFERRAL_PROGRAMS } from '../domain/index';

export const pairingIdSchema = clientIdSchema;
const NOTE_MAX = 2000;

export const officialSchema = z
  .strictObject({
    sub: z.string().trim().regex(/^[A-Za-z0-9._@-]{1,64}$/, 'must be the official\'s account (1–64 letters, digits or . _ @ -)').describe("the official's account: the `sub` of their token"),
    name: text(64),
    unit: text(128).describe('the work unit (工作单位)'),
  })
  .describe('the official looking after the person');

export const newPairingSchema = z.strictObject({
  pairingId: pairingIdSchema.optional().describe('your own id, to make a retried request answer 200; generated when absent'),
  personId: personIdSchema.describe('the person in need, as registered (POST /v1/persons)'),
  category: z.enum(PAIRING_CATEGORIES),
  official: officialSchema,
});
export type NewPairingBody = z.infer<typeof newPairingSchema>;

export const reassignSchema = z.strictObject({ official: officialSchema, reason: text(500, true) });
export type ReassignBody = z.infer<typeof reassignSchema>;

export const contactSchema = z.strictObject({
  eventId: clientIdSchema.optional().describe('your own id, to make a retried request answer 200'),
  kind: z.enum(CONTACT_KINDS),
  on: isoDaySchema.describe('YYYY-MM-DD, the day of the contact (Asia/Shanghai); not after today'),
  notes: text(NOTE_MAX, true).describe('what was seen and said; no ID numbers'),
});
export type ContactBody = z.infer<typeof contactSchema>;

export const needSchema = z.strictObject({
  eventId: clientIdSchema.optional().describe('your own id, to make a retried request answer 200'),
  description: text(NOTE_MAX, true),
});
export type NeedBody = z.infer<typeof needSchema>;

export const matterSchema = z.strictObject({
  matterId: clientIdSchema.optional().describe('your own id, to make a retried request answer 200'),
  description: text(NOTE_MAX, true),
  valueFen: z.number().int().min(0).max(100_000_000).describe('what it was worth, in fen'),
  fundedBy: z.enum(MATTER_FUNDERS).describe('who paid: public funds are not allowed here (they go through a program)'),
  doneOn: isoDaySchema.describe('YYYY-MM-DD, not after today'),
});
export type MatterBody = z.infer<typeof matterSchema>;

export const referralSchema = z.strictObject({
  eventId: clientIdSchema.optional().describe('your own id, to make a retried request answer the same'),
  program: z.enum(REFERRAL_PROGRAMS),
  notes: text(NOTE_MAX, true),
  bankAccount: z.strictObject({ bank: text(64), accountNo: z.string().transform((value) => value.replace(/[\s-]/g, '')).pipe(z.string().regex(/^\d{8,32}$/, 'must be 8–32 digits')) }).optional().describe('a subsidy: where it is to be paid'),
  hospitalId: z.string().trim().min(1).max(64).optional().describe('surgery: the hospital'),
  diagnosis: text(500, true).optional().describe('surgery: the diagnosis'),
});
export type ReferralBody = z.infer<typeof referralSchema>;

export const referralResultSchema = z.object({ program: z.enum(REFERRAL_PROGRAMS), id: z.string(), created: z.boolean() });

export const pairingIdParamsSchema = z.strictObject({ pairingId: pairingIdSchema });

const booleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');

export const pairingListQuerySchema = z.strictObject({
  official: z.string().trim().min(1).max(64).optional().describe("an official's account; an official sees only their own whatever this says"),
  town: storableString.trim().min(1).max(64).optional(),
  overdue: booleanQuery.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(400).optional().describe('nextCursor of the previous page'),
});
export type PairingListQuery = z.infer<typeof pairingListQuerySchema>;

const fundsSchema = z.object({ PERSONAL: z.number().int(), UNIT: z.number().int(), CHARITY: z.number().int() });

export const pairingViewSchema = z.object({
  pairingId: z.string(),
  personId: z.string(),
  person: z.object({ name: z.string(), town: z.string() }),
  category: z.enum(PAIRING_CATEGORIES),
  stage: z.enum(PAIRING_STAGES),
  official: z.object({ sub: z.string(), name: z.string(), unit: z.string() }),
  overdue: z.boolean().describe('no contact within the cadence (PAIRING_CADENCE)'),
  dueAt: z.string().describe('when the pairing is next due: a contact within `contactEvery`, or enough visits in the last year'),
  overdueReason: z.enum(['CONTACT', 'VISITS']).nullable().describe('while overdue: no contact within `contactEvery` (CONTACT), or fewer visits in the last year than `visitsPerYear` (VISITS)'),
  lastContactOn: z.string().nullable(),
  contacts: z.number().int(),
  visits: z.number().int(),
  visitsLastYear: z.number().int().describe('visits in the 365 days up to today'),
  visitsPerYear: z.number().int().describe('visits a year the cadence asks for'),
  needs: z.number().int(),
  matters: z.number().int(),
  mattersValueFen: z.number().int(),
  mattersValueFenByFunder: fundsSchema,
  referrals: z.array(z.object({ program: z.enum(REFERRAL_PROGRAMS), id: z.string(), created: z.boolean() })),
  closedReason: z.enum(['DIED', 'MOVED_OUT']).nullable(),
  closedOn: z.string().nullable(),
  openedAt: z.string(),
  updatedAt: z.string(),
});
export type PairingView = z.infer<typeof pairingViewSchema>;

export const pairingListSchema = z.object({ items: z.array(pairingViewSchema), nextCursor: z.string().nullable() });

export const pairingEventViewSchema = z.object({
  seq: z.number().int(),
  type: z.enum(PAIRING_EVENT_TYPES),
  occurredAt: z.string(),
  actor: z.object({ role: z.enum([...ROLES, 'system']), sub: z.string() }),
  data: z.record(z.string(), z.unknown()).describe("the event's facts; a contact's notes, a need's or a matter's description in `text`"),
});
export type PairingEventView = z.infer<typeof pairingEventViewSchema>;
export const pairingEventListSchema = z.object({ items: z.array(pairingEventViewSchema) });

export const pairingStatsQuerySchema = z
  .strictObject({
    from: isoDaySchema.optional().describe('YYYY-MM-DD, the first day counted'),
    to: isoDaySchema.optional().describe('YYYY-MM-DD, the last day counted'),
  })
  .superRefine((value, ctx) => {
    if (value.from !== undefined && value.to !== undefined && value.from > value.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must not be before from' });
  });
export type PairingStatsQuery = z.infer<typeof pairingStatsQuerySchema>;

const figuresSchema = z.object({
  officials: z.number().int().describe('officials with a pairing open during the period'),
  persons: z.number().int().describe('persons with a pairing open during the period'),
  contacts: z.number().int(),
  visits: z.number().int(),
  matters: z.number().int(),
  mattersValueFen: z.number().int(),
  mattersValueFenByFunder: fundsSchema,
});
export const pairingStatsSchema = figuresSchema.extend({ byTown: z.array(figuresSchema.extend({ town: z.string() })) });
export type PairingStats = z.infer<typeof pairingStatsSchema>;

for (const [schema, id] of [
  [newPairingSchema, 'NewPairing'],
  [pairingViewSchema, 'Pairing'],
  [pairingListSchema, 'PairingList'],
  [pairingEventListSchema, 'PairingEventList'],
  [pairingStatsSchema, 'PairingStats'],
] as const) {
  apiSchemaRegistry.add(schema as z.ZodType, { id });
}
