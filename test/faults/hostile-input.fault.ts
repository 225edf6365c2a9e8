/**
 * Hostile input that passes the shape checks but not PostgreSQL: a NUL character in a text field.
 * PostgreSQL refuses it in `text` (22021) and in `jsonb` (22P05). The API must refuse it with a
 * 400 and change nothing — never a 5xx, and never a case whose first event can not be stored
 * (its workflow would retry that write for ever).
 */
import { testTemporalAddress, uniqueTaskQueue } from '../support/stack';
import { makeCases } from './support/cases';
import { startWorkerProcess, type ChildProcessHandle } from './support/child-processes';
import { http, newCaseBody, startInProcessApi, type InProcessApi } from './support/api';
import { createOwnDatabase, faultDataDir, type OwnDatabase } from './support/servers';

let database: OwnDatabase;
let api: InProcessApi | undefined;
let worker: ChildProcessHandle | undefined;

beforeAll(async () => {
  const dataDir = faultDataDir('hostile-input');
  database = await createOwnDatabase('hostile-input');
  const taskQueue = uniqueTaskQueue();
  worker = await startWorkerProcess('worker', { temporalAddress: testTemporalAddress(), databaseUrl: database.url, taskQueue, dataDir });
  api = await startInProcessApi({ db: database.db, databaseUrl: database.url, temporalAddress: testTemporalAddress(), taskQueue, dataDir });
});
afterAll(async () => {
  await worker?.kill();
  await api?.close();
  await database?.close();
});

test('a NUL character in a list filter is refused 400, not a 500', async () => {
  const answer = await http(api!.baseUrl, 'GET', '/v1/cases?town=%00', api!.tokens.officer);
  expect(answer.status).toBe(400);
  expect(answer.contentType).toContain('application/problem+json');
});

test('a NUL character in a new case is refused 400, and no case is registered or started', async () => {
  const { caseId } = makeCases(1, 'hostile')[0]!;
  const body = newCaseBody(caseId);
  const applicant = body.applicant as Record<string, unknown>;
  const hostile = { ...body, applicant: { ...applicant, name: `张\u0000三` } };
  const answer = await http(api!.baseUrl, 'POST', '/v1/cases', api!.tokens.officer, hostile, 40_000).catch((error: unknown) => {
    throw new Error(`no answer within 40 s: the case was accepted and its first event can not be stored (${(error as Error).message})`);
  });
  expect(answer.status).toBe(400);
  const registered = await database.db.selectFrom('case_registrations').select('case_id').where('case_id', '=', caseId).execute();
  expect(registered).toEqual([]);
}, 60_000);
