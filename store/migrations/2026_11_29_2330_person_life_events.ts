import { sql, type Kysely } from 'kysely';

// Life events of persons, one row per event: its primary key is the client's (or a generated)
// eventId, its fingerprint tells a retry from a conflicting body, and `effects` keeps what the
// event did to each open case once every one of them applied it, so a retry answers the same.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('person_life_events')
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.person_id'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('on_day', 'text', (c) => c.notNull())
    .addColumn('body', 'jsonb', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('effects', 'jsonb')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('person_life_events_person_idx').on('person_life_events').columns(['person_id', 'recorded_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('person_life_events').ifExists().execute();
}
