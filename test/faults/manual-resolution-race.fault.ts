/**
 * The money race: basic medical insurance answers in 3 s, and two administrators settle its claim
 * by hand while the call is on its way. Half the cases are proposed and approved during the call;
 * in the other half the proposal is made during the call and the approval comes after the payer
 * answered (the reverse order). Whatever comes first, for every claim key the payer's own books
 * (read through the admin API) and the ledger agree, nothing is paid twice, the ledger sums to the
 * bill, and no fund pays more than the policy without an approved override.
 */
import { testTemporalAddress, uniqueTaskQueue } from '../support/stack';
import { inParallel, makeCases, waitUntilClosed, type FaultCase } from './support/cases';
import { startWorkerProcess, type ChildProcessHandle } from './support/child-processes';
import { http, newCaseBody, startInProcessApi, transitionBodies, type InProcessApi } from './support/api';
import { checkInvariants } from './support/invariants';
import { createOwnDatabase, faultDataDir, type OwnDatabase } from './support/servers';
import { PAYERS } from '../../programs/surgery/domain/stages';

const CASES = 8;
const SLOW_PAYER = 'BASIC_MEDICAL_INSURANCE';

let database: OwnDatabase;
let api: InProcessApi | undefined;
let worker: ChildProcessHandle | undefined;

afterAll(async () => {
  await worker?.kill();
  await api?.close();
  await database?.close();
});

test('a resolution by hand approved while the payer pays, and after it paid: the payer books and the ledger agree', async () => {
  const dataDir = faultDataDir('manual-resolution-race');
  database = await createOwnDatabase('manual-resolution-race');
  const taskQueue = uniqueTaskQueue();
  worker = await startWorkerProcess('worker', { temporalAddress: testTemporalAddress(), databaseUrl: database.url, taskQueue, dataDir });
  api = await startInProcessApi({ db: database.db, databaseUrl: database.url, temporalAddress: testTemporalAddress(), taskQueue, dataDir });
  const { baseUrl, tokens } = api;
  const call = (method: string, url: string, token: string, body?: unknown) => http(baseUrl, method, url, token, body);
  expect((await call('PUT', `/v1/admin/sandbox/payers/${SLOW_PAYER}`, tokens.admin, { mode: 'up', failureRate: 0, latencyMs: 3_000 })).status).toBe(200);

  const cases: FaultCase[] = makeCases(CASES, 'race');
  const outcomes: string[] = [];
  await inParallel(cases, 4, async ({ caseId, bill }, index) => {
    for (const [method, url, token, body] of [
      ['POST', '/v1/cases', tokens.officer, newCaseBody(caseId)],
      ['POST', `/v1/cases/${caseId}/screening`, tokens.officer, transitionBodies.screening],
      ['POST', `/v1/cases/${caseId}/admission`, tokens.hospital, transitionBodies.admission],
      ['POST', `/v1/cases/${caseId}/surgery`, tokens.hospital, transitionBodies.surgery],
      ['POST', `/v1/cases/${caseId}/discharge`, tokens.hospital, transitionBodies.discharge(bill)],
    ] as const) {
      const answer = await call(method, url, token, body);
      if (answer.status >= 300) throw new Error(`${method} ${url}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    const proposals = `/v1/admin/cases/${caseId}/claims/${SLOW_PAYER}/proposals`;
    let proposed = await call('POST', proposals, tokens.admin, { status: 'PAID', amountFen: 1, reference: `BY-HAND-${index}` });
    for (let tries = 0; proposed.status === 409 && tries < 40; tries++) {
      // The claim is submitted once the policy is loaded, a moment after the discharge.
      await new Promise((resolve) => setTimeout(resolve, 50));
      proposed = await call('POST', proposals, tokens.admin, { status: 'PAID', amountFen: 1, reference: `BY-HAND-${index}` });
    }
    if (proposed.status !== 201) {
      outcomes.push(`${caseId}: the payer answered before any proposal (${proposed.status})`);
      return;
    }
    const { proposalId } = proposed.body as { proposalId: string };
    if (index % 2 === 1) await new Promise((resolve) => setTimeout(resolve, 4_000));
    const approved = await call('POST', `${proposals}/${proposalId}/approve`, tokens.secondAdmin, {});
    outcomes.push(`${caseId}: approval ${approved.status} ${index % 2 === 1 ? 'after' : 'during'} the call`);
    expect([200, 409]).toContain(approved.status);
  });

  await waitUntilClosed(database.db, cases.map((c) => c.caseId), 120_000);
  const report = await checkInvariants(database.db, cases, { manuallyResolved: true });
  expect(report.problems).toEqual([]);

  // Through the admin API as an auditor reads them: each key's books against the ledger, exactly.
  for (const { caseId } of cases) {
    const view = (await call('GET', `/v1/cases/${caseId}`, tokens.officer)).body as {
      reimbursement: { claims: Array<{ payer: string; status: string; amountFen: number; decidedBy: string }>; proposals: Array<{ state: string }>; discrepancies: unknown[] };
    };
    for (const payer of PAYERS) {
      const claim = view.reimbursement.claims.find((c) => c.payer === payer)!;
      const books = ((await call('GET', `/v1/admin/sandbox/payers/${payer}/claims?caseId=${caseId}`, tokens.admin)).body as { items: Array<{ status: string; amountFen: number }> }).items;
      if (claim.decidedBy === 'admin') expect(books).toMatchObject([{ status: 'VOIDED', amountFen: 0 }]);
      else expect(books).toMatchObject([{ status: claim.status, amountFen: claim.amountFen }]);
    }
    expect(view.reimbursement.discrepancies).toEqual([]);
  }
  // Cases approved after the payer answered never have the proposal recorded; the race itself ran.
  expect(outcomes.filter((o) => o.includes('after')).every((o) => / 409 /.test(o))).toBe(true);
  expect(outcomes.filter((o) => /approval 200 during/.test(o)).length).toBeGreaterThanOrEqual(2);
}, 240_000);
