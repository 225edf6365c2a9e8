/**
 * The bulk loaders the benchmark fills the registry and a subsidy program with: rows written in
 * multi-row INSERTs read back exactly as the one-at-a-time functions' rows do (sealed at rest,
 * found by the blind index, opened on the way out), and a payroll sees the seeded enrolments as
 * granted. On a PostgreSQL of its own: ACTIVE enrolments in the shared database would become
 * lines of other tests' payrolls.
 */
import { sql, type Kysely } from 'kysely';
import { seedActiveEnrolments, seedPersons, benchIdNumber, benchPersonId } from '../../bench/support/registry-seed';
import { loadConfig } from '../../config/config';
import { loadSubsidyPolicy } from '../../programs/subsidy/policy-file';
import { grantedEnrolmentIds, readEnrolmentState } from '../../programs/subsidy/store/enrolments';
import { createDb } from '../../store/connection';
import type { Database } from '../../store/schema';
import { findPersonByIdNumber } from '../../store/persons';
import { startOwnPostgres, type OwnPostgres } from '../support/own-postgres';

let server: OwnPostgres;
let db: Kysely<Database>;

beforeAll(async () => {
  server = await startOwnPostgres({ migrate: true });
  db = createDb(server.appUrl, { max: 2 });
}, 120_000);
afterAll(async () => {
  await db?.destroy();
  await server?.stop();
}, 60_000);

test('bulk-loaded persons are sealed at rest and found by ID number', async () => {
  await seedPersons(db, 'bulk', 0, 30);
  const idNumber = benchIdNumber(7);
  expect(await findPersonByIdNumber(db, idNumber)).toMatchObject({ person_id: benchPersonId('bulk', 7), id_number: idNumber, assistance_category: 'DIBAO', fingerprint: null });
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from persons where id_number_sealed like ${`%${idNumber}%`} or id_number_index = ${idNumber}`.execute(db);
  expect(rows[0]!.n).toBe(0);
  const count = await sql<{ n: number }>`select count(*)::int as n from persons`.execute(db);
  expect(count.rows[0]!.n).toBe(30);
}, 60_000);

test('bulk-loaded enrolments are ACTIVE with their own account, and granted for a payroll', async () => {
  await seedPersons(db, 'bulkp', 100, 3);
  const policy = loadSubsidyPolicy(loadConfig().subsidy.policyFile);
  const seeded = await seedActiveEnrolments(db, 'LIVING_SUBSIDY', policy, 'bulkp', 3, { firstPerson: 100 });
  const state = await readEnrolmentState(db, 'bench-l-0000002');
  expect(state).toMatchObject({ stage: 'ACTIVE', program: 'LIVING_SUBSIDY', activeFrom: seeded.firstMonth, personId: benchPersonId('bulkp', 102), bankAccount: { accountNo: '6228480000000000002' } });
  expect(await grantedEnrolmentIds(db, 'LIVING_SUBSIDY')).toEqual(['bench-l-0000000', 'bench-l-0000001', 'bench-l-0000002']);
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from enrolments where bank_account like '%6228480000000000002%'`.execute(db);
  expect(rows[0]!.n).toBe(0);
}, 60_000);
