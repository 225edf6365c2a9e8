import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema';
import { forgetAbandonedRegistration } from '../store/registrations';

/**
 * Removes a registration left by an opening that died before its workflow started, once it is
 * abandoned (`forgetAbandonedRegistration`), and says so. The caller has made sure Temporal does
 * not know the workflow. True if it was removed.
 */
export async function removeAbandonedRegistration(db: Kysely<Database>, caseId: string, log: FastifyBaseLogger): Promise<boolean> {
  const removed = await forgetAbandonedRegistration(db, caseId);
  if (removed) log.warn({ caseId }, 'removed a registration whose workflow never started; the ID number is free again');
  return removed;
}
