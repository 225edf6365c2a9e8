import { sql, type Kysely } from 'kysely';
import { isSealed } from '../../codec/sealed-field';
import { blindIndex, open, seal } from '../sealed-columns';

// ID numbers leave the clear. `persons.id_number` becomes `id_number_sealed` (AES-256-GCM, opened
// by store/persons.ts) and `id_number_index` (a blind index: HMAC-SHA256), which now carries the
// unique constraint and the lookup. `case_registrations.id_number` only ever served its partial
// unique index: the blind index replaces it. The fingerprints of both tables are canonical
// request bodies, which hold the ID number: they are sealed too. Existing rows are sealed here
// with the payload codec's keys, in batches, before the clear columns are dropped.
const BATCH = 500;

async function sealPersons(db: Kysely<any>): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await db.selectFrom('persons').select(['person_id', 'id_number', 'fingerprint']).where('person_id', '>', after).orderBy('person_id').limit(BATCH).execute();
    for (const row of rows) {
      await db
        .updateTable('persons')
        .set({
          id_number_sealed: seal('id-number', row.id_number),
          id_number_index: blindIndex('id-number', row.id_number),
          fingerprint: row.fingerprint === null || isSealed(row.fingerprint) ? row.fingerprint : seal('fingerprint', row.fingerprint),
        })
        .where('person_id', '=', row.person_id)
        .execute();
    }
    if (rows.length < BATCH) return;
    after = rows.at(-1)!.person_id;
  }
}

async function sealRegistrations(db: Kysely<any>): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await db.selectFrom('case_registrations').select(['case_id', 'id_number', 'fingerprint']).where('case_id', '>', after).orderBy('case_id').limit(BATCH).execute();
    for (const row of rows) {
      await db
        .updateTable('case_registrations')
        .set({ id_number_index: blindIndex('id-number', row.id_number), fingerprint: isSealed(row.fingerprint) ? row.fingerprint : seal('fingerprint', row.fingerprint) })
        .where('case_id', '=', row.case_id)
        .execute();
    }
    if (rows.length < BATCH) return;
    after = rows.at(-1)!.case_id;
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('persons').addColumn('id_number_sealed', 'text').addColumn('id_number_index', 'text').execute();
  await sealPersons(db);
  await db.schema.alterTable('persons').alterColumn('id_number_sealed', (c) => c.setNotNull()).execute();
  await db.schema.alterTable('persons').alterColumn('id_number_index', (c) => c.setNotNull()).execute();
  await db.schema.alterTable('persons').dropConstraint('persons_id_number_key').execute();
  await db.schema.alterTable('persons').addUniqueConstraint('persons_id_number_index_key', ['id_number_index']).execute();
  await db.schema.alterTable('persons').dropColumn('id_number').execute();

  await db.schema.alterTable('case_registrations').addColumn('id_number_index', 'text').execute();
  await sealRegistrations(db);
  await db.schema.alterTable('case_registrations').alterColumn('id_number_index', (c) => c.setNotNull()).execute();
  await db.schema.dropIndex('case_registrations_one_open_per_id_number').execute();
  await db.schema.alterTable('case_registrations').dropColumn('id_number').execute();
  await db.schema
    .createIndex('case_registrations_one_open_per_id_number')
    .on('case_registrations')
    .column('id_number_index')
    .unique()
    .where(sql.ref('open'), '=', true)
    .execute();
}

// Back to clear columns (the keys are needed: rows are opened). A registration's ID number is
// only in its sealed fingerprint (the request body of the case opening).
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('case_registrations').addColumn('id_number', 'text').execute();
  const registrations = await db.selectFrom('case_registrations').select(['case_id', 'fingerprint']).execute();
  for (const row of registrations) {
    const body = open('fingerprint', row.fingerprint);
    const idNumber = (JSON.parse(body) as { applicant?: { idNumber?: string } }).applicant?.idNumber ?? '';
    await db.updateTable('case_registrations').set({ id_number: idNumber, fingerprint: body }).where('case_id', '=', row.case_id).execute();
  }
  await db.schema.dropIndex('case_registrations_one_open_per_id_number').execute();
  await db.schema.alterTable('case_registrations').dropColumn('id_number_index').execute();
  await db.schema.alterTable('case_registrations').alterColumn('id_number', (c) => c.setNotNull()).execute();
  await db.schema.createIndex('case_registrations_one_open_per_id_number').on('case_registrations').column('id_number').unique().where(sql.ref('open'), '=', true).execute();

  await db.schema.alterTable('persons').addColumn('id_number', 'text').execute();
  const persons = await db.selectFrom('persons').select(['person_id', 'id_number_sealed', 'fingerprint']).execute();
  for (const row of persons) {
    await db
      .updateTable('persons')
      .set({ id_number: open('id-number', row.id_number_sealed), fingerprint: row.fingerprint === null ? null : open('fingerprint', row.fingerprint) })
      .where('person_id', '=', row.person_id)
      .execute();
  }
  await db.schema.alterTable('persons').alterColumn('id_number', (c) => c.setNotNull()).execute();
  await db.schema.alterTable('persons').dropConstraint('persons_id_number_index_key').execute();
  await db.schema.alterTable('persons').addUniqueConstraint('persons_id_number_key', ['id_number']).execute();
  await db.schema.alterTable('persons').dropColumn('id_number_sealed').dropColumn('id_number_index').execute();
}
