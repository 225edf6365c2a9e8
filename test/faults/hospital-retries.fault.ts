/**
 * a hospital information system that sends every request three times, at once,
 * and some of them in the wrong order. Each transition is applied exactly once (one event), every
 * repeat answers 2xx, every out-of-order request is refused 409 `stage-conflict` and changes
 * nothing, and a repeat with another body is 409 `idempotency-conflict`.
 */
import type { Kysely } from 'kysely';
import { listCaseEvents } from '../../programs/surgery/store/case-events';
import type { Database } from '../../store/schema';
import { testTemporalAddress, uniqueTaskQueue } from '../support/stack';
import { inParallel, makeCases, waitUntilClosed, type FaultCase } from './support/cases';
import { startWorkerProcess, type ChildProcessHandle } from './support/child-processes';
import { http, newCaseBody, startInProcessApi, transitionBodies, type HttpAnswer, type InProcessApi } from './support/api';
import { checkInvariants } from './support/invariants';
import { createOwnDatabase, faultDataDir, type OwnDatabase } from './support/servers';

const CASES = 8;

let database: OwnDatabase;
let api: InProcessApi | undefined;
let worker: ChildProcessHandle | undefined;

afterAll(async () => {
  await worker?.kill();
  await api?.close();
  await database?.close();
});

async function eventTypes(db: Kysely<Database>, caseId: string): Promise<string[]> {
  return (await listCaseEvents(db, caseId)).map((e) => e.type);
}

function statuses(answers: HttpAnswer[]): number[] {
  return answers.map((a) => a.status).sort();
}

test('every request sent three times, some out of order: applied once, out-of-order refused 409 without change', async () => {
  const started = Date.now();
  const dataDir = faultDataDir('hospital-retries');
  database = await createOwnDatabase('hospital-retries');
  const { db } = database;
  const taskQueue = uniqueTaskQueue();
  worker = await startWorkerProcess('worker', { temporalAddress: testTemporalAddress(), databaseUrl: database.url, taskQueue, dataDir });
  api = await startInProcessApi({ db, databaseUrl: database.url, temporalAddress: testTemporalAddress(), taskQueue, dataDir });
  const { baseUrl, tokens } = api;
  const thrice = (method: string, url: string, token: string, body?: unknown) => Promise.all([1, 2, 3].map(() => http(baseUrl, method, url, token, body)));
  const read = async (caseId: string) => (await http(baseUrl, 'GET', `/v1/cases/${caseId}`, tokens.officer)).body;

  /** Sends a request the case is not ready for, three times: each 409 stage-conflict, the case untouched. */
  const outOfOrder = async (caseId: string, action: string, body: unknown, currentStage: string) => {
    const before = { view: await read(caseId), events: await eventTypes(db, caseId) };
    const answers = await thrice('POST', `/v1/cases/${caseId}/${action}`, tokens.hospital, body);
    for (const answer of answers) {
      expect(answer).toMatchObject({ status: 409, body: { type: '/problems/stage-conflict', currentStage } });
      expect(answer.contentType).toContain('application/problem+json');
    }
    expect(await eventTypes(db, caseId)).toEqual(before.events);
    expect(await read(caseId)).toEqual(before.view);
  };

  const cases: FaultCase[] = makeCases(CASES, 'his-retries');
  await inParallel(cases, 4, async ({ caseId, bill }) => {
    const discharge = transitionBodies.discharge(bill);
    const opened = statuses(await thrice('POST', '/v1/cases', tokens.officer, newCaseBody(caseId)));
    expect(opened).toEqual([200, 200, 201]);
    expect(statuses(await thrice('POST', `/v1/cases/${caseId}/screening`, tokens.officer, transitionBodies.screening))).toEqual([200, 200, 200]);

    await outOfOrder(caseId, 'discharge', discharge, 'AWAITING_ADMISSION');
    await outOfOrder(caseId, 'surgery', transitionBodies.surgery, 'AWAITING_ADMISSION');
    expect(statuses(await thrice('POST', `/v1/cases/${caseId}/admission`, tokens.hospital, transitionBodies.admission))).toEqual([200, 200, 200]);

    // Surgery and a late retry of the admission, interleaved: both answer 200, each applied once.
    const mixed = await Promise.all([
      http(baseUrl, 'POST', `/v1/cases/${caseId}/surgery`, tokens.hospital, transitionBodies.surgery),
      http(baseUrl, 'POST', `/v1/cases/${caseId}/admission`, tokens.hospital, transitionBodies.admission),
      http(baseUrl, 'POST', `/v1/cases/${caseId}/surgery`, tokens.hospital, transitionBodies.surgery),
      http(baseUrl, 'POST', `/v1/cases/${caseId}/admission`, tokens.hospital, transitionBodies.admission),
      http(baseUrl, 'POST', `/v1/cases/${caseId}/surgery`, tokens.hospital, transitionBodies.surgery),
      http(baseUrl, 'POST', `/v1/cases/${caseId}/admission`, tokens.hospital, transitionBodies.admission),
    ]);
    expect(statuses(mixed)).toEqual([200, 200, 200, 200, 200, 200]);

    // The same admission number with another body is not a retry: refused, nothing written.
    const eventsBefore = await eventTypes(db, caseId);
    const conflicting = await http(baseUrl, 'POST', `/v1/cases/${caseId}/admission`, tokens.hospital, { ...transitionBodies.admission, admissionNo: 'ZY-OTHER' });
    expect(conflicting).toMatchObject({ status: 409, body: { type: '/problems/idempotency-conflict' } });
    expect(await eventTypes(db, caseId)).toEqual(eventsBefore);

    expect(statuses(await thrice('POST', `/v1/cases/${caseId}/discharge`, tokens.hospital, discharge))).toEqual([200, 200, 200]);
  });

  const caseIds = cases.map((c) => c.caseId);
  await Promise.race([waitUntilClosed(db, caseIds, 120_000), worker.crashed()]);
  // Retries of a closed case: answered from the projection, 200, nothing written.
  for (const { caseId, bill } of cases) {
    const eventsBefore = await eventTypes(db, caseId);
    expect(statuses(await thrice('POST', `/v1/cases/${caseId}/discharge`, tokens.hospital, transitionBodies.discharge(bill)))).toEqual([200, 200, 200]);
    expect(await eventTypes(db, caseId)).toEqual(eventsBefore);
    const types = eventsBefore;
    for (const once of ['CaseOpened', 'ScreeningRecorded', 'Admitted', 'SurgeryCompleted', 'Discharged', 'CaseSettled']) {
      expect([caseId, once, types.filter((t) => t === once).length]).toEqual([caseId, once, 1]);
    }
  }
  const report = await checkInvariants(db, cases);
  expect(report.problems).toEqual([]);
  console.log(`hospital retries: ${CASES} cases, ${CASES * 35} requests, settled in ${((Date.now() - started) / 1000).toFixed(0)} s`);
});
