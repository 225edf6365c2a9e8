/**
 * The district's programs by id, and what each calls one person's place in it (a surgery case,
 * a subsidy enrolment, a pairing; a payroll is a program's monthly run, not a person's). These are
 * the words every layer shares; what each program is and does is its entry in programs/catalogue.ts.
 */
import { z } from 'zod';

export const PROGRAM_IDS = ['SURGERY', 'NURSING_SUBSIDY', 'LIVING_SUBSIDY', 'PAIRING'] as const;
export type ProgramId = (typeof PROGRAM_IDS)[number];
export const programIdSchema = z.enum(PROGRAM_IDS);

/** What an item of a program is, as the stuck radar names it. */
export const PROGRAM_ITEM_KINDS = ['case', 'enrolment', 'payroll', 'pairing'] as const;
export type ProgramItemKind = (typeof PROGRAM_ITEM_KINDS)[number];
export const programItemKindSchema = z.enum(PROGRAM_ITEM_KINDS);
