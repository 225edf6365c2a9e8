/**
 * `npm start` as a user runs it, on its own data folder and free ports: everything up and
 * /readyz 200 within 60 s, the URLs printed, Ctrl-C (or SIGTERM) leaves no process and no
 * listening port, and a second start finds the same data.
 */
import fs from 'node:fs';
import { payloadKeysPath } from '../../config/payload-keys';
import { freePorts, isPortFree } from '../../dev/ports';
import { commandOf, descendantsOf, killAll, signalGroup, spawnNpm, type Spawned } from '../support/processes';
import { isAlive } from '../../dev/processes';
import { tempDataDir, testTemporalCli } from '../support/stack';

jest.setTimeout(240_000);

const started: Spawned[] = [];
const seenPids = new Set<number>();
afterAll(() => {
  for (const s of started) signalGroup(s, 'SIGKILL');
  killAll([...seenPids].filter(isAlive));
});

async function startEnv(dataDir: string) {
  const [port, temporalPort, uiPort, pgPort] = (await freePorts(4)) as [number, number, number, number];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    TEMPORAL_PORT: String(temporalPort),
    TEMPORAL_UI_PORT: String(uiPort),
    PG_PORT: String(pgPort),
    TEMPORAL_CLI_PATH: testTemporalCli(),
    LOG_LEVEL: 'warn',
  };
  delete env.TEMPORAL_ADDRESS;
  delete env.DATABASE_URL;
  delete env.PAYLOAD_KEYS; // the embedded stack makes its own key, as on a developer's machine
  return { env, ports: [port, temporalPort, uiPort, pgPort], port, uiPort };
}

async function startAndCheck(dataDir: string) {
  const config = await startEnv(dataDir);
  const begun = Date.now();
  const app = spawnNpm(['start'], config.env);
  started.push(app);
  await app.waitFor(/is running/, 90_000);
  const readyAfter = Date.now() - begun;
  const ready = await fetch(`http://127.0.0.1:${config.port}/readyz`);
  expect(ready.status).toBe(200);
  expect(readyAfter).toBeLessThan(60_000);
  expect((await fetch(`http://127.0.0.1:${config.port}/docs`)).status).toBeLessThan(400);
  expect((await fetch(`http://127.0.0.1:${config.uiPort}/`)).status).toBe(200); // Temporal Web UI
  // The console's development sign-in: npm start opts in (DEV_TOKEN_ENDPOINT=1).
  const signIn = await fetch(`http://127.0.0.1:${config.port}/v1/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'officer' }) });
  expect(signIn.status).toBe(200);
  const output = app.output();
  expect(output).toContain(`http://localhost:${config.port}/docs`);
  expect(output).toContain(`http://localhost:${config.uiPort}`);
  expect(output).toContain('npm run token -- --role officer');
  // Payloads are encrypted with the key kept in DATA_DIR; the Web UI decodes them through the API's
  // codec server, which wants an admin token.
  expect(fs.statSync(payloadKeysPath(dataDir)).mode & 0o777).toBe(0o600);
  const uiSettings = (await (await fetch(`http://127.0.0.1:${config.uiPort}/api/v1/settings`)).json()) as { Codec: { Endpoint: string } };
  expect(uiSettings.Codec.Endpoint).toBe(`http://localhost:${config.port}/codec`);
  const uiOrigin = `http://localhost:${config.uiPort}`;
  const refused = await fetch(`http://127.0.0.1:${config.port}/codec/decode`, { method: 'POST', headers: { 'content-type': 'application/json', origin: uiOrigin }, body: '{}' });
  expect(refused.status).toBe(401);
  expect(refused.headers.get('access-control-allow-origin')).toBe(uiOrigin);
  const pids = descendantsOf(app.pid);
  for (const pid of pids) seenPids.add(pid);
  const commands = pids.map(commandOf).join('\n');
  expect(commands).toMatch(/worker\/main\.ts/);
  expect(commands).toMatch(/api\/main\.ts/);
  expect(commands).toMatch(/start-dev/);
  expect(commands).toMatch(/postgres -D/);
  return { app, pids, config };
}

async function expectNothingLeft(pids: number[], ports: number[]) {
  expect(pids.filter(isAlive).map((pid) => `${pid} ${commandOf(pid)}`)).toEqual([]);
  for (const port of ports) expect(await isPortFree(port)).toBe(true);
}

describe('npm start', () => {
  it('runs everything, stops on Ctrl-C leaving nothing, and starts again on the same data', async () => {
    const dataDir = tempDataDir('start');

    const first = await startAndCheck(dataDir);
    signalGroup(first.app, 'SIGINT'); // what Ctrl-C in a terminal does
    await first.app.exited;
    expect(first.app.output()).toMatch(/received SIGINT; stopping…[\s\S]*\nstopped\n/);
    await expectNothingLeft(first.pids, first.config.ports);

    const second = await startAndCheck(dataDir);
    expect(second.app.output()).toContain('migrations: database is up to date'); // same database found
    process.kill(second.app.pid, 'SIGTERM'); // what a supervisor does: npm only
    await second.app.exited;
    expect(second.app.output()).toMatch(/received SIGTERM; stopping…[\s\S]*\nstopped\n/);
    await expectNothingLeft(second.pids, second.config.ports);
  });
});
