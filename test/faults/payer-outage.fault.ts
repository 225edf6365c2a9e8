/**
 * a payer goes down while cases reach it, then comes back. During the outage
 * GET /v1/admin/stuck lists every waiting case with ACTIVITY_RETRYING (the payer call, its attempt
 * count, the payer's error); once the payer is up, every case finishes by itself — nobody resolves
 * anything by hand — and each payer still decides exactly once.
 */
import { PAYERS } from '../../programs/surgery/domain/stages';
import { testTemporalAddress, uniqueTaskQueue } from '../support/stack';
import { eventually, inParallel, makeCases, waitUntilClosed, type FaultCase } from './support/cases';
import { startWorkerProcess, type ChildProcessHandle } from './support/child-processes';
import { http, newCaseBody, startInProcessApi, transitionBodies, type InProcessApi } from './support/api';
import { checkInvariants } from './support/invariants';
import { createOwnDatabase, faultDataDir, type OwnDatabase } from './support/servers';

const CASES = 10;
const DOWN_PAYER = 'CRITICAL_ILLNESS_INSURANCE';

let database: OwnDatabase;
let api: InProcessApi | undefined;
let worker: ChildProcessHandle | undefined;

afterAll(async () => {
  await worker?.kill();
  await api?.close();
  await database?.close();
});

interface StuckItem {
  caseId: string;
  stage: string;
  reasons: Array<{ kind: string; activity: string | null; attempts: number | null; lastFailure: string | null }>;
}

test('a payer down then up: the waiting cases are listed as stuck, then finish by themselves', async () => {
  const started = Date.now();
  const dataDir = faultDataDir('payer-outage');
  database = await createOwnDatabase('payer-outage');
  const taskQueue = uniqueTaskQueue();
  worker = await startWorkerProcess('worker', { temporalAddress: testTemporalAddress(), databaseUrl: database.url, taskQueue, dataDir });
  api = await startInProcessApi({ db: database.db, databaseUrl: database.url, temporalAddress: testTemporalAddress(), taskQueue, dataDir });
  const { baseUrl, tokens } = api;
  const call = (method: string, url: string, token: string, body?: unknown) => http(baseUrl, method, url, token, body);

  const down = await call('PUT', `/v1/admin/sandbox/payers/${DOWN_PAYER}`, tokens.admin, { mode: 'down', failureRate: 0, latencyMs: 0 });
  expect(down.status).toBe(200);

  const cases: FaultCase[] = makeCases(CASES, 'payer-outage');
  const caseIds = cases.map((c) => c.caseId);
  await inParallel(cases, 5, async ({ caseId, bill }) => {
    const steps: Array<[string, string, string, unknown]> = [
      ['POST', '/v1/cases', tokens.officer, newCaseBody(caseId)],
      ['POST', `/v1/cases/${caseId}/screening`, tokens.officer, transitionBodies.screening],
      ['POST', `/v1/cases/${caseId}/admission`, tokens.hospital, transitionBodies.admission],
      ['POST', `/v1/cases/${caseId}/surgery`, tokens.hospital, transitionBodies.surgery],
      ['POST', `/v1/cases/${caseId}/discharge`, tokens.hospital, transitionBodies.discharge(bill)],
    ];
    for (const [method, url, token, body] of steps) {
      const answer = await call(method, url, token, body);
      if (answer.status >= 300) throw new Error(`${method} ${url}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
  });

  // Every case waits on the down payer, and the administrator's report says so and why.
  let listed: StuckItem[] = [];
  await eventually(
    async () => {
      const stuck = await call('GET', '/v1/admin/stuck', tokens.admin);
      listed = (stuck.body.items as StuckItem[]).filter((item) => caseIds.includes(item.caseId));
      const retrying = listed.filter((item) => item.reasons.some((r) => r.kind === 'ACTIVITY_RETRYING' && (r.attempts ?? 0) >= 3));
      return retrying.length === CASES ? true : undefined;
    },
    60_000,
    () => `${listed.length} of ${CASES} cases listed: ${JSON.stringify(listed.slice(0, 2))}`,
  );
  for (const item of listed) {
    expect(item.stage).toBe('REIMBURSING');
    const reason = item.reasons.find((r) => r.kind === 'ACTIVITY_RETRYING')!;
    expect(reason.activity).toBe('submitClaim');
    expect(reason.lastFailure).toContain(`${DOWN_PAYER} is down`);
  }
  const waiting = await call('GET', `/v1/cases/${caseIds[0]}`, tokens.officer);
  const claims = (waiting.body.reimbursement as { claims: Array<{ payer: string; status: string }> }).claims;
  expect(claims.map((c) => c.status)).toEqual(PAYERS.map((payer) => (payer === 'BASIC_MEDICAL_INSURANCE' ? 'PAID' : payer === DOWN_PAYER ? 'IN_PROGRESS' : 'PENDING')));

  const up = await call('PUT', `/v1/admin/sandbox/payers/${DOWN_PAYER}`, tokens.admin, { mode: 'up', failureRate: 0, latencyMs: 0 });
  expect(up.status).toBe(200);
  const upAt = Date.now();

  await Promise.race([waitUntilClosed(database.db, caseIds, 120_000), worker.crashed()]);
  const report = await checkInvariants(database.db, cases);
  expect(report.problems).toEqual([]);
  // Nobody resolved a claim by hand: the payers decided every one of them.
  const manual = await database.db.selectFrom('claims').select('idempotency_key').where('case_id', 'in', caseIds).where('decided_by', '!=', 'payer').execute();
  expect(manual).toEqual([]);
  const after = await call('GET', '/v1/admin/stuck', tokens.admin);
  expect((after.body.items as StuckItem[]).filter((item) => caseIds.includes(item.caseId))).toEqual([]);
  console.log(`payer outage: ${CASES} cases listed as stuck, settled ${((Date.now() - upAt) / 1000).toFixed(0)} s after the payer came back (${((Date.now() - started) / 1000).toFixed(0)} s in all)`);
});
