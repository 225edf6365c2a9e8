import { sql, type Kysely } from 'kysely';

// Accounts of the people who sign in (store/users.ts owns these tables).
// `users`: one row per person; the password is an argon2id hash, never the password.
// `tokens_not_before`: tokens issued before it are refused (a reset, a password change).
// `revoked_tokens`: the jti of every token signed out before it expired, kept until its exp.
// `sign_in_audit`: every sign-in, failure, lock-out, disable, enable, reset and password change;
// the lock-out also counts failures from it, so every API process sees the same count.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('username', 'text', (c) => c.primaryKey())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('hospital_id', 'text')
    .addColumn('town', 'text')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('must_change_password', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('disabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('tokens_not_before', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_sign_in_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('revoked_tokens')
    .addColumn('jti', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('revoked_tokens_expires_at').on('revoked_tokens').column('expires_at').execute();

  await db.schema
    .createTable('sign_in_audit')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('by_username', 'text')
    .execute();
  await db.schema.createIndex('sign_in_audit_username_at').on('sign_in_audit').columns(['username', 'at']).execute();
  await db.schema.createIndex('sign_in_audit_at').on('sign_in_audit').column('at').execute();
  // The per-address limit counts recent failures from one address.
  await sql`CREATE INDEX sign_in_audit_failures_by_address ON sign_in_audit (address, at) WHERE event = 'failure'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('sign_in_audit').ifExists().execute();
  await db.schema.dropTable('revoked_tokens').ifExists().execute();
  await db.schema.dropTable('users').ifExists().execute();
}
