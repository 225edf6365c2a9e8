/**
 * The shape of each Update's body, checked again by the workflow's validators (and the
 * application, the start input, by the activity that reads its person): a client talking to
 * Temporal directly skips the HTTP edge's validation, and a malformed body must be refused before
 * it becomes an event. The edge's own schemas remain the place for the finer text rules.
 *
 * Not part of the domain's index: the workflow loads this module (and zod) only when a body is
 * checked, since every module a workflow loads is kept once per cached workflow.
 */
import { z, type ZodType } from 'zod';
import { caseLifeEventSchema } from '../../../domain/life-events';
import { clientIdSchema } from '../../../domain/fields';
import { bodyProblemOf } from '../../../domain/body-problem';
import { SUBSIDY_PROGRAMS } from './programs';

const someText = z.string().trim().min(1);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day, YYYY-MM-DD');

const bankAccount = z.object({ bank: someText, accountNo: someText });

export const UPDATE_BODIES = {
  apply: z.object({ enrolmentId: clientIdSchema, program: z.enum(SUBSIDY_PROGRAMS), personId: someText, appliedOn: day, bankAccount }),
  'town-review': z.object({ approved: z.boolean(), reason: someText.optional(), reviewedBy: someText }),
  'cdpf-review': z.object({ approved: z.boolean(), reason: someText.optional(), reviewedBy: someText }),
  decision: z.object({ approved: z.boolean(), reason: someText.optional() }),
  objection: z.object({ reason: someText }),
  withdraw: z.object({ reason: someText }),
  suspend: z.object({ fromMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month, YYYY-MM'), reason: someText }),
  reinstate: z.object({ backPay: z.boolean() }),
  'bank-account': bankAccount,
  repayment: z.object({ amountFen: z.number().int().positive(), reference: someText }),
  waive: z.object({ reason: someText }),
  'life-event': caseLifeEventSchema,
} satisfies Record<string, ZodType>;

export type BodyAction = keyof typeof UPDATE_BODIES;

/** The first problem with `input`, naming the field, or undefined when the body is well formed. */
export function bodyProblem(action: BodyAction, input: unknown): string | undefined {
  return bodyProblemOf(UPDATE_BODIES[action], input);
}
