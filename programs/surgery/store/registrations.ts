/**
 * `case_registrations`: written before a case's workflow starts. Its partial unique index on
 * the ID number's blind index (open rows only) is what keeps one open case per ID number under concurrent requests;
 * its primary key and fingerprint tell a retried POST from a conflicting one.
 *
 * A request that dies between the registration and the start leaves a registration without a
 * workflow. A retry of the same request starts it; otherwise, once nobody has set out to start it
 * for ABANDONED_AFTER_MS (`attempted_at`, renewed by every retry), it may be removed, so that the
 * person can be registered again.
 *
 * The fingerprint (the opening's canonical body, which holds the ID number) is stored sealed and
 * given back opened; no ID number is kept in clear.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../store/schema';
import { idNumberIndex } from '../../../store/persons';
import { open, seal } from '../../../store/sealed-columns';

const ONE_OPEN_PER_ID_NUMBER = 'case_registrations_one_open_per_id_number';
const PRIMARY_KEY = 'case_registrations_pkey';

/** Far longer than any start can take (the API bounds its Temporal calls by the 30 s update timeout). */
export const ABANDONED_AFTER_MS = 5 * 60_000;

export type RegistrationOutcome =
  | { kind: 'registered' }
  | { kind: 'same-case'; fingerprint: string; open: boolean }
  | { kind: 'open-case-for-id-number'; existingCaseId: string };

function uniqueViolation(error: unknown): string | undefined {
  const pgError = error as { code?: string; constraint?: string };
  return pgError.code === '23505' ? pgError.constraint ?? '' : undefined;
}

export async function registerCase(db: Kysely<Database>, caseId: string, idNumber: string, fingerprint: string): Promise<RegistrationOutcome> {
  // A few rounds at most: the row we collided with may be closed or removed between two statements.
  for (let round = 0; round < 3; round++) {
    try {
      await db.insertInto('case_registrations').values({ case_id: caseId, id_number_index: idNumberIndex(idNumber), fingerprint: seal('fingerprint', fingerprint) }).execute();
      return { kind: 'registered' };
    } catch (error) {
      const constraint = uniqueViolation(error);
      if (constraint === undefined) throw error;
      if (constraint === PRIMARY_KEY) {
        // A retry: renewing attempted_at keeps the registration from being taken for abandoned
        // while this request starts its workflow; if it was removed already, register afresh.
        const existing = await db
          .updateTable('case_registrations')
          .set({ attempted_at: sql`now()` })
          .where('case_id', '=', caseId)
          .returning(['fingerprint', 'open'])
          .executeTakeFirst();
        if (existing) return { kind: 'same-case', fingerprint: open('fingerprint', existing.fingerprint), open: existing.open };
      } else if (constraint === ONE_OPEN_PER_ID_NUMBER) {
        const openCase = await db.selectFrom('case_registrations').select('case_id').where('id_number_index', '=', idNumberIndex(idNumber)).where('open', '=', true).executeTakeFirst();
        if (openCase) return { kind: 'open-case-for-id-number', existingCaseId: openCase.case_id };
      } else {
        throw error;
      }
    }
  }
  throw new Error('case registration kept colliding with rows that then disappeared');
}

/** Undoes a registration whose workflow certainly never started, so that the ID number is free again. */
export async function forgetRegistration(db: Kysely<Database>, caseId: string, fingerprint: string): Promise<void> {
  // Sealed fingerprints differ each time they are sealed: compare the opened one, delete the row as read.
  const row = await db.selectFrom('case_registrations').select('fingerprint').where('case_id', '=', caseId).executeTakeFirst();
  if (!row || open('fingerprint', row.fingerprint) !== fingerprint) return;
  await db.deleteFrom('case_registrations').where('case_id', '=', caseId).where('fingerprint', '=', row.fingerprint).execute();
}

/**
 * Removes an open registration nobody has tried to start for ABANDONED_AFTER_MS. Only for a case
 * whose workflow Temporal does not know: the caller has checked. True if it was removed.
 */
export async function forgetAbandonedRegistration(db: Kysely<Database>, caseId: string): Promise<boolean> {
  const removed = await db
    .deleteFrom('case_registrations')
    .where('case_id', '=', caseId)
    .where('open', '=', true)
    .where('attempted_at', '<', sql<Date>`now() - ${sql.lit(ABANDONED_AFTER_MS / 1000)} * interval '1 second'`)
    .executeTakeFirst();
  return removed.numDeletedRows > 0n;
}

export async function isRegistered(db: Kysely<Database>, caseId: string): Promise<boolean> {
  const row = await db.selectFrom('case_registrations').select('case_id').where('case_id', '=', caseId).executeTakeFirst();
  return row !== undefined;
}
