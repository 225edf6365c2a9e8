/**
 * the API process is killed with SIGKILL while requests are in flight. Every
 * request that got a 2xx must be reflected in the case; nothing may be half-applied (a case
 * registered but never started, an event without its transition); and a client that retries the
 * requests that got no answer, with the same bodies, gets 2xx and each transition once.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { listCaseEvents } from '../../programs/surgery/store/case-events';
import { freePort, waitForPortFree } from '../../dev/ports';
import { caseWorkflowId } from '../../programs/surgery/workflow/definitions';
import { testTemporalAddress, uniqueTaskQueue } from '../support/stack';
import { connectClient, eventually, inParallel, makeCases, waitUntilClosed, type FaultCase } from './support/cases';
import { startApiProcess, startWorkerProcess, type ChildProcessHandle } from './support/child-processes';
import { http, newAuthSecret, newCaseBody, tokensFor, transitionBodies, type HttpAnswer, type Tokens } from './support/api';
import { checkInvariants } from './support/invariants';
import { createOwnDatabase, faultDataDir, type OwnDatabase } from './support/servers';

const CASES = 30;
/** 2xx answers before the kill: the chains are well under way, many requests in flight. */
const ANSWERS_BEFORE_KILL = 45;

let database: OwnDatabase;
let client: Client;
const children: ChildProcessHandle[] = [];

afterAll(async () => {
  await Promise.allSettled(children.map((c) => c.kill()));
  await client?.connection.close();
  await database?.close();
});

type Action = 'open' | 'screening' | 'admission' | 'surgery' | 'discharge';
const ACTIONS: Action[] = ['open', 'screening', 'admission', 'surgery', 'discharge'];
/** The stage a case is in right after each action. */
const STAGE_AFTER: Record<Action, string> = { open: 'SCREENING', screening: 'AWAITING_ADMISSION', admission: 'AWAITING_SURGERY', surgery: 'REHABILITATION', discharge: 'REIMBURSING' };
const STAGE_ORDER = ['SCREENING', 'AWAITING_ADMISSION', 'AWAITING_SURGERY', 'REHABILITATION', 'REIMBURSING', 'SETTLED'];

interface Request {
  method: string;
  url: string;
  role: keyof Tokens;
  body: unknown;
}

function requestFor(action: Action, { caseId, bill }: FaultCase, openBody: Record<string, unknown>): Request {
  switch (action) {
    case 'open':
      return { method: 'POST', url: '/v1/cases', role: 'officer', body: openBody };
    case 'screening':
      return { method: 'POST', url: `/v1/cases/${caseId}/screening`, role: 'officer', body: transitionBodies.screening };
    case 'discharge':
      return { method: 'POST', url: `/v1/cases/${caseId}/discharge`, role: 'hospital', body: transitionBodies.discharge(bill) };
    default:
      return { method: 'POST', url: `/v1/cases/${caseId}/${action}`, role: 'hospital', body: transitionBodies[action] };
  }
}

test('the API killed with requests in flight: every 2xx reflected, nothing half-applied, retries safe', async () => {
  const started = Date.now();
  const dataDir = faultDataDir('api-sigkill');
  database = await createOwnDatabase('api-sigkill');
  const { db } = database;
  client = await connectClient(testTemporalAddress());
  const taskQueue = uniqueTaskQueue();
  const secret = newAuthSecret();
  const tokens = await tokensFor(secret);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = { temporalAddress: testTemporalAddress(), databaseUrl: database.url, taskQueue, dataDir, port, authSecret: secret };

  children.push(await startWorkerProcess('worker', env));
  const firstApi = await startApiProcess('api-1', env);
  children.push(firstApi);

  const cases = makeCases(CASES, 'api-sigkill');
  const openBodies = new Map(cases.map((c) => [c.caseId, newCaseBody(c.caseId)]));
  /** Per case: the actions that got a 2xx, and the first one that got no answer. */
  const acknowledged = new Map<string, Action[]>(cases.map((c) => [c.caseId, []]));
  const unanswered = new Map<string, Action>();
  let answers2xx = 0;
  let killed: Promise<void> | undefined;

  await inParallel(cases, CASES, async (faultCase) => {
    for (const action of ACTIONS) {
      const request = requestFor(action, faultCase, openBodies.get(faultCase.caseId)!);
      let answer: HttpAnswer;
      try {
        answer = await http(baseUrl, request.method, request.url, tokens[request.role], request.body);
      } catch {
        unanswered.set(faultCase.caseId, action);
        return;
      }
      if (answer.status >= 300) throw new Error(`${action} ${faultCase.caseId}: ${answer.status} ${JSON.stringify(answer.body)}`);
      acknowledged.get(faultCase.caseId)!.push(action);
      answers2xx += 1;
      if (answers2xx === ANSWERS_BEFORE_KILL) killed = firstApi.kill();
    }
  });
  await killed;
  expect(killed).toBeDefined();
  expect(unanswered.size).toBeGreaterThan(0);

  await waitForPortFree(port, 15_000);
  const secondApi = await startApiProcess('api-2', env);
  children.push(secondApi);

  // 1. Every 2xx is reflected: the case exists, is at least as far along, and holds what was sent.
  for (const faultCase of cases) {
    const done = acknowledged.get(faultCase.caseId)!;
    if (done.length === 0) continue;
    const last = done[done.length - 1]!;
    const view = await eventually(
      async () => {
        const answer = await http(baseUrl, 'GET', `/v1/cases/${faultCase.caseId}`, tokens.officer);
        return answer.status === 200 && STAGE_ORDER.indexOf(answer.body.stage as string) >= STAGE_ORDER.indexOf(STAGE_AFTER[last]) ? answer.body : undefined;
      },
      20_000,
      () => `${faultCase.caseId}: acknowledged ${done.join(', ')}`,
    );
    if (done.includes('admission')) expect(view.admission).toMatchObject({ admissionNo: transitionBodies.admission.admissionNo });
    if (done.includes('discharge')) expect(view.discharge).toMatchObject({ bill: faultCase.bill });
  }

  // 2. Nothing half-applied: a registered case has its workflow, and its events are whole transitions.
  const registered = await db.selectFrom('case_registrations').select('case_id').where('case_id', 'in', [...openBodies.keys()]).execute();
  const orphans: string[] = [];
  for (const { case_id: caseId } of registered) {
    try {
      await client.workflow.getHandle(caseWorkflowId(caseId)).describe();
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) orphans.push(caseId);
      else throw error;
    }
  }
  expect(orphans).toEqual([]);
  for (const faultCase of cases) {
    const events = await listCaseEvents(db, faultCase.caseId);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, index) => index + 1));
  }

  // 3. The client retries what got no answer, with the same body, then carries on: 2xx all the way.
  await inParallel(cases, 10, async (faultCase) => {
    const from = unanswered.get(faultCase.caseId) ?? ACTIONS[acknowledged.get(faultCase.caseId)!.length];
    if (!from) return;
    for (const action of ACTIONS.slice(ACTIONS.indexOf(from))) {
      const request = requestFor(action, faultCase, openBodies.get(faultCase.caseId)!);
      const answer = await http(baseUrl, request.method, request.url, tokens[request.role], request.body);
      if (answer.status >= 300) throw new Error(`retry of ${action} ${faultCase.caseId}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
  });

  await waitUntilClosed(db, cases.map((c) => c.caseId), 120_000);
  const report = await checkInvariants(db, cases);
  expect(report.problems).toEqual([]);
  console.log(
    `API SIGKILL: ${answers2xx} requests answered 2xx, ${unanswered.size} without an answer at the kill; ` +
      `all ${CASES} cases settled ${((Date.now() - started) / 1000).toFixed(0)} s after the start`,
  );
});
