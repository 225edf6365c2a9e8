/**
 * A case opened and moved through the API leaves no ID number in clear in Temporal: not in the
 * workflow's start input, not in an Update's result (each returns the whole case), not anywhere in
 * the history as the server stores and serves it. Clients with the project's data converter (the
 * API's, the worker's) read the case; so does an admin through the codec server.
 */
import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { temporal } from '@temporalio/proto';
import { payloadToJson } from '../../codec/payload-json';
import { caseWorkflowId, getCaseQuery } from '../../programs/surgery/workflow/definitions';
import { testConnection, testNamespace, testTemporalAddress, testTemporalCli } from '../support/stack';
import { newCase, SCREENING } from './fixtures';
import { startApiHarness, type ApiHarness } from './harness';

let api: ApiHarness;
const run = promisify(execFile);

beforeAll(async () => {
  api = await startApiHarness({ worker: true });
});
afterAll(async () => {
  await api?.close();
});

test('the history holds the case encrypted: no ID number in its bytes, readable with the codec', async () => {
  const officer = await api.token('officer');
  const body = newCase();
  const caseId = body.caseId!;
  const idNumber = body.applicant.idNumber;
  expect((await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: body })).statusCode).toBe(201);
  expect((await api.call({ method: 'POST', url: `/v1/cases/${caseId}/screening`, token: officer, payload: SCREENING })).statusCode).toBe(200);

  // A client without the codec sees what Temporal stores (and what its Web UI shows without one).
  const plain = new Client({ connection: await testConnection(), namespace: testNamespace() });
  const history = await plain.workflow.getHandle(caseWorkflowId(caseId)).fetchHistory();
  const bytes = Buffer.from(temporal.api.history.v1.History.encode(history).finish());
  const events = history.events ?? [];
  expect(events.some((event) => event.workflowExecutionUpdateCompletedEventAttributes)).toBe(true);
  expect(bytes.includes(idNumber)).toBe(false);
  expect(historyToJSON(history)).not.toContain(idNumber);
  // The start input is there, encrypted (so the test would notice a history that was simply empty).
  const [input] = events[0]!.workflowExecutionStartedEventAttributes!.input!.payloads!;
  expect(Buffer.from(input!.metadata!.encoding!).toString()).toBe('binary/encrypted');

  // The API's client (the project's data converter) reads the case from the workflow.
  const view = await api.client.workflow.getHandle(caseWorkflowId(caseId)).query(getCaseQuery);
  expect(view.applicant.idNumber).toBe(idNumber);

  // So does an admin through the codec server, as the Web UI asks it.
  const decoded = await api.call({
    method: 'POST',
    url: '/codec/decode',
    token: await api.token('admin'),
    payload: { payloads: [payloadToJson(input!)] },
    unchecked: true,
  });
  expect(decoded.statusCode).toBe(200);
  expect(Buffer.from(decoded.json().payloads[0].data, 'base64').toString()).toContain(idNumber);
});

test('the Temporal CLI shows a case in clear only through the codec server, with an admin token', async () => {
  const officer = await api.token('officer');
  const body = newCase();
  expect((await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: body })).statusCode).toBe(201);
  await api.app.listen({ port: 0, host: '127.0.0.1' });
  const endpoint = `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}/codec`;
  const show = async (...codec: string[]) => {
    const args = ['workflow', 'show', '--workflow-id', caseWorkflowId(body.caseId!), '--address', testTemporalAddress(), '--namespace', testNamespace(), '--output', 'json', ...codec];
    const { stdout } = await run(testTemporalCli(), args);
    // The CLI writes payload data in base64: look at it decoded as well.
    return [stdout, ...Array.from(stdout.matchAll(/"data":\s*"([A-Za-z0-9+/=]+)"/g), ([, data]) => Buffer.from(data!, 'base64').toString('utf8'))].join('\n');
  };

  expect(await show()).not.toContain(body.applicant.idNumber);
  expect(await show('--codec-endpoint', endpoint, '--codec-auth', `Bearer ${await api.token('admin')}`)).toContain(body.applicant.idNumber);
  // An officer's token is refused (403); the CLI retries until its deadline, then fails.
  await expect(show('--codec-endpoint', endpoint, '--codec-auth', `Bearer ${officer}`, '--command-timeout', '3s')).rejects.toThrow();
  expect(api.logs.some((line) => line.includes('"sub":"officer-test"') && line.includes('"statusCode":403'))).toBe(true);
});
