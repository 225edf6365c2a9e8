/**
 * A disability as the certificate (残疾人证) states it: the registry keeps it on the person, and a
 * life event (DISABILITY_CHANGED) carries a new one to every program's workflow — which is why
 * it has a file of its own: a workflow imports this, not the registry's views (domain/persons.ts).
 */
import { z } from 'zod';
import { certificateText } from './fields';

export const DISABILITY_CATEGORIES = ['PHYSICAL', 'VISUAL', 'HEARING', 'SPEECH', 'INTELLECTUAL', 'MENTAL', 'MULTIPLE'] as const;

export const disabilitySchema = z.strictObject({
  certificateNo: certificateText(64),
  category: z.enum(DISABILITY_CATEGORIES),
  grade: z.number().int().min(1).max(4),
  longTermCare: z.boolean(),
});
export type Disability = z.infer<typeof disabilitySchema>;
