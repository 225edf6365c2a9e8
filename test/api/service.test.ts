/** The service endpoints and the OpenAPI document: no worker needed. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { startApiHarness, type ApiHarness } from './harness';
import { tempDataDir } from '../support/stack';

const run = promisify(execFile);
let api: ApiHarness;

beforeAll(async () => {
  api = await startApiHarness();
});
afterAll(async () => {
  await api?.close();
});

test('/healthz answers while the process is up', async () => {
  const response = await api.call({ method: 'GET', url: '/healthz' });
  expect(response.statusCode).toBe(200);
  expect(response.json()).toEqual({ status: 'ok' });
});

test('a request is logged once, when it is answered: what was asked, by whom, the status and the time taken', async () => {
  const before = api.logs.length;
  const response = await api.call({ method: 'GET', url: '/metrics', token: await api.token('admin'), headers: { 'x-request-id': 'one-line-check' } });
  expect(response.statusCode).toBe(200);
  const lines = api.logs.slice(before).map((line) => JSON.parse(line) as Record<string, any>).filter((line) => line.reqId === 'one-line-check');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({ msg: 'request completed', req: { method: 'GET', url: '/metrics' }, res: { statusCode: 200 }, role: 'admin' });
  expect(typeof lines[0]!.responseTime).toBe('number');
});

test('/readyz is ready with Temporal, PostgreSQL and the migrations of the test stack', async () => {
  const response = await api.call({ method: 'GET', url: '/readyz' });
  expect(response.json()).toEqual({ status: 'ready', checks: { temporal: 'ok', postgres: 'ok', migrations: 'ok' } });
  expect(response.statusCode).toBe(200);
});

test('/metrics is Prometheus text with request counts by route and status, for an admin token only', async () => {
  await api.call({ method: 'GET', url: '/healthz' });
  expect((await api.call({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
  expect((await api.call({ method: 'GET', url: '/metrics', token: await api.token('officer') })).statusCode).toBe(403);
  const response = await api.call({ method: 'GET', url: '/metrics', token: await api.token('admin') });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/plain/);
  expect(response.body).toMatch(/http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
  expect(response.body).toContain('http_request_duration_seconds_bucket');
  expect(response.body).toContain('cases_workflows_started_total');
  expect(response.body).toContain('cases_updates_refused_total');
});

test('/docs serves the interactive documentation', async () => {
  const response = await api.call({ method: 'GET', url: '/docs', unchecked: true });
  expect([200, 302]).toContain(response.statusCode);
  const page = await api.call({ method: 'GET', url: '/docs/', unchecked: true });
  expect(page.statusCode).toBe(200);
  expect(page.headers['content-type']).toMatch(/^text\/html/);
  expect(page.body).toContain('swagger-ui');
  const spec = await api.call({ method: 'GET', url: '/docs/json', unchecked: true });
  expect(spec.json().openapi).toBe('3.1.0');
});

test('unknown routes answer a not-found problem document', async () => {
  const response = await api.call({ method: 'GET', url: '/v1/nothing-here' });
  expect(response.statusCode).toBe(404);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.json()).toMatchObject({ type: '/problems/not-found', status: 404 });
});

describe('the OpenAPI document', () => {
  let document: Record<string, any>;
  beforeAll(async () => {
    document = (await api.call({ method: 'GET', url: '/openapi.json' })).json();
  });

  test('is OpenAPI 3.1 and describes every endpoint of the API', () => {
    expect(document.openapi).toBe('3.1.0');
    const operations = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([p, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${p}`),
    );
    for (const expected of [
      'POST /v1/cases',
      'POST /v1/cases/import',
      'GET /v1/cases',
      'GET /v1/cases/{caseId}',
      'GET /v1/cases/{caseId}/events',
      'POST /v1/cases/{caseId}/screening',
      'POST /v1/cases/{caseId}/admission',
      'POST /v1/cases/{caseId}/surgery',
      'POST /v1/cases/{caseId}/discharge',
      'POST /v1/cases/{caseId}/withdraw',
      'GET /v1/admin/stuck',
      'POST /v1/admin/cases/{caseId}/claims/{payer}/resolve',
      'POST /v1/admin/cases/{caseId}/claims/{payer}/proposals',
      'POST /v1/admin/cases/{caseId}/claims/{payer}/proposals/{proposalId}/approve',
      'POST /v1/admin/cases/{caseId}/claims/{payer}/proposals/{proposalId}/reject',
      'GET /v1/admin/proposals',
      'GET /v1/admin/sandbox/payers/{payer}/claims',
      'PUT /v1/admin/sandbox/payers/{payer}',
      'GET /v1/stats',
      'POST /v1/enrolments',
      'GET /v1/enrolments',
      'GET /v1/enrolments/{enrolmentId}',
      'GET /v1/enrolments/{enrolmentId}/events',
      'POST /v1/enrolments/{enrolmentId}/town-review',
      'POST /v1/enrolments/{enrolmentId}/cdpf-review',
      'POST /v1/enrolments/{enrolmentId}/decision',
      'POST /v1/enrolments/{enrolmentId}/objection',
      'POST /v1/enrolments/{enrolmentId}/withdraw',
      'POST /v1/enrolments/{enrolmentId}/suspend',
      'POST /v1/enrolments/{enrolmentId}/reinstate',
      'POST /v1/enrolments/{enrolmentId}/bank-account',
      'POST /v1/enrolments/{enrolmentId}/recovery/repayments',
      'POST /v1/enrolments/{enrolmentId}/recovery/waive',
      'GET /v1/stats/subsidies',
      'POST /v1/auth/login',
      'POST /v1/auth/logout',
      'POST /v1/auth/password',
      'POST /v1/admin/users',
      'GET /v1/admin/users',
      'POST /v1/admin/users/{username}/disable',
      'POST /v1/admin/users/{username}/enable',
      'POST /v1/admin/users/{username}/reset-password',
      'GET /v1/admin/sign-ins',
      'GET /healthz',
      'GET /readyz',
      'GET /metrics',
      'GET /openapi.json',
    ]) {
      expect(operations).toContain(expected);
    }
  });

  test('documents problems as application/problem+json and the roster in JSON and CSV', () => {
    const post = document.paths['/v1/cases'].post;
    expect(Object.keys(post.responses).sort()).toEqual(['200', '201', '400', '401', '403', '409', '422', '429', '503']);
    expect(post.responses['409'].content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
    const importBody = document.paths['/v1/cases/import'].post.requestBody.content;
    expect(Object.keys(importBody).sort()).toEqual(['application/json', 'text/csv']);
    expect(document.components.schemas.Case).toBeDefined();
  });

  test('lints clean with @redocly/cli', async () => {
    const file = path.join(tempDataDir('openapi'), 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(document, null, 2));
    const cli = path.resolve(__dirname, '..', '..', 'node_modules', '.bin', 'redocly');
    const result = await run(cli, ['lint', file, '--format', 'stylish'], { env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } }).catch(
      (error: { stdout: string; stderr: string; code: number }) => error,
    );
    const output = `${result.stdout}\n${result.stderr}`;
    expect(output).toMatch(/Your API description is valid|Woohoo/);
    expect(output).not.toMatch(/\berror\b.*\n.*\d+ error/);
  }, 60_000);
});

describe('the web console and the development sign-in', () => {
  let withConsole: ApiHarness;
  beforeAll(async () => {
    const dir = tempDataDir('console');
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>控制台</title><div id="root"></div>');
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    withConsole = await startApiHarness({ deps: { consoleDir: dir, devTokens: true } });
  });
  afterAll(async () => {
    await withConsole?.close();
  });

  test('serves console/dist at / with the single-page-app fallback for browser paths only', async () => {
    const root = await withConsole.call({ method: 'GET', url: '/', unchecked: true });
    expect(root.statusCode).toBe(200);
    expect(root.body).toContain('控制台');
    const asset = await withConsole.call({ method: 'GET', url: '/assets/app.js', unchecked: true });
    expect(asset.statusCode).toBe(200);
    const deepLink = await withConsole.call({ method: 'GET', url: '/cases/LZ-1', headers: { accept: 'text/html,application/xhtml+xml' }, unchecked: true });
    expect(deepLink.statusCode).toBe(200);
    expect(deepLink.body).toContain('控制台');
    const api = await withConsole.call({ method: 'GET', url: '/v1/nothing', headers: { accept: 'text/html' } });
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  test('POST /v1/dev/token signs a token the API accepts, for dev-<role> (loopback only, not through a proxy)', async () => {
    const response = await withConsole.call({ method: 'POST', url: '/v1/dev/token', payload: { role: 'hospital', sub: 'clerk', hospitalId: 'wuwei-hand-foot' } });
    expect(response.statusCode).toBe(200);
    const { token } = response.json();
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { sub: string };
    expect(claims.sub).toBe('dev-hospital');
    const list = await withConsole.call({ method: 'GET', url: '/v1/cases?limit=1', token });
    expect(list.statusCode).toBe(200);
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
      const proxied = await withConsole.call({ method: 'POST', url: '/v1/dev/token', payload: { role: 'admin' }, headers: { [header]: '203.0.113.9' } });
      expect(proxied.statusCode).toBe(403);
    }
    const noHospital = await withConsole.call({ method: 'POST', url: '/v1/dev/token', payload: { role: 'hospital' } });
    expect(noHospital.statusCode).toBe(400);
    const remote = await withConsole.call({ method: 'POST', url: '/v1/dev/token', payload: { role: 'admin' }, remoteAddress: '203.0.113.9' });
    expect(remote.statusCode).toBe(403);
  });

  test('is absent unless asked for (DEV_TOKEN_ENDPOINT=1)', async () => {
    const response = await api.call({ method: 'POST', url: '/v1/dev/token', payload: { role: 'admin' } });
    expect(response.statusCode).toBe(404);
  });
});
