import { sql, type Kysely } from 'kysely';

// The stuck report looks for open registrations that never reached the projection, oldest first.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('case_registrations_open_created_idx').on('case_registrations').column('created_at').where(sql.ref('open'), '=', true).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('case_registrations_open_created_idx').ifExists().execute();
}
