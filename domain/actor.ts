/** Who did something: the signed-in account, or the system itself. Stored on every event. */
import { z } from 'zod';

/** The roles a signed-in account or a token can hold. */
export const ROLES = ['officer', 'hospital', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const actorSchema = z.object({
  role: z.enum(['officer', 'hospital', 'admin', 'system', 'payer']),
  sub: z.string(),
  /** The hospital a `hospital` actor acts for; the case checks it is the case's own. */
  hospitalId: z.string().optional(),
});
export type Actor = z.infer<typeof actorSchema>;
