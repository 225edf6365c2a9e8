/**
 * The sandbox payers' own books (`sandbox_claims`): one row per idempotency key, never overwritten.
 * The first write of a key wins — a decision, or a void — so a key that was voided is never paid
 * and a key that was paid cannot be voided. The sandbox adapter writes here; the admin API reads
 * it, so anyone can reconcile the ledger against what the payer says it did.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database, SandboxClaimsTable } from '../../../store/schema';

export type SandboxClaimRow = Selectable<SandboxClaimsTable>;
export type NewSandboxClaim = Omit<SandboxClaimRow, 'decided_at'>;

/** Writes the row unless the key has one already; answers the row that stands. */
export async function recordSandboxClaim(db: Kysely<Database>, claim: NewSandboxClaim): Promise<SandboxClaimRow> {
  const inserted = await db.insertInto('sandbox_claims').values(claim).onConflict((oc) => oc.column('idempotency_key').doNothing()).returningAll().executeTakeFirst();
  return inserted ?? (await db.selectFrom('sandbox_claims').selectAll().where('idempotency_key', '=', claim.idempotency_key).executeTakeFirstOrThrow());
}

export async function findSandboxClaim(db: Kysely<Database>, idempotencyKey: string): Promise<SandboxClaimRow | undefined> {
  return db.selectFrom('sandbox_claims').selectAll().where('idempotency_key', '=', idempotencyKey).executeTakeFirst();
}

/** One payer's books, optionally for one case, oldest first (bounded: the admin API pages nothing). */
export async function listSandboxClaims(db: Kysely<Database>, payer: string, caseId: string | undefined, limit: number): Promise<SandboxClaimRow[]> {
  let query = db.selectFrom('sandbox_claims').selectAll().where('payer', '=', payer);
  if (caseId !== undefined) query = query.where('case_id', '=', caseId);
  return query.orderBy('decided_at').orderBy('idempotency_key').limit(limit).execute();
}
