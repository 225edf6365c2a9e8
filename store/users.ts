/**
 * The accounts of the people who sign in, their signed-out tokens and the sign-in audit: the only
 * module that reads or writes `users`, `revoked_tokens` and `sign_in_audit`.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Role } from '../domain/actor';
import type { Database, UsersTable } from './schema';

export const AUDIT_EVENTS = ['sign-in', 'failure', 'lock-out', 'sign-out', 'password-change', 'create', 'disable', 'enable', 'reset'] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

export interface User {
  username: string;
  displayName: string;
  role: Role;
  hospitalId: string | null;
  town: string | null;
  mustChangePassword: boolean;
  disabled: boolean;
  createdAt: Date;
  lastSignInAt: Date | null;
}

export interface UserWithSecret extends User {
  passwordHash: string;
  tokensNotBefore: Date;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  hospitalId: string | null;
  town: string | null;
  passwordHash: string;
}

export interface AuditEntry {
  at: Date;
  username: string;
  event: AuditEvent;
  address: string | null;
  byUsername: string | null;
}

function userOf(row: Selectable<UsersTable>): UserWithSecret {
  return {
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    hospitalId: row.hospital_id,
    town: row.town,
    mustChangePassword: row.must_change_password,
    disabled: row.disabled,
    createdAt: row.created_at,
    lastSignInAt: row.last_sign_in_at,
    passwordHash: row.password_hash,
    tokensNotBefore: row.tokens_not_before,
  };
}

/**
 * The display names of these accounts, by user name, for timelines: an event's actor is the
 * account's name (its `sub`), which a clerk reads better as the person's name. Subjects that are
 * no account here (the system, a payer, a single-sign-on subject) are simply absent.
 */
export async function displayNamesOf(db: Kysely<Database>, usernames: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(usernames)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('users').select(['username', 'display_name']).where('username', 'in', unique).execute();
  return new Map(rows.map((row) => [row.username, row.display_name]));
}

/** Without the hash: what may leave this module for a response. */
export function publicUser({ passwordHash: _hash, tokensNotBefore: _notBefore, ...user }: UserWithSecret): User {
  return user;
}

export async function findUser(db: Kysely<Database>, username: string): Promise<UserWithSecret | undefined> {
  const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return row && userOf(row);
}

export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map((row) => publicUser(userOf(row)));
}

/** False when the user name is taken. */
export async function insertUser(db: Kysely<Database>, user: NewUser): Promise<boolean> {
  const inserted = await db
    .insertInto('users')
    .values({
      username: user.username,
      display_name: user.displayName,
      role: user.role,
      hospital_id: user.hospitalId,
      town: user.town,
      password_hash: user.passwordHash,
      must_change_password: true,
      disabled: false,
    })
    .onConflict((conflict) => conflict.column('username').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** A new password: every token issued before `now` stops working. */
export async function setPassword(db: Kysely<Database>, username: string, passwordHash: string, mustChange: boolean, now: Date): Promise<boolean> {
  const updated = await db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: mustChange, tokens_not_before: now })
    .where('username', '=', username)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

export async function setDisabled(db: Kysely<Database>, username: string, disabled: boolean): Promise<boolean> {
  const updated = await db.updateTable('users').set({ disabled }).where('username', '=', username).executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

export async function recordSignIn(db: Kysely<Database>, username: string, at: Date): Promise<void> {
  await db.updateTable('users').set({ last_sign_in_at: at }).where('username', '=', username).execute();
}

export async function revokeToken(db: Kysely<Database>, jti: string, username: string, expiresAt: Date): Promise<void> {
  await db.insertInto('revoked_tokens').values({ jti, username, expires_at: expiresAt }).onConflict((conflict) => conflict.column('jti').doNothing()).execute();
  // Housekeeping on the way: a revoked token past its exp is refused by its exp alone.
  await db.deleteFrom('revoked_tokens').where('expires_at', '<', new Date(Date.now() - 3_600_000)).execute();
}

/** What decides whether an account token still works, in one round trip. */
export interface TokenStanding {
  disabled: boolean;
  tokensNotBefore: Date;
  revoked: boolean;
}

export async function tokenStanding(db: Kysely<Database>, username: string, jti: string): Promise<TokenStanding | undefined> {
  const row = await db
    .selectFrom('users')
    .select((eb) => [
      'disabled',
      'tokens_not_before',
      eb.exists(eb.selectFrom('revoked_tokens').select('jti').where('jti', '=', jti)).as('revoked'),
    ])
    .where('username', '=', username)
    .executeTakeFirst();
  return row && { disabled: row.disabled, tokensNotBefore: row.tokens_not_before, revoked: Boolean(row.revoked) };
}

export async function audit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('sign_in_audit')
    .values({ at: entry.at, username: entry.username, event: entry.event, address: entry.address, by_username: entry.byUsername })
    .execute();
}

/** Newest first; `before` is the id of the last entry of the previous page. */
export async function listAudit(db: Kysely<Database>, { limit, before, username }: { limit: number; before?: number; username?: string }): Promise<Array<AuditEntry & { id: number }>> {
  let query = db.selectFrom('sign_in_audit').selectAll().orderBy('id', 'desc').limit(limit);
  if (before !== undefined) query = query.where('id', '<', before);
  if (username !== undefined) query = query.where('username', '=', username);
  const rows = await query.execute();
  return rows.map((row) => ({ id: Number(row.id), at: row.at, username: row.username, event: row.event as AuditEvent, address: row.address, byUsername: row.by_username }));
}

/**
 * Failed sign-ins since `since`, for one user name (the lock-out) or from one address (the
 * per-address limit); counted here so that every API process counts the same ones.
 */
export async function countFailuresSince(db: Kysely<Database>, of: { username: string } | { address: string }, since: Date): Promise<number> {
  let query = db
    .selectFrom('sign_in_audit')
    .select((eb) => eb.fn.countAll<string>().as('failures'))
    .where('event', '=', 'failure')
    .where('at', '>', since);
  query = 'username' in of ? query.where('username', '=', of.username) : query.where('address', '=', of.address);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.failures);
}

/** The latest event of these kinds for a user name, after `since`. */
export async function latestEvent(db: Kysely<Database>, username: string, events: AuditEvent[], since: Date): Promise<Date | undefined> {
  const row = await db
    .selectFrom('sign_in_audit')
    .select('at')
    .where('username', '=', username)
    .where('event', 'in', events)
    .where('at', '>', since)
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.at;
}
