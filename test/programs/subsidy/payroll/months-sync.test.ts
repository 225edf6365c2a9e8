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
let databaseUrl: string;
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
  databaseUrl = url.toString();
  db = createDb(databaseUrl, { max: 2 });
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

test('the enrolments are locked while their months are brought up: one whose death is being recorded meanwhile is read once it is, and owed nothing after it', async () => {
  // Another writer holds one of the rows: the enrolment's workflow projecting a death on 15 August.
  const holder = createDb(databaseUrl, { max: 1 });
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let holding: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (holding = resolve));
  const holderDone = holder.transaction().execute(async (trx) => {
    await trx.selectFrom('enrolments').select('enrolment_id').where('enrolment_id', '=', id(5)).forUpdate().execute();
    await sql`update enrolments set stage = 'TERMINATED', state = state || ${JSON.stringify({ stage: 'TERMINATED', termination: { on: '2026-08-15', reason: 'DIED', terminatedAfter: '2026-08' } })}::jsonb where enrolment_id = ${id(5)}`.execute(trx);
    holding();
    await released;
  });
  try {
    await held;
    let synced = false;
    const sync = db.transaction().execute((trx) => syncEnrolmentMonthsThrough(trx, [id(4), id(5), id(6)], '2026-09')).then(() => (synced = true));
    // Seen waiting for the lock in PostgreSQL itself, not after some delay.
    for (let waited = 0; ; waited++) {
      const waiting = await sql<{ n: string }>`select count(*) as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
      if (Number(waiting.rows[0]!.n) > 0) break;
      if (waited > 200) throw new Error('the sync never waited for the held enrolment');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(synced).toBe(false);
    release();
    await holderDone;
    await sync;
    for (const n of [4, 6]) expect((await monthsOf(id(n))).at(-1)).toEqual(['2026-09', 11000, 'PAYABLE']);
    // Read after the death was stored: August is the last month owed (a read without the lock would
    // have seen the enrolment still active and added September).
    expect((await monthsOf(id(5))).at(-1)).toEqual(['2026-08', 11000, 'PAYABLE']);
  } finally {
    release();
    await holderDone.catch(() => undefined);
    await holder.destroy();
  }
}, 60_000);
