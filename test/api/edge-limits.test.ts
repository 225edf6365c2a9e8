/**
 * The server's own limits: per-token (or per-address) rate limits answered with a 429 problem, a
 * request that trickles in cut at the request timeout, the connection cap, browser security
 * headers that the built console works with.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { DEFAULT_CONSOLE_DIR } from '../../api/app';
import { tempDataDir } from '../support/stack';
import { startApiHarness, type ApiHarness } from './harness';

let api: ApiHarness;

beforeAll(async () => {
  const consoleDir = tempDataDir('edge-console');
  fs.writeFileSync(path.join(consoleDir, 'index.html'), '<!doctype html><title>控制台</title><div id="root"></div>');
  api = await startApiHarness({
    env: { RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW: '1m', HTTP_REQUEST_TIMEOUT: '1s', HTTP_MAX_CONNECTIONS: '50' },
    deps: { consoleDir },
  });
});
afterAll(async () => {
  await api?.close();
});

describe('rate limits', () => {
  test('count per token subject: the fourth request in the window is a 429 problem with Retry-After', async () => {
    const clerk = await api.token('officer', { sub: 'clerk-rate-1' });
    for (let i = 0; i < 3; i++) expect((await api.call({ method: 'GET', url: '/v1/cases?limit=1', token: clerk })).statusCode).toBe(200);
    const limited = await api.call({ method: 'GET', url: '/v1/cases?limit=1', token: clerk });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(limited.json()).toMatchObject({ type: '/problems/rate-limited', status: 429 });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another clerk (another token subject) at the same address is not held up.
    const colleague = await api.token('officer', { sub: 'clerk-rate-2' });
    expect((await api.call({ method: 'GET', url: '/v1/cases?limit=1', token: colleague })).statusCode).toBe(200);
  });

  test('count per address without a token; liveness and readiness are never limited', async () => {
    const from = (remoteAddress: string) => api.call({ method: 'GET', url: '/openapi.json', remoteAddress, unchecked: true });
    for (let i = 0; i < 3; i++) expect((await from('198.51.100.7')).statusCode).toBe(200);
    expect((await from('198.51.100.7')).statusCode).toBe(429);
    expect((await from('198.51.100.8')).statusCode).toBe(200);
    for (let i = 0; i < 6; i++) expect((await api.call({ method: 'GET', url: '/healthz', remoteAddress: '198.51.100.9' })).statusCode).toBe(200);
  });
});

test('a request whose body trickles in is cut at HTTP_REQUEST_TIMEOUT (408), not held open', async () => {
  await api.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = api.app.server.address() as net.AddressInfo;
  const token = await api.token('officer', { sub: 'clerk-slow' });
  const socket = net.connect(port, '127.0.0.1');
  let answer = '';
  socket.on('data', (data) => (answer += data.toString()));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.write(`POST /v1/cases HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{`);
  const started = Date.now();
  const drip = setInterval(() => socket.writable && socket.write(' '), 100);
  try {
    await Promise.race([closed, new Promise((_, reject) => setTimeout(() => reject(new Error(`still open after 5 s; got ${JSON.stringify(answer)}`)), 5_000))]);
  } finally {
    clearInterval(drip);
    socket.destroy();
  }
  expect(answer).toMatch(/^HTTP\/1\.1 408/);
  expect(Date.now() - started).toBeLessThan(3_000);
});

test('the connection cap comes from HTTP_MAX_CONNECTIONS', () => {
  expect(api.app.server.maxConnections).toBe(50);
});

describe('browser security headers', () => {
  test('every answer forbids framing and sniffing, with a same-origin Content-Security-Policy', async () => {
    for (const url of ['/', '/healthz', '/v1/cases']) {
      const response = await api.call({ method: 'GET', url, unchecked: true });
      const policy = `${url} ${String(response.headers['content-security-policy'])}`;
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("object-src 'none'");
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
    }
  });

  // The policy allows scripts from the origin only: the built console must not need an inline one.
  const built = path.join(DEFAULT_CONSOLE_DIR, 'index.html');
  (fs.existsSync(built) ? test : test.skip)('the built console loads its scripts from files, as the policy requires', () => {
    const html = fs.readFileSync(built, 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((match) => match[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const attributes of scripts) expect(attributes).toMatch(/\bsrc=/);
  });
});
