/**
 * A worker killed with SIGKILL while deaths are being delivered to 100 paid nursing-subsidy
 * enrolments. Each of 100 persons holds an ACTIVE enrolment whose first months were already paid;
 * the clerk's client sends the 100 `DIED` life events at once, each with its own eventId; the worker
 * dies once about a third have applied, a new one starts, and the client sends again every request
 * that did not get a 200, with the same eventId and body. Afterwards every enrolment must be
 * terminated once, after the month of the death, with the months paid beyond it owed back to the
 * fen — the amounts written out below, not computed by the code under test.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Kysely } from 'kysely';
import { listEnrolmentEvents } from '../../programs/subsidy/store/enrolment-events';
import { listEnrolmentMonths, markMonthsPaid } from '../../programs/subsidy/store/enrolment-months';
import { readEnrolmentState } from '../../programs/subsidy/store/enrolments';
import { rebuildEnrolmentReadModels } from '../../programs/subsidy/store/event-store';
import type { Database } from '../../store/schema';
import { idNumber } from '../api/fixtures';
import { eventually as waitFor } from '../support/eventually';
import { testTemporalAddress, uniqueId, uniqueTaskQueue } from '../support/stack';
import { http, startInProcessApi, type HttpAnswer, type InProcessApi } from './support/api';
import { eventually, inParallel } from './support/cases';
import { startWorkerProcess, type ChildProcessHandle } from './support/child-processes';
import { createOwnDatabase, faultDataDir, type OwnDatabase } from './support/servers';
import { openEnrolmentState } from '../../programs/subsidy/store/sealed-enrolment';

const PERSONS = 100;
/** Kill the worker once this many deaths are stored: some done, most in flight or not yet sent on. */
const APPLIED_BEFORE_KILL = Math.ceil(PERSONS / 3);
/** A client gives up on an answer after this long and sends the request again: shorter than a worker takes to start, so requests held up by the dead worker are sent again. */
const CLIENT_TIMEOUT_MS = 8_000;

const APPLIED_ON = '2026-08-10';
/** What the payroll has paid every enrolment, before any death was reported. */
const PAID_MONTHS = ['2026-08', '2026-09', '2026-10'];
/** The shipped policy's nursing subsidy for grade 1 with long-term care, from July 2026: 110 yuan a month. */
const GRADE_1_MONTHLY_FEN = 11_000;

/**
 * When each person dies, by the person's index modulo 3, and what is then owed back: the paid
 * months after the month of the death (that month itself is still owed), worked out by hand.
 */
const DEATHS: readonly { month: string; overpaidFen: number }[] = [
  { month: '2026-08', overpaidFen: 22_000 }, // September and October were paid
  { month: '2026-09', overpaidFen: 11_000 }, // October was paid
  { month: '2026-10', overpaidFen: 0 }, // nothing paid after October
];

interface Enrolee {
  index: number;
  personId: string;
  enrolmentId: string;
  eventId: string;
  diedOn: string;
  diedIn: string;
  overpaidFen: number;
}

let database: OwnDatabase;
let api: InProcessApi | undefined;
const workers: ChildProcessHandle[] = [];

afterAll(async () => {
  await Promise.allSettled(workers.map((w) => w.kill()));
  await api?.close();
  await database?.close();
});

function enrolees(count: number): Enrolee[] {
  const run = uniqueId('fan-out');
  return Array.from({ length: count }, (_, index) => {
    const death = DEATHS[index % DEATHS.length]!;
    // After the application (the 10th of August), on a day of its own.
    const day = String(11 + (index % 17)).padStart(2, '0');
    return { index, personId: `${run}-p${index}`, enrolmentId: `${run}-e${index}`, eventId: `${run}-died${index}`, diedOn: `${death.month}-${day}`, diedIn: death.month, overpaidFen: death.overpaidFen };
  });
}

async function storedLifeEvents(db: Kysely<Database>, enrolmentIds: readonly string[]): Promise<number> {
  const row = await db
    .selectFrom('enrolment_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('enrolment_id', 'in', [...enrolmentIds])
    .where('type', '=', 'LifeEventApplied')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Each enrolment's read models (its row, the bank account left out, and its months), as text to compare. */
async function readModels(db: Kysely<Database>, enrolmentIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('enrolments')
    .select(['enrolment_id', 'program', 'person_id', 'town', 'stage', 'overdue', 'applied_on', 'opened_at', 'stage_entered_at', 'updated_at', 'last_seq', 'state', 'bank_account'])
    .where('enrolment_id', 'in', [...enrolmentIds])
    .execute();
  const months = await db
    .selectFrom('enrolment_months')
    .select(['enrolment_id', 'month', 'amount_fen', 'status', 'payroll_id'])
    .where('enrolment_id', 'in', [...enrolmentIds])
    .orderBy('month')
    .execute();
  // Opened: the account and the fingerprints are sealed, and sealed differently each time.
  return new Map(
    rows.map(({ state, bank_account, ...row }) => [row.enrolment_id, JSON.stringify({ row, state: openEnrolmentState(state, bank_account), months: months.filter((m) => m.enrolment_id === row.enrolment_id) })]),
  );
}

test('a worker killed while 100 deaths fan out to paid enrolments: each terminated once, every recovery exact', async () => {
  const started = Date.now();
  const dataDir = faultDataDir('enrolment-fan-out');
  database = await createOwnDatabase('enrolment-fan-out');
  const { db } = database;
  const taskQueue = uniqueTaskQueue();
  const env = { temporalAddress: testTemporalAddress(), databaseUrl: database.url, taskQueue, dataDir };
  const first = await startWorkerProcess('worker-1', env);
  workers.push(first);
  // A two-second public notice: the enrolments are paid soon after the decision.
  api = await startInProcessApi({ db, databaseUrl: database.url, temporalAddress: testTemporalAddress(), taskQueue, dataDir, env: { SUBSIDY_NOTICE: '2s' } });
  const { baseUrl, tokens } = api;
  const post = async (url: string, token: string, body: unknown, expected: number) => {
    const answer = await http(baseUrl, 'POST', url, token, body);
    if (answer.status !== expected) throw new Error(`POST ${url}: ${answer.status} ${JSON.stringify(answer.body)}`);
  };

  // 1. 100 persons, each with a nursing subsidy paid from August, August to October paid out.
  const people = enrolees(PERSONS);
  const enrolmentIds = people.map((p) => p.enrolmentId);
  await inParallel(people, 10, async ({ personId, enrolmentId }) => {
    await post('/v1/persons', tokens.officer, {
      personId,
      idNumber: idNumber(),
      name: '测试人员',
      town: '黄羊镇',
      assistanceCategory: 'DIBAO',
      disability: { certificateNo: 'CDPF-62060200001', category: 'PHYSICAL', grade: 1, longTermCare: true },
    }, 201);
    await post('/v1/enrolments', tokens.officer, { enrolmentId, program: 'NURSING_SUBSIDY', personId, appliedOn: APPLIED_ON, bankAccount: { bank: '农村信用社凉州支行', accountNo: '6228480000000001234' } }, 201);
    await post(`/v1/enrolments/${enrolmentId}/town-review`, tokens.officer, { approved: true, reviewedBy: '乡镇民政助理 马' }, 200);
    await post(`/v1/enrolments/${enrolmentId}/cdpf-review`, tokens.officer, { approved: true, reviewedBy: '区残联 李' }, 200);
    await post(`/v1/enrolments/${enrolmentId}/decision`, tokens.civil, { approved: true }, 200);
  });
  const activeCount = async () => (await db.selectFrom('enrolments').select('enrolment_id').where('enrolment_id', 'in', enrolmentIds).where('stage', '=', 'ACTIVE').execute()).length;
  await Promise.race([eventually(async () => ((await activeCount()) === PERSONS ? true : undefined), 60_000, async () => `${await activeCount()} of ${PERSONS} enrolments ACTIVE`), first.crashed()]);
  for (const { enrolmentId } of people) {
    expect(await markMonthsPaid(db, enrolmentId, PAID_MONTHS, 'payroll-NURSING_SUBSIDY-fault')).toEqual(PAID_MONTHS);
  }
  const setUpInS = (Date.now() - started) / 1000;

  // 2. The 100 deaths at once; the worker dies once a third of them are stored.
  const report = ({ personId, eventId, diedOn }: Enrolee) =>
    http(baseUrl, 'POST', `/v1/persons/${personId}/life-events`, tokens.officer, { eventId, type: 'DIED', on: diedOn }, CLIENT_TIMEOUT_MS).catch(() => undefined);
  const firstTries = Promise.all(people.map(report));
  // Polled often: the deaths apply quickly, and the kill should land while most are in flight.
  await Promise.race([waitFor('a third of the deaths stored', async () => ((await storedLifeEvents(db, enrolmentIds)) >= APPLIED_BEFORE_KILL ? true : undefined), 60_000, 50), first.crashed()]);
  await first.kill();
  const appliedAtKill = await storedLifeEvents(db, enrolmentIds);
  expect(appliedAtKill).toBeLessThan(PERSONS);
  const second = await startWorkerProcess('worker-2', env);
  workers.push(second);

  // 3. The client sends again whatever did not get a 200, with the same eventId, until it does.
  const answers: (HttpAnswer | undefined)[] = await firstTries;
  const answeredAtFirst = answers.filter((a) => a?.status === 200).length;
  /** Every answer other than a 200, by status ('none' when the connection or the client's patience gave out). */
  const otherAnswers = new Map<string, number>();
  const retried = new Set<number>();
  const retryUntil = Date.now() + 120_000;
  for (;;) {
    const pending = people.filter((p) => answers[p.index]?.status !== 200);
    for (const p of pending) {
      const status = String(answers[p.index]?.status ?? 'none');
      otherAnswers.set(status, (otherAnswers.get(status) ?? 0) + 1);
      retried.add(p.index);
    }
    if (pending.length === 0) break;
    if (Date.now() > retryUntil) {
      const last = answers[pending[0]!.index];
      throw new Error(`${pending.length} deaths still without a 200, e.g. ${last ? `${last.status} ${String(last.body.type)}: ${String(last.body.detail)}` : 'no answer'}`);
    }
    // A second between rounds, as a client backs off.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await Promise.race([
      inParallel(pending, 25, async (p) => {
        answers[p.index] = await report(p);
      }),
      second.crashed(),
    ]);
  }
  // A worker going away is Temporal not answering: 503 and a retry, never a 500 or a refusal.
  expect([...otherAnswers.keys()].filter((status) => status !== '503' && status !== 'none')).toEqual([]);

  // 4. What the store holds, against the amounts written out above.
  const problems: string[] = [];
  let retriesFindingItClosed = 0;
  for (const p of people) {
    const say = (problem: string) => problems.push(`${p.enrolmentId} (died ${p.diedOn}): ${problem}`);
    const expectedEffect = { program: 'NURSING_SUBSIDY', id: p.enrolmentId, stageBefore: 'ACTIVE', stageAfter: 'TERMINATED', overpaymentFen: p.overpaidFen };
    // A request sent again after its first try had already terminated the enrolment finds it closed:
    // no longer listed as open (no effect), or closed by the time its Update arrives (TERMINATED to
    // TERMINATED). Either way that answer does not say what the death did; counted and reported.
    const effects = answers[p.index]!.body.effects;
    const foundClosed = [[], [{ ...expectedEffect, stageBefore: 'TERMINATED', overpaymentFen: 0 }]];
    if (retried.has(p.index) && foundClosed.some((answer) => isDeepStrictEqual(effects, answer))) retriesFindingItClosed += 1;
    else if (!isDeepStrictEqual(effects, [expectedEffect])) say(`answered effects ${JSON.stringify(effects)}`);

    const state = await readEnrolmentState(db, p.enrolmentId);
    if (state?.stage !== 'TERMINATED') say(`stage ${state?.stage}`);
    if (state?.termination?.reason !== 'DIED' || state.termination.on !== p.diedOn || state.termination.terminatedAfter !== p.diedIn) say(`termination ${JSON.stringify(state?.termination)}`);
    const expectedRecovery = p.overpaidFen > 0 ? { owedFen: p.overpaidFen, recoveredFen: 0, waivedFen: 0, status: 'OPEN' } : null;
    if (!isDeepStrictEqual(state?.recovery, expectedRecovery)) say(`recovery ${JSON.stringify(state?.recovery)}, expected ${JSON.stringify(expectedRecovery)}`);

    const events = await listEnrolmentEvents(db, p.enrolmentId);
    events.forEach((event, i) => {
      if (event.seq !== i + 1) say(`event #${i + 1} has seq ${event.seq}`);
    });
    const ofType = (type: string) => events.filter((event) => event.type === type);
    const lifeEvents = ofType('LifeEventApplied');
    if (lifeEvents.length !== 1) say(`${lifeEvents.length} LifeEventApplied events`);
    else if ((lifeEvents[0]!.data as { input: { eventId: string } }).input.eventId !== p.eventId) say(`the life event applied is not ${p.eventId}`);
    if (ofType('EnrolmentTerminated').length !== 1) say(`${ofType('EnrolmentTerminated').length} EnrolmentTerminated events`);
    const found = ofType('OverpaymentFound').map((event) => (event.data as { totalFen: number }).totalFen);
    if (!isDeepStrictEqual(found, p.overpaidFen > 0 ? [p.overpaidFen] : [])) say(`overpayments found ${JSON.stringify(found)}`);

    // The months paid stay as the payroll left them; no month after the death is still to be paid.
    const months = await listEnrolmentMonths(db, p.enrolmentId);
    const payableAfter = months.filter((m) => m.status === 'PAYABLE' && m.month > p.diedIn).map((m) => m.month);
    if (payableAfter.length > 0) say(`still PAYABLE after the death: ${payableAfter.join(', ')}`);
    const expectedMonths = PAID_MONTHS.map((month) => ({ month, amountFen: GRADE_1_MONTHLY_FEN, status: 'PAID', payrollId: 'payroll-NURSING_SUBSIDY-fault' }));
    if (!isDeepStrictEqual(months, expectedMonths)) say(`months ${JSON.stringify(months)}`);
  }
  const deceased = await db.selectFrom('persons').select('person_id').where('person_id', 'in', people.map((p) => p.personId)).where('status', '=', 'DECEASED').execute();
  if (deceased.length !== PERSONS) problems.push(`${deceased.length} of ${PERSONS} persons DECEASED`);
  const projected = await readModels(db, enrolmentIds);
  await rebuildEnrolmentReadModels(db, { enrolmentIds });
  const rebuilt = await readModels(db, enrolmentIds);
  for (const id of enrolmentIds) if (projected.get(id) !== rebuilt.get(id)) problems.push(`${id}: the read models differ from a rebuild from enrolment_events`);
  expect(problems).toEqual([]);

  const owedFen = people.reduce((sum, p) => sum + p.overpaidFen, 0);
  console.log(
    `enrolment fan-out SIGKILL: set up ${PERSONS} paid enrolments in ${setUpInS.toFixed(0)} s; worker killed with ${appliedAtKill}/${PERSONS} deaths stored, ` +
      `${answeredAtFirst} answered 200 at the first try, ${retried.size} sent again after ${[...otherAnswers].map(([status, n]) => `${n}× ${status}`).join(', ') || 'nothing'} (${retriesFindingItClosed} of those found the enrolment already closed and answered without its effect); ` +
      `all ${PERSONS} TERMINATED once, ${owedFen} fen to recover, exact; ${((Date.now() - started) / 1000).toFixed(0)} s after the start`,
  );
});
