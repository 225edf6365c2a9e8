import { sql, type Kysely } from 'kysely';

// When a request last tried to start a registration's workflow. A registration whose workflow never
// started (the request died between the two steps) would otherwise block its ID number for good:
// once nobody has tried for a while, a new opening for the same person may remove it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('case_registrations')
    .addColumn('attempted_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('case_registrations').dropColumn('attempted_at').execute();
}
