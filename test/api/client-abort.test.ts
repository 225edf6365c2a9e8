/**
 * Over a real socket (app.inject() does not show it): a roster keeps importing after its body has
 * been read, and a caller that goes away aborts the work done on its behalf.
 */
import { eventually } from '../support/eventually';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { clientAbortPlugin } from '../../http/plugins/client-abort';
import { caseId, newCase } from './fixtures';
import { startApiHarness, type ApiHarness } from './harness';

let api: ApiHarness;
let baseUrl: string;
let officer: string;

beforeAll(async () => {
  api = await startApiHarness({ worker: true });
  await api.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}`;
  officer = await api.token('officer');
});
afterAll(async () => {
  await api?.close();
});

test('a 40-row roster sent over HTTP is imported whole', async () => {
  const cases = Array.from({ length: 40 }, () => newCase({ caseId: caseId('sock') }));
  const response = await fetch(`${baseUrl}/v1/cases/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${officer}`, 'content-type': 'application/json' },
    body: JSON.stringify({ cases }),
  });
  expect(response.status).toBe(200);
  const result = (await response.json()) as { created: number; failed: unknown[] };
  expect(result.failed).toEqual([]);
  expect(result.created).toBe(40);
}, 120_000);

test('request.clientGone aborts only when the caller leaves before the answer, and the abandoned request is logged', async () => {
  const logs: string[] = [];
  const app = Fastify({ logger: { level: 'info', stream: { write: (line: string) => void logs.push(line) } } });
  await app.register(clientAbortPlugin);
  const seen: boolean[] = [];
  let handlerStarted: () => void = () => undefined;
  app.post('/slow', async (request) => {
    handlerStarted();
    await new Promise((resolve) => setTimeout(resolve, 300));
    seen.push(request.clientGone.aborted);
    return { ok: true };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/slow`;
    // A body that has been read in full must not count as the client leaving.
    await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pad: 'x'.repeat(200_000) }) });
    // The caller leaves once the handler is at work (on a busy machine, a fixed delay could abort
    // before the request even arrived, and the handler would never run).
    const leaving = new AbortController();
    const started = new Promise<void>((resolve) => (handlerStarted = resolve));
    const gone = fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', signal: leaving.signal }).catch(() => undefined);
    await started;
    leaving.abort();
    await gone;
    expect(await eventually('the second request answered', async () => (seen.length === 2 ? seen : undefined))).toEqual([false, true]);
    const aborted = logs.map((line) => JSON.parse(line) as { msg: string; req?: { url?: string } }).filter((line) => line.msg === 'request aborted by the client');
    expect(aborted).toHaveLength(1);
    expect(aborted[0]!.req?.url).toBe('/slow');
  } finally {
    await app.close();
  }
});
