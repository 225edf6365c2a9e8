import { sql, type Kysely } from 'kysely';

// The person registry: a person is known once, by resident ID number, whatever programs they
// are in. `persons.id_number` is unique: that constraint, not a read before the write, is what
// keeps two concurrent openings from registering the same person twice. `fingerprint` is the
// canonical body of the POST /v1/persons that created the person (null when a case opening or
// the backfill created it), so that a retried POST answers 200 and a different body 409.
// `case_persons` links each surgery case to its person; later programs link their own items.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('persons')
    .addColumn('person_id', 'text', (c) => c.primaryKey())
    .addColumn('id_number', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('town', 'text', (c) => c.notNull())
    .addColumn('village', 'text')
    .addColumn('assistance_category', 'text', (c) => c.notNull())
    .addColumn('disability', 'jsonb')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('ACTIVE'))
    .addColumn('status_since', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('fingerprint', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('persons_id_number_key', ['id_number'])
    .execute();
  // Searches page by (name, person_id), within a town or across the district.
  await db.schema.createIndex('persons_name_idx').on('persons').columns(['name', 'person_id']).execute();
  await db.schema.createIndex('persons_town_name_idx').on('persons').columns(['town', 'name', 'person_id']).execute();

  await db.schema
    .createTable('case_persons')
    .addColumn('case_id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull().references('persons.person_id'))
    .addColumn('linked_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('case_persons_person_idx').on('case_persons').column('person_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('case_persons').ifExists().execute();
  await db.schema.dropTable('persons').ifExists().execute();
}
