/**
 * `npm run infra` as a user runs it: its own data folder and free ports, ready, Ctrl-C (SIGINT
 * to the process group), nothing left behind; a second start finds the same data.
 */
import fs from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { sql } from 'kysely';
import { createDb } from '../../store/connection';
import { freePorts, isPortFree } from '../../dev/ports';
import { readEmbeddedSecrets, EMBEDDED_DATABASE } from '../../config/secrets';
import { descendantsOf, commandOf, killAll, signalGroup, spawnNpm, type Spawned } from '../support/processes';
import { isAlive } from '../../dev/processes';
import { tempDataDir, testTemporalCli, uniqueId } from '../support/stack';

jest.setTimeout(180_000);

interface InfraEnv {
  dataDir: string;
  temporalPort: number;
  uiPort: number;
  pgPort: number;
  env: NodeJS.ProcessEnv;
}

async function infraEnv(dataDir: string): Promise<InfraEnv> {
  const [temporalPort, uiPort, pgPort] = (await freePorts(3)) as [number, number, number];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    TEMPORAL_PORT: String(temporalPort),
    TEMPORAL_UI_PORT: String(uiPort),
    PG_PORT: String(pgPort),
    // The CLI the test stack already resolved: no second download.
    TEMPORAL_CLI_PATH: testTemporalCli(),
  };
  // The test environment points these at the shared test stack; infra must start its own.
  delete env.TEMPORAL_ADDRESS;
  delete env.DATABASE_URL;
  return { dataDir, temporalPort, uiPort, pgPort, env };
}

const started: Spawned[] = [];
const seenPids = new Set<number>();

afterAll(() => {
  // Only if an assertion failed half-way: nothing may outlive the test run.
  for (const s of started) signalGroup(s, 'SIGKILL');
  killAll([...seenPids].filter(isAlive));
});

async function startInfra(config: InfraEnv): Promise<Spawned> {
  const infra = spawnNpm(['run', 'infra'], config.env);
  started.push(infra);
  await infra.waitFor(/infrastructure ready/, 120_000);
  for (const pid of descendantsOf(infra.pid)) seenPids.add(pid);
  return infra;
}

/** 'ctrl-c': SIGINT to the whole process group, as a terminal does; 'sigterm': SIGTERM to npm only, as a supervisor does. */
async function stopInfra(infra: Spawned, config: InfraEnv, how: 'ctrl-c' | 'sigterm'): Promise<void> {
  const pids = descendantsOf(infra.pid);
  expect(pids.length).toBeGreaterThan(2); // npm, sh, node (tsx), temporal, postgres…
  expect(pids.map(commandOf).join('\n')).toMatch(/temporal.*start-dev/);
  expect(pids.map(commandOf).join('\n')).toMatch(/postgres/);
  const expected = how === 'ctrl-c' ? 'SIGINT' : 'SIGTERM';
  if (how === 'ctrl-c') signalGroup(infra, 'SIGINT');
  else process.kill(infra.pid, 'SIGTERM');
  const { code, signal } = await infra.exited;
  expect(infra.output()).toMatch(new RegExp(`received ${expected}; stopping…\\nstopped`));
  // npm re-raises the signal it got once its child has finished (a shell would show 130/143).
  expect(code === 0 || signal === expected).toBe(true);
  const survivors = pids.filter(isAlive).map((pid) => `${pid} ${commandOf(pid)}`);
  expect(survivors).toEqual([]);
  for (const port of [config.temporalPort, config.uiPort, config.pgPort]) {
    expect(await isPortFree(port)).toBe(true);
  }
}

describe('npm run infra', () => {
  const dataDir = tempDataDir('infra');
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('starts both servers, stops on Ctrl-C or SIGTERM leaving nothing behind, and finds the same data on the next start', async () => {
    const first = await infraEnv(dataDir);
    let infra = await startInfra(first);
    expect(infra.output()).toContain(`127.0.0.1:${first.temporalPort}`);
    expect(infra.output()).toContain(`http://localhost:${first.uiPort}`);

    // Leave a trace in both servers.
    const secrets = readEmbeddedSecrets(dataDir)!;
    const url = (port: number) => `postgres://postgres:${encodeURIComponent(secrets.postgresPassword)}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
    const marker = uniqueId('marker');
    let db = createDb(url(first.pgPort), { max: 1 });
    await sql`create table infra_test_marker (value text)`.execute(db);
    await sql`insert into infra_test_marker values (${marker})`.execute(db);
    await db.destroy();
    let connection = await Connection.connect({ address: `127.0.0.1:${first.temporalPort}` });
    const workflowId = uniqueId('persisted');
    // No worker runs: the execution simply stays open, which is all this test needs.
    await new Client({ connection }).workflow.start('noSuchWorkflow', { taskQueue: uniqueId('tq'), workflowId });
    await connection.close();

    await stopInfra(infra, first, 'ctrl-c');

    // Second start: other ports on purpose, same DATA_DIR.
    const second = await infraEnv(dataDir);
    infra = await startInfra(second);
    db = createDb(url(second.pgPort), { max: 1 });
    const { rows } = await sql<{ value: string }>`select value from infra_test_marker`.execute(db);
    await db.destroy();
    expect(rows).toEqual([{ value: marker }]);
    connection = await Connection.connect({ address: `127.0.0.1:${second.temporalPort}` });
    const description = await new Client({ connection }).workflow.getHandle(workflowId).describe();
    await connection.close();
    expect(description.status.name).toBe('RUNNING');

    await stopInfra(infra, second, 'sigterm');
  });

  it('reports a port already in use with the name of its variable, in one line, and starts nothing', async () => {
    const config = await infraEnv(tempDataDir('infra-busy'));
    const net = await import('node:net');
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(config.pgPort, '127.0.0.1', resolve));
    try {
      const infra = spawnNpm(['run', '--silent', 'infra'], config.env);
      started.push(infra);
      const { code } = await infra.exited;
      expect(code).not.toBe(0);
      expect(infra.output().trim()).toBe(`PG_PORT ${config.pgPort} is already in use`);
      expect(await isPortFree(config.temporalPort)).toBe(true);
    } finally {
      blocker.close();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    }
  });
});
