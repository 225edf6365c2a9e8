/**
 * The backfill migration on a database that already has cases: one person per ID number, from the
 * newest case's applicant, every case linked, and running it again changes nothing.
 */
import { sql, type Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import { createDb } from '../../store/connection';
import { migrations } from '../../store/migrations';
import { up } from '../../store/migrations/2026_11_29_2320_persons_for_existing_cases';
import { idNumber } from '../api/fixtures';
import { testAdminDatabaseUrl, uniqueId } from '../support/stack';
import { idNumberIndex } from '../../store/persons';
import { open } from '../../store/sealed-columns';

// The backfill runs on the schema of its day (a later migration drops the cases' ID number column it
// reads): a database of its own, migrated up to the step before it. `any`: today's table types lack it.
let admin: Kysely<any>;
let db: Kysely<any>;
let database: string;
const idNumbers: string[] = [];

beforeAll(async () => {
  admin = createDb(testAdminDatabaseUrl(), { max: 1 });
  database = uniqueId('backfill').replace(/[^a-z0-9]/gi, '_').toLowerCase();
  await sql`create database ${sql.id(database)}`.execute(admin);
  const url = new URL(testAdminDatabaseUrl());
  url.pathname = `/${database}`;
  db = createDb(url.toString(), { max: 2 });
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo('2026_11_29_2310_persons');
  if (error) throw error;
});

afterAll(async () => {
  await db?.destroy();
  if (admin && database) await sql`drop database if exists ${sql.id(database)} with (force)`.execute(admin);
  await admin?.destroy();
});

/** A case row as the projection wrote it before the registry existed (only what the migration reads matters). */
async function insertCase(number: string, name: string, openedAt: string, town = '黄羊镇') {
  const caseId = uniqueId('pre-registry');
  const state = { caseId, stage: 'SETTLED', applicant: { name, idNumber: number, phone: null, town, village: '新店村', guardian: null }, assistanceCategory: 'TEKUN' };
  await db
    .insertInto('cases')
    .values({
      case_id: caseId,
      stage: 'SETTLED',
      town,
      hospital_id: 'wuwei-hand-foot',
      id_number: number,
      opened_at: openedAt,
      stage_entered_at: openedAt,
      updated_at: openedAt,
      last_seq: 1,
      overdue: false,
      screened: true,
      eligible: true,
      surgery_completed: true,
      state: JSON.stringify(state),
    })
    .execute();
  return caseId;
}

test('registers one person per ID number from the newest case, links every case, and is safe to run again', async () => {
  const twice = idNumber();
  const once = idNumber();
  idNumbers.push(twice, once);
  const older = await insertCase(twice, '王老五', '2025-03-01T02:00:00Z', '清源镇');
  const newer = await insertCase(twice, '王五', '2026-06-01T02:00:00Z');
  const single = await insertCase(once, '赵六', '2026-01-01T02:00:00Z');

  await up(db);

  const persons = await db.selectFrom('persons').selectAll().where('id_number', 'in', idNumbers).orderBy('name').execute();
  expect(persons.map((person) => [person.id_number, person.name, person.town, person.assistance_category, person.disability, person.status, person.fingerprint])).toEqual([
    [twice, '王五', '黄羊镇', 'TEKUN', null, 'ACTIVE', null],
    [once, '赵六', '黄羊镇', 'TEKUN', null, 'ACTIVE', null],
  ]);
  for (const person of persons) expect(person.person_id).toMatch(/^PS-[0-9A-F]{12}$/);
  const links = await db.selectFrom('case_persons').select(['case_id', 'person_id']).where('case_id', 'in', [older, newer, single]).execute();
  const personOf = new Map(links.map((link) => [link.case_id, link.person_id]));
  expect(personOf.get(older)).toBe(persons[0]!.person_id);
  expect(personOf.get(newer)).toBe(persons[0]!.person_id);
  expect(personOf.get(single)).toBe(persons[1]!.person_id);

  await up(db);
  expect(await db.selectFrom('persons').select('person_id').where('id_number', 'in', idNumbers).orderBy('name').execute()).toEqual(
    persons.map((person) => ({ person_id: person.person_id })),
  );
  expect(await db.selectFrom('case_persons').select('case_id').where('case_id', 'in', [older, newer, single]).execute()).toHaveLength(3);
});

test('the sealing migration then seals the backfilled ID numbers: the clear column is gone, the blind index finds each person', async () => {
  const { error } = await new Migrator({ db, provider: { getMigrations: async () => migrations } }).migrateTo('2026_11_30_0300_sealed_id_numbers');
  if (error) throw error;
  const columns = await sql<{ column_name: string }>`select column_name from information_schema.columns where table_name = 'persons'`.execute(db);
  expect(columns.rows.map((c) => c.column_name)).not.toContain('id_number');
  const rows = await db.selectFrom('persons').select(['person_id', 'id_number_sealed', 'id_number_index']).execute();
  for (const row of rows) {
    expect(row.id_number_sealed).toMatch(/^s1\./);
    expect(JSON.stringify(row)).not.toMatch(/\d{17}[\dX]/);
  }
  for (const number of idNumbers) {
    const found = await db.selectFrom('persons').select('id_number_sealed').where('id_number_index', '=', idNumberIndex(number)).executeTakeFirstOrThrow();
    expect(open('id-number', found.id_number_sealed)).toBe(number);
  }
});
