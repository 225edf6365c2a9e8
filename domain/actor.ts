/** Who did something: the signed-in account, or the system itself. Stored on every event. */
import { z } from 'zod';

/**
 * The roles a signed-in account or a token can hold: officers keep the registry and run the
 * applications, `civil` (civil affairs) decides subsidies and runs the payroll, `finance` approves
 * payrolls, an `official` looks after the people paired with them, a `hospital` treats its own
 * cases, an `admin` may do what the district's roles do (but act as an official or a hospital).
 */
export const ROLES = ['officer', 'hospital', 'admin', 'civil', 'finance', 'official'] as const;
export type Role = (typeof ROLES)[number];

export const actorSchema = z.object({
  role: z.enum([...ROLES, 'system', 'payer']),
  sub: z.string(),
  /** The hospital a `hospital` actor acts for; the case checks it is the case's own. */
  hospitalId: z.string().optional(),
});
export type Actor = z.infer<typeof actorSchema>;
