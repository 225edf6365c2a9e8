/**
 * The migrations that seal what earlier versions stored in clear: on a database of their day
 * (migrated up to the step before them) holding a person, a registration, a case with its opening
 * event and an enrolment with its events, they leave no ID number or account in any row, every
 * owner module reads the values back, and `down` puts them back in clear.
 */
import { sql, type Kysely } from 'kysely';
import { Migrator } from 'kysely/migration';
import { createDb } from '../../store/connection';
import { migrations } from '../../store/migrations';
import type { Database } from '../../store/schema';
import { findPersonById, findPersonByIdNumber } from '../../store/persons';
import { readEnrolmentState } from '../../programs/subsidy/store/enrolments';
import { listEnrolmentEvents } from '../../programs/subsidy/store/enrolment-events';
import { findCaseState } from '../../programs/surgery/store/cases';
import { listCaseEvents } from '../../programs/surgery/store/case-events';
import { canonicalJson } from '../../domain/canonical-json';
import { idNumber } from '../api/fixtures';
import { testAdminDatabaseUrl, uniqueId } from '../support/stack';

let admin: Kysely<any>;
let db: Kysely<any>;
let database: string;
const migrator = () => new Migrator({ db, provider: { getMigrations: async () => migrations } });
const BEFORE_SEALING = '2026_11_30_0200_subsidy_enrolments';

beforeAll(async () => {
  admin = createDb(testAdminDatabaseUrl(), { max: 1 });
  database = uniqueId('sealing').replace(/[^a-z0-9]/gi, '_').toLowerCase();
  await sql`create database ${sql.id(database)}`.execute(admin);
  const url = new URL(testAdminDatabaseUrl());
  url.pathname = `/${database}`;
  db = createDb(url.toString(), { max: 2 });
  const { error } = await migrator().migrateTo(BEFORE_SEALING);
  if (error) throw error;
});

afterAll(async () => {
  await db?.destroy();
  if (admin && database) await sql`drop database if exists ${sql.id(database)} with (force)`.execute(admin);
  await admin?.destroy();
});

async function everyRow(tables: string[]): Promise<string> {
  const parts: string[] = [];
  for (const table of tables) parts.push(...(await sql<{ text: string }>`select t::text as text from ${sql.table(table)} t`.execute(db)).rows.map((r) => r.text));
  return parts.join('\n');
}

test('existing rows are sealed, read back through the owner modules, and opened again by down', async () => {
  const person = idNumber();
  const applicant = idNumber();
  const account = { bank: '甘肃银行', accountNo: '6214000000004321987' };
  const changed = { bank: '邮储银行', accountNo: '6210980000000005678' };
  const personBody = { personId: 'PS-1', idNumber: person, name: '旧人', town: '黄羊镇', assistanceCategory: 'DIBAO' };
  await db
    .insertInto('persons')
    .values({ person_id: 'PS-1', id_number: person, name: '旧人', town: '黄羊镇', assistance_category: 'DIBAO', fingerprint: canonicalJson(personBody) })
    .execute();
  const opening = { applicant: { name: '旧申请人', idNumber: applicant, phone: null, town: '黄羊镇', village: null, guardian: null } };
  await db.insertInto('case_registrations').values({ case_id: 'C-1', id_number: applicant, fingerprint: canonicalJson(opening) }).execute();
  const at = '2026-10-01T02:00:00Z';
  await db
    .insertInto('cases')
    .values({ case_id: 'C-1', stage: 'SCREENING', town: '黄羊镇', hospital_id: 'wuwei-hand-foot', opened_at: at, stage_entered_at: at, updated_at: at, last_seq: 1, overdue: false, screened: false, eligible: false, surgery_completed: false, state: JSON.stringify({ caseId: 'C-1', ...opening, applied: {} }) })
    .execute();
  await db
    .insertInto('case_events')
    .values({ case_id: 'C-1', seq: 1, type: 'CaseOpened', occurred_at: at, actor: JSON.stringify({ role: 'officer', sub: 'o' }), data: JSON.stringify({ caseId: 'C-1', input: opening, hospitalLevel: 'COUNTY' }) })
    .execute();
  const application = { program: 'NURSING_SUBSIDY', personId: 'PS-1', appliedOn: '2026-09-15', bankAccount: account };
  await db
    .insertInto('enrolments')
    .values({
      enrolment_id: 'EN-1', program: 'NURSING_SUBSIDY', person_id: 'PS-1', town: '黄羊镇', stage: 'TOWN_REVIEW', overdue: false, applied_on: '2026-09-15',
      opened_at: at, stage_entered_at: at, updated_at: at, last_seq: 2, bank_account: JSON.stringify(changed),
      state: JSON.stringify({ enrolmentId: 'EN-1', stage: 'TOWN_REVIEW', applied: { apply: canonicalJson(application) } }),
    })
    .execute();
  const actor = JSON.stringify({ role: 'officer', sub: 'o' });
  await db
    .insertInto('enrolment_events')
    .values([
      { enrolment_id: 'EN-1', seq: 1, type: 'EnrolmentApplied', occurred_at: at, actor, data: JSON.stringify({ input: { program: 'NURSING_SUBSIDY', personId: 'PS-1', appliedOn: '2026-09-15' } }), idempotency: JSON.stringify({ key: 'apply', fingerprint: canonicalJson(application) }), bank_account: JSON.stringify(account) },
      { enrolment_id: 'EN-1', seq: 2, type: 'BankAccountChanged', occurred_at: at, actor, data: '{}', idempotency: null, bank_account: JSON.stringify(changed) },
    ])
    .execute();
  const TABLES = ['persons', 'case_registrations', 'cases', 'case_events', 'enrolments', 'enrolment_events'];
  const clear = [person, applicant, account.accountNo, changed.accountNo];
  const before = await everyRow(TABLES);
  for (const value of clear) expect(before).toContain(value);

  const { error } = await migrator().migrateToLatest();
  if (error) throw error;
  const after = await everyRow(TABLES);
  for (const value of clear) expect(after).not.toContain(value);

  const typed = db as Kysely<Database>;
  expect(await findPersonById(typed, 'PS-1')).toMatchObject({ id_number: person, fingerprint: canonicalJson(personBody) });
  expect((await findPersonByIdNumber(typed, person))?.person_id).toBe('PS-1');
  expect((await findCaseState(typed, 'C-1'))?.applicant.idNumber).toBe(applicant);
  expect(((await listCaseEvents(typed, 'C-1'))[0]!.data as { input: { applicant: { idNumber: string } } }).input.applicant.idNumber).toBe(applicant);
  const state = await readEnrolmentState(typed, 'EN-1');
  expect(state?.bankAccount).toEqual(changed);
  expect(state?.applied).toEqual({ apply: canonicalJson(application) });
  const events = await listEnrolmentEvents(typed, 'EN-1');
  expect(events.map((e) => [e.type, e.data, e.idempotency])).toEqual([
    ['EnrolmentApplied', { input: { ...application, bankAccount: account } }, { key: 'apply', fingerprint: canonicalJson(application) }],
    ['BankAccountChanged', changed, undefined],
  ]);
  // The registration's one-open-case rule now keys on the blind index.
  await expect(db.insertInto('case_registrations').values({ case_id: 'C-2', id_number_index: (await db.selectFrom('case_registrations').select('id_number_index').executeTakeFirstOrThrow()).id_number_index, fingerprint: 'x' }).execute()).rejects.toMatchObject({ code: '23505' });

  const down = await migrator().migrateTo(BEFORE_SEALING);
  if (down.error) throw down.error;
  const opened = await everyRow(TABLES);
  for (const value of clear) expect(opened).toContain(value);
  expect((await db.selectFrom('persons').select('fingerprint').executeTakeFirstOrThrow()).fingerprint).toBe(canonicalJson(personBody));
});
