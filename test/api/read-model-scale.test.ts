/**
 * The projection queries behind lists and the stuck report at scale: 100,000 cases (60,000 open)
 * in a database of their own on the test PostgreSQL. A filtered page and each stuck candidate query
 * must use an index and stay fast however deep the page.
 */
import { sql, type Kysely } from 'kysely';
import { createDb } from '../../store/connection';
import { migrateToLatest } from '../../store/migrator';
import type { Database } from '../../store/schema';
import { seal } from '../../store/sealed-columns';
import { decodeCursor, encodeCursor, listCases, type CaseListFilter } from '../../programs/surgery/store/cases';
import { programStats } from '../../programs/surgery/store/stats';
import { overdueCases, retryingActivities, unprojectedRegistrations } from '../../programs/surgery/store/stuck';
import { testAdminDatabaseUrl, uniqueId } from '../support/stack';

const CASES = 100_000;
let admin: Kysely<Database>;
let db: Kysely<Database>;
let database: string;

beforeAll(async () => {
  admin = createDb(testAdminDatabaseUrl(), { max: 1 });
  database = uniqueId('scale').replace(/[^a-z0-9]/gi, '_').toLowerCase();
  await sql`create database ${sql.id(database)}`.execute(admin);
  const url = new URL(testAdminDatabaseUrl());
  url.pathname = `/${database}`;
  db = createDb(url.toString(), { max: 4 });
  await migrateToLatest(db);
  // Stages cycle through all eight; 47 towns, 5 hospitals; every 300th case overdue. Every
  // applicant has one ID number, sealed as the projection stores it (each page opens its rows).
  const sealedIdNumber = seal('id-number', '620602199001011234');
  await sql`
    insert into cases (case_id, stage, town, hospital_id, overdue, opened_at, stage_entered_at, updated_at, last_seq,
                       screened, eligible, surgery_completed, total_billed_fen, state)
    select 'S-' || lpad(i::text, 6, '0'),
           (array['SCREENING','AWAITING_ADMISSION','AWAITING_SURGERY','REHABILITATION','REIMBURSING','SETTLED','INELIGIBLE','WITHDRAWN'])[1 + i % 8],
           'town-' || (i % 47),
           (array['wuwei-hand-foot','liangzhou-people','wuwei-central','liangzhou-tcm','huangyang-health'])[1 + i % 5],
           i % 300 = 0 and i % 8 < 5,
           timestamptz '2026-01-01' + (i || ' minutes')::interval,
           timestamptz '2026-01-01' + (i || ' minutes')::interval,
           timestamptz '2026-01-01' + (i || ' minutes')::interval,
           1, i % 8 > 0, i % 8 in (1, 2, 3, 4, 5), i % 8 in (3, 4, 5), case when i % 8 in (4, 5) then 1000000 else null end,
           jsonb_build_object('caseId', 'S-' || lpad(i::text, 6, '0'), 'applicant', jsonb_build_object('name', '张三', 'idNumber', ${sealedIdNumber}::text), 'reimbursement', case when i % 8 = 5 then jsonb_build_object('outOfPocketFen', 0) else null end)
    from generate_series(1, ${CASES}) as i`.execute(db);
  await sql`
    insert into case_registrations (case_id, id_number_index, fingerprint, open, created_at)
    select case_id, lpad(substr(case_id, 3), 18, '0'), 'f', stage not in ('SETTLED', 'INELIGIBLE', 'WITHDRAWN'), opened_at from cases`.execute(db);
  await sql`
    insert into activity_failures (case_id, activity, attempts, last_failure, since, updated_at)
    select case_id, 'submitClaim', 1 + (row_number() over ()) % 6, 'down', now(), now() from cases where stage = 'REIMBURSING' limit 2000`.execute(db);
  await sql`analyze`.execute(db);
}, 120_000);

afterAll(async () => {
  await db?.destroy();
  if (admin && database) await sql`drop database if exists ${sql.id(database)} with (force)`.execute(admin);
  await admin?.destroy();
});

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  await run(); // warm the cache: measure the steady state, as a server sees it
  const started = process.hrtime.bigint();
  const value = await run();
  return { value, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

async function plan(query: { compile(): { sql: string; parameters: readonly unknown[] } }): Promise<string> {
  const { sql: text, parameters } = query.compile();
  const result = await db.executeQuery<{ 'QUERY PLAN': string }>({ sql: `explain ${text}`, parameters, query: { kind: 'RawNode' } as never, queryId: { queryId: 'explain' } as never });
  return result.rows.map((row) => row['QUERY PLAN']).join('\n');
}

const FILTERS: Array<[string, CaseListFilter]> = [
  ['no filter', {}],
  ['stage', { stage: 'AWAITING_SURGERY' }],
  ['town', { town: 'town-17' }],
  ['hospital', { hospitalId: 'liangzhou-tcm' }],
  ['overdue', { overdue: true }],
  ['stage and hospital', { stage: 'REIMBURSING', hospitalId: 'wuwei-hand-foot' }],
];

test.each(FILTERS)('a page of cases filtered by %s, first and deep, is fast and indexed', async (_name, filter) => {
  const first = await timed(() => listCases(db, filter, 50, undefined));
  expect(first.value.states.length).toBeGreaterThan(0);
  // Deep in the list: the cursor of a case ~80% of the way down.
  const deep = { openedAt: new Date(Date.parse('2026-01-01T00:00:00Z') + 20_000 * 60_000).toISOString(), caseId: 'S-020000' };
  const later = await timed(() => listCases(db, filter, 50, deep));
  process.stdout.write(`list ${JSON.stringify(filter)}: first page ${first.ms.toFixed(1)} ms, deep page ${later.ms.toFixed(1)} ms\n`);
  expect(first.ms).toBeLessThan(100);
  expect(later.ms).toBeLessThan(100);
  expect(decodeCursor(encodeCursor(deep))).toEqual(deep);

  let query = db.selectFrom('cases').select(['state', 'opened_at', 'case_id']);
  if (filter.stage) query = query.where('stage', '=', filter.stage);
  if (filter.town) query = query.where('town', '=', filter.town);
  if (filter.hospitalId) query = query.where('hospital_id', '=', filter.hospitalId);
  if (filter.overdue !== undefined) query = query.where('overdue', '=', filter.overdue);
  const explained = await plan(query.where(sql<boolean>`(opened_at, case_id) < (${deep.openedAt}::timestamptz, ${deep.caseId})`).orderBy('opened_at', 'desc').orderBy('case_id', 'desc').limit(51));
  expect(explained).toMatch(/Index/);
  expect(explained).not.toMatch(/Seq Scan on cases/);
});

test('paging through a filter visits every case once, newest first', async () => {
  const filter: CaseListFilter = { town: 'town-3', stage: 'SETTLED' };
  const seen: string[] = [];
  let cursor;
  do {
    const page = await listCases(db, filter, 200, cursor);
    seen.push(...page.states.map((state) => state.caseId));
    cursor = page.next ?? undefined;
  } while (cursor);
  const expected = await db.selectFrom('cases').select('case_id').where('town', '=', 'town-3').where('stage', '=', 'SETTLED').orderBy('opened_at', 'desc').execute();
  expect(seen).toEqual(expected.map((row) => row.case_id));
});

test('the stuck candidates are found fast among 60,000 open cases', async () => {
  const overdue = await timed(() => overdueCases(db, 500));
  const retrying = await timed(() => retryingActivities(db, 3, 500));
  const unprojected = await timed(() => unprojectedRegistrations(db, 3_000, 500));
  process.stdout.write(`stuck: overdue ${overdue.ms.toFixed(1)} ms (${overdue.value.length}), retrying ${retrying.ms.toFixed(1)} ms (${retrying.value.length}), unprojected ${unprojected.ms.toFixed(1)} ms\n`);
  expect(overdue.value.length).toBeGreaterThan(100);
  expect(retrying.value).toHaveLength(500);
  expect(unprojected.value).toEqual([]);
  expect(overdue.ms).toBeLessThan(100);
  expect(retrying.ms).toBeLessThan(200);
  expect(unprojected.ms).toBeLessThan(300);
});

test('statistics over 100,000 cases', async () => {
  const stats = await timed(() => programStats(db));
  process.stdout.write(`stats over ${CASES} cases: ${stats.ms.toFixed(1)} ms\n`);
  expect(Object.values(stats.value.casesByStage).reduce((a, b) => a + b, 0)).toBe(CASES);
  expect(stats.value.settledCases).toBe(CASES / 8);
  expect(Object.keys(stats.value.screenedByTown)).toHaveLength(47);
  expect(stats.ms).toBeLessThan(2_000);
});
