/**
 * Bringing enrolments' months up to a new month in one go, as the payroll does when it opens: on
 * PostgreSQL (a database of this file's own), 1,203 enrolments loaded straight in with no months,
 * a few with months already written by hand (one paid, one stray, one wrong amount, one reaching
 * past the period). Expected rows written out by hand from the illustrative policy: nursing grade 1
 * is 10,000 fen a month, 11,000 from 2026-07; the enrolments are owed from 2026-03.
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { syncEnrolmentMonthsThrough } from '../../../../programs/subsidy/store/projection';
import { createDb } from '../../../../store/connection';
import { migrateToLatest } from '../../../../store/migrator';
import type { Database } from '../../../../store/schema';
import { testAdminDatabaseUrl } from '../../../support/stack';
import { seedActiveEnrolments, seedPersons } from '../../../../bench/support/registry-seed';
import { loadConfig } from '../../../../config/config';
import { loadSubsidyPolicy } from '../../../../programs/subsidy/policy-file';

let db: Kysely<Database>;
const COUNT = 1203;
const id = (n: number) => `sync-n-${String(n).padStart(7, '0')}`;
const ids = Array.from({ length: COUNT }, (_, n) => id(n));

beforeAll(async () => {
  const shared = createDb(testAdminDatabaseUrl(), { max: 1 });
  const name = `months_sync_${randomBytes(4).toString('hex')}`;
  await sql.raw(`CREATE DATABASE ${name}`).execute(shared);
  await shared.destroy();
  const url = new URL(testAdminDatabaseUrl());
  url.pathname = `/${name}`;
  db = createDb(url.toString(), { max: 2 });
  await migrateToLatest(db);
  await seedPersons(db, 'sync', 0, COUNT);
  await seedActiveEnrolments(db, 'NURSING_SUBSIDY', loadSubsidyPolicy(loadConfig().subsidy.policyFile), 'sync', COUNT, { idPrefix: 'sync' });
}, 120_000);
afterAll(async () => {
  await db?.destroy();
});

type Row = [month: string, amountFen: number, status: string];

async function monthsOf(enrolmentId: string): Promise<Row[]> {
  const rows = await db.selectFrom('enrolment_months').select(['month', 'amount_fen', 'status']).where('enrolment_id', '=', enrolmentId).orderBy('month').execute();
  return rows.map((row) => [row.month, row.amount_fen, row.status]);
}

async function snapshot(): Promise<string> {
  const rows = await sql<{ rows: string }>`select string_agg(concat_ws('|', enrolment_id, month, amount_fen, status, payroll_id, updated_at), ',' order by enrolment_id, month) as rows from enrolment_months`.execute(db);
  return rows.rows[0]!.rows;
}

test('1,203 enrolments are brought up to the period in one call: each month owed added once, the payroll\'s rows untouched, strays removed, wrong amounts corrected', async () => {
  const write = (enrolmentId: string, month: string, amountFen: number, status: 'PAYABLE' | 'PAID') =>
    db.insertInto('enrolment_months').values({ enrolment_id: enrolmentId, program: 'NURSING_SUBSIDY', month, amount_fen: amountFen, status, payroll_id: status === 'PAID' ? 'payroll-by-hand' : null }).execute();
  await write(id(0), '2026-03', 9999, 'PAID'); // paid at an odd amount: the payroll's, left alone
  await write(id(1), '2026-01', 10000, 'PAYABLE'); // before the enrolment was owed anything: removed
  await write(id(1), '2026-04', 5, 'PAYABLE'); // a wrong amount: corrected
  await write(id(2), '2026-10', 1, 'PAYABLE'); // the table already reaches past the period: kept, and filled up to it

  await db.transaction().execute((trx) => syncEnrolmentMonthsThrough(trx, [...ids, 'sync-no-such-enrolment'], '2026-08'));

  const owedThroughAugust: Row[] = [
    ['2026-03', 10000, 'PAYABLE'],
    ['2026-04', 10000, 'PAYABLE'],
    ['2026-05', 10000, 'PAYABLE'],
    ['2026-06', 10000, 'PAYABLE'],
    ['2026-07', 11000, 'PAYABLE'],
    ['2026-08', 11000, 'PAYABLE'],
  ];
  expect(await monthsOf(id(0))).toEqual([['2026-03', 9999, 'PAID'], ...owedThroughAugust.slice(1)]);
  expect(await monthsOf(id(1))).toEqual(owedThroughAugust);
  expect(await monthsOf(id(2))).toEqual([...owedThroughAugust, ['2026-09', 11000, 'PAYABLE'], ['2026-10', 11000, 'PAYABLE']]);
  expect(await monthsOf(id(COUNT - 1))).toEqual(owedThroughAugust);
  // Every enrolment: six months, 62,000 fen; the exceptions above by hand.
  const totals = await db.selectFrom('enrolment_months').select([(eb) => eb.fn.countAll<string>().as('rows'), (eb) => eb.fn.sum<string>('amount_fen').as('fen')]).executeTakeFirstOrThrow();
  expect(Number(totals.rows)).toBe(COUNT * 6 + 2);
  expect(Number(totals.fen)).toBe(COUNT * 62000 - 10000 + 9999 + 2 * 11000);

  // Again, and with a period the table already reaches: nothing is written at all.
  const before = await snapshot();
  await db.transaction().execute((trx) => syncEnrolmentMonthsThrough(trx, ids, '2026-08'));
  await db.transaction().execute((trx) => syncEnrolmentMonthsThrough(trx, ids, '2026-05'));
  expect(await snapshot()).toBe(before);
}, 60_000);
