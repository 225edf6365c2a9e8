/**
 * A worker killed with SIGKILL while a payroll of 2,000 lines is being paid. 2,000 persons each
 * hold an ACTIVE nursing subsidy granted in November 2026 (seeded through the subsidy core and the
 * event store, as the arrears test does, so that the set-up takes seconds, not minutes); civil
 * affairs opens and submits November's payroll, finance approves it, and the worker dies once some
 * of its 100-line batches are paid and not all. A new worker must finish it: RECONCILED, every line
 * PAID exactly once in the bank's books, the paid total the roster's and the bank's alike — the
 * figures written out below, not computed by the code under test.
 */
import type { Kysely } from 'kysely';
import { decide, type EnrolmentCommand, type EnrolmentEvent, type EnrolmentState, type PersonFacts, type SubsidyActor } from '../../programs/subsidy/domain/index';
import { replayEnrolmentEvents } from '../../programs/subsidy/domain/enrolment-state';
import { DEFAULT_SUBSIDY_POLICY_FILE, loadSubsidyPolicy } from '../../programs/subsidy/policy-file';
import { appendEnrolmentEvents } from '../../programs/subsidy/store/event-store';
import { putSandboxBankSetting } from '../../programs/subsidy/store/sandbox-bank';
import { keepSubsidyPolicy } from '../../programs/subsidy/store/subsidy-policies';
import { insertPerson } from '../../store/persons';
import type { Database } from '../../store/schema';
import { idNumber } from '../api/fixtures';
import { testTemporalAddress, uniqueId, uniqueTaskQueue } from '../support/stack';
import { http, startInProcessApi, type InProcessApi } from './support/api';
import { eventually, inParallel } from './support/cases';
import { startWorkerProcess, type ChildProcessHandle } from './support/child-processes';
import { payrollFaultProblems } from './support/payroll-invariants';
import { createOwnDatabase, faultDataDir, type OwnDatabase } from './support/servers';

const PERSONS = 2_000;
const BATCH_SIZE = 100;
const BATCHES = 20;
/** The sandbox bank takes this long over each batch file, so that the kill lands between the first and the last. */
const BANK_LATENCY_MS = 700;
/** Kill the worker once this many lines are PAID: a few batches answered, most not yet sent. */
const PAID_BEFORE_KILL = 3 * BATCH_SIZE;

const PERIOD = '2026-11';
const PAYROLL_ID = `payroll-NURSING_SUBSIDY-${PERIOD}`;
/** The shipped policy's nursing subsidy for grade 1 with long-term care, from July 2026: 110 yuan a month. */
const GRADE_1_MONTHLY_FEN = 11_000;
/** 2,000 lines of November alone, 11,000 fen each: 22,000,000 fen (220,000 yuan). */
const TOTAL_FEN = 22_000_000;

let database: OwnDatabase;
let api: InProcessApi | undefined;
const workers: ChildProcessHandle[] = [];

afterAll(async () => {
  await Promise.allSettled(workers.map((w) => w.kill()));
  await api?.close();
  await database?.close();
});

/** One person and an ACTIVE enrolment applied for on 2 November and granted on the 20th, stored through the event store. */
async function seedActiveEnrolment(db: Kysely<Database>, policy: ReturnType<typeof loadSubsidyPolicy>, personId: string, enrolmentId: string): Promise<void> {
  const outcome = await insertPerson(
    db,
    personId,
    { idNumber: idNumber(), name: '测试人员', town: '黄羊镇', assistanceCategory: 'DIBAO', disability: { certificateNo: 'CDPF-62060200001', category: 'PHYSICAL', grade: 1, longTermCare: true } },
    `seed-${personId}`,
  );
  if (outcome.kind !== 'registered') throw new Error(`person ${personId}: ${outcome.kind}`);
  const officer: SubsidyActor = { role: 'officer', sub: 'officer-seed' };
  const civil: SubsidyActor = { role: 'civil', sub: 'civil-seed' };
  const person: PersonFacts = { status: 'ACTIVE', assistanceCategory: 'DIBAO', disability: { grade: 1, longTermCare: true } };
  const steps: [EnrolmentCommand, SubsidyActor, string][] = [
    [{ action: 'apply', input: { enrolmentId, program: 'NURSING_SUBSIDY', personId, appliedOn: '2026-11-02', bankAccount: { bank: '农村信用社凉州支行', accountNo: '6228480000000001234' } }, person }, officer, '2026-11-02T02:00:00.000Z'],
    [{ action: 'town-review', input: { approved: true, reviewedBy: '乡镇民政助理 马' } }, officer, '2026-11-05T02:00:00.000Z'],
    [{ action: 'cdpf-review', input: { approved: true, reviewedBy: '区残联 李' } }, officer, '2026-11-09T02:00:00.000Z'],
    [{ action: 'decision', input: { approved: true } }, civil, '2026-11-12T02:00:00.000Z'],
    [{ action: 'activate' }, { role: 'system', sub: 'workflow' }, '2026-11-20T02:00:00.000Z'],
  ];
  const events: EnrolmentEvent[] = [];
  let state: EnrolmentState | undefined;
  for (const [command, actor, at] of steps) {
    const decision = decide(state, command, actor, policy, at);
    if (decision.kind !== 'apply') throw new Error(`${enrolmentId}: ${command.action} was not applied: ${JSON.stringify(decision)}`);
    events.push(...decision.events.map((event, i) => ({ ...event, seq: events.length + i + 1 }) as EnrolmentEvent));
    state = replayEnrolmentEvents(events);
  }
  await appendEnrolmentEvents(db, enrolmentId, events);
}

async function countLines(db: Kysely<Database>, status: string): Promise<number> {
  const row = await db
    .selectFrom('payroll_lines')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('payroll_id', '=', PAYROLL_ID)
    .where('status', '=', status as never)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function payrollRow(db: Kysely<Database>) {
  return db.selectFrom('payrolls').select(['stage', 'batch_count', 'batches_done', 'paid_fen']).where('payroll_id', '=', PAYROLL_ID).executeTakeFirst();
}

test('a worker killed while a 2,000-line payroll is disbursing: a new worker reconciles it, every line paid once, totals exact', async () => {
  const started = Date.now();
  const dataDir = faultDataDir('payroll-sigkill');
  database = await createOwnDatabase('payroll-sigkill');
  const { db } = database;
  const taskQueue = uniqueTaskQueue();
  const env = { temporalAddress: testTemporalAddress(), databaseUrl: database.url, taskQueue, dataDir };

  // 1. 2,000 ACTIVE enrolments, straight into the event store (no enrolment workflows needed).
  const policy = loadSubsidyPolicy(DEFAULT_SUBSIDY_POLICY_FILE);
  await keepSubsidyPolicy(db, policy);
  const run = uniqueId('payroll');
  const people = Array.from({ length: PERSONS }, (_, i) => ({ personId: `${run}-p${i}`, enrolmentId: `${run}-e${i}` }));
  await inParallel(people, 4, ({ personId, enrolmentId }) => seedActiveEnrolment(db, policy, personId, enrolmentId));
  const months = await db.selectFrom('enrolment_months').select(['month', 'amount_fen', 'status']).execute();
  expect(months.length).toBe(PERSONS);
  expect(months.every((m) => m.month === PERIOD && Number(m.amount_fen) === GRADE_1_MONTHLY_FEN && m.status === 'PAYABLE')).toBe(true);
  const seededInS = (Date.now() - started) / 1000;

  await putSandboxBankSetting(db, { mode: 'up', failureRate: 0, latencyMs: BANK_LATENCY_MS, returnAccounts: [] });
  const first = await startWorkerProcess('worker-1', env);
  workers.push(first);
  api = await startInProcessApi({ db, databaseUrl: database.url, temporalAddress: testTemporalAddress(), taskQueue, dataDir, env: { PAYROLL_BATCH_SIZE: String(BATCH_SIZE) } });
  const { baseUrl, tokens } = api;
  const post = async (url: string, token: string, body: unknown, expected: number[]) => {
    const answer = await http(baseUrl, 'POST', url, token, body);
    if (!expected.includes(answer.status)) throw new Error(`POST ${url}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };

  // 2. Opened and submitted by civil affairs, approved by finance: four eyes.
  const opened = await Promise.race([post('/v1/payrolls', tokens.civil, { program: 'NURSING_SUBSIDY', period: PERIOD }, [201]), first.crashed()]);
  expect(opened).toMatchObject({ payrollId: PAYROLL_ID, stage: 'DRAFT' });
  await post(`/v1/payrolls/${PAYROLL_ID}/submit`, tokens.civil, undefined, [200]);
  await post(`/v1/payrolls/${PAYROLL_ID}/approve`, tokens.finance, undefined, [200]);

  // 3. Killed mid-disbursement: some batches paid, not all.
  await Promise.race([
    eventually(async () => ((await countLines(db, 'PAID')) >= PAID_BEFORE_KILL ? true : undefined), 120_000, async () => `${await countLines(db, 'PAID')} lines PAID`),
    first.crashed(),
  ]);
  await first.kill();
  const paidAtKill = await countLines(db, 'PAID');
  const atKill = await payrollRow(db);
  expect(atKill?.stage).toBe('DISBURSING');
  expect(paidAtKill).toBeLessThan(PERSONS);
  expect(atKill?.batch_count).toBe(BATCHES);

  const second = await startWorkerProcess('worker-2', env);
  workers.push(second);
  // The dead worker's batch is tried again once its heartbeat times out (1 min).
  await Promise.race([
    eventually(async () => ((await payrollRow(db))?.stage === 'RECONCILED' ? true : undefined), 150_000, async () => `payroll ${JSON.stringify(await payrollRow(db))}`),
    second.crashed(),
  ]);

  // 4. The figures, against the amounts written out above.
  const reconciled = await payrollRow(db);
  expect(reconciled).toEqual({ stage: 'RECONCILED', batch_count: BATCHES, batches_done: BATCHES, paid_fen: TOTAL_FEN });
  expect(await countLines(db, 'PAID')).toBe(PERSONS);
  const bank = await db
    .selectFrom('sandbox_bank_records')
    .select([(eb) => eb.fn.countAll<string>().as('n'), (eb) => eb.fn.sum<string>('amount_fen').as('fen')])
    .where('payroll_id', '=', PAYROLL_ID)
    .where('status', '=', 'PAID')
    .executeTakeFirstOrThrow();
  expect({ n: Number(bank.n), fen: Number(bank.fen) }).toEqual({ n: PERSONS, fen: TOTAL_FEN });
  const paidMonths = await db.selectFrom('enrolment_months').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'PAID').where('payroll_id', '=', PAYROLL_ID).executeTakeFirstOrThrow();
  expect(Number(paidMonths.n)).toBe(PERSONS);
  expect(await payrollFaultProblems(db, 'NURSING_SUBSIDY', PAYROLL_ID)).toEqual([]);

  console.log(
    `payroll SIGKILL: seeded ${PERSONS} ACTIVE enrolments in ${seededInS.toFixed(0)} s; worker killed with ${paidAtKill}/${PERSONS} lines PAID ` +
      `(${atKill?.batches_done}/${BATCHES} batches recorded); RECONCILED with ${TOTAL_FEN} fen paid once each, ${((Date.now() - started) / 1000).toFixed(0)} s after the start`,
  );
});
