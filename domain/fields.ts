/**
 * The fields every program's requests share: text that is safe to store and to show, resident ID
 * numbers, client-chosen ids and the assistance categories of a person.
 */
import { z } from 'zod';
import { holdsIdNumber, idNumberProblem } from './id-number';
import { invisibleCharacterProblem, TEXT_NORMAL_FORM, unifyLineBreaks } from './visible-text';

export const isoDateTime = z.iso.datetime({ offset: true }).describe('ISO 8601 date-time with an offset');
// A plain pattern rather than z.iso.date(): the workflow checks the body again inside Temporal's
// sandbox, where that format check refused valid days.
export const isoDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day, YYYY-MM-DD')
  .refine((day) => {
    const date = new Date(`${day}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
  }, 'is not a day of the calendar')
  .describe('YYYY-MM-DD');

/** A calendar month, as subsidies are owed and paid. */
// Years 1900–2199: a month outside them is a typing error here, and PostgreSQL refuses year 0000.
export const isoMonthSchema = z
  .string()
  .regex(/^(19|20|21)\d{2}-(0[1-9]|1[0-2])$/, 'must be a month, YYYY-MM')
  .describe('YYYY-MM');

/**
 * Text PostgreSQL can store in jsonb: no NUL character and no unpaired surrogate. Anything else
 * would be accepted here and then refused by the event store, leaving a case that cannot move.
 */
export function storableTextProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain the NUL character';
  if (!value.isWellFormed()) return 'must be well-formed Unicode';
  return undefined;
}

/** Said of a free-text field that holds an ID number: it would be shown to people who may not see it. */
export const HOLDS_ID_NUMBER = 'must not contain a resident ID number: enter it in the ID number field only';

/**
 * Every text field of a request: storable (above), NFKC-normalised, and without control or format
 * characters (domain/visible-text.ts). Single-line unless `multiline`: a diagnosis, a reason or a
 * note may have line breaks and tabs. No ID number in it, unless the field is one that holds it by
 * design (a disability certificate number is the ID number and two digits).
 */
function textString(multiline: boolean, mayHoldIdNumber = false) {
  return z
    .string()
    .normalize(TEXT_NORMAL_FORM)
    .overwrite((value) => (multiline ? unifyLineBreaks(value) : value))
    .superRefine((value, ctx) => {
      const problem = storableTextProblem(value) ?? invisibleCharacterProblem(value, multiline) ?? (!mayHoldIdNumber && holdsIdNumber(value) ? HOLDS_ID_NUMBER : undefined);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
}

export const storableString = textString(false);

export const text = (max: number, multiline = false) => textString(multiline).trim().min(1).max(max);
/** A disability certificate number: the holder's ID number and two digits, shown masked to those who may not see it. */
export const certificateText = (max: number) => textString(false, true).trim().min(1).max(max);
// Blank optional text means "not given": a blank certificate is no certificate.
export const optionalText = (max: number, multiline = false, mayHoldIdNumber = false) =>
  textString(multiline, mayHoldIdNumber)
    .trim()
    .max(max)
    .transform((value) => (value === '' ? undefined : value))
    .optional();

/** An id a client may choose for what it creates (a case, a person, an event): it travels in URLs and log lines. */
/** An amount of money in fen (1/100 元): a whole number, never negative. */
export const fenSchema = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const clientIdSchema = z.string().regex(/^[A-Za-z0-9-]{3,64}$/, 'must be 3–64 letters, digits or hyphens');

export const idNumberSchema = z
  .string()
  .transform((value) => value.trim().toUpperCase())
  .superRefine((value, ctx) => {
    const problem = idNumberProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: `resident ID number ${problem}` });
  });

export const ASSISTANCE_CATEGORIES = ['TEKUN', 'DIBAO', 'RETURNED_POOR', 'NONE'] as const;
export type AssistanceCategory = (typeof ASSISTANCE_CATEGORIES)[number];
export const assistanceCategorySchema = z.enum(ASSISTANCE_CATEGORIES);

/** One problem with one field of a request, by its path (`applicant.idNumber`). */
export interface FieldIssue {
  path: string;
  message: string;
}
