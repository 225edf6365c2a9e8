/** The two embedded servers on their own: readiness, restart on the same data, failures explained, stop. */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import pg from 'pg';
import { freePorts, isPortFree } from '../../dev/ports';
import { startTemporalServer, temporalServerArgs } from '../../dev/temporal-server';
import { registeredSearchAttributes } from '../../programs/catalogue';
import { startOwnPostgres } from '../support/own-postgres';
import { isAlive } from '../../dev/processes';
import { tempDataDir, testTemporalCli } from '../support/stack';

jest.setTimeout(120_000);

describe('Temporal dev server', () => {
  it('passes the flags the embedded stack needs', () => {
    const args = temporalServerArgs({ cliPath: '/t', port: 1234, uiPort: 1235, dbFile: '/d/temporal.db', logFile: '/d/t.log' });
    expect(args.join(' ')).toContain('server start-dev --ip 127.0.0.1 --port 1234 --namespace default --ui-port 1235');
    expect(args.join(' ')).toContain('--db-filename /d/temporal.db --sqlite-pragma journal_mode=WAL --sqlite-pragma synchronous=NORMAL');
    for (const [name, type] of Object.entries(registeredSearchAttributes())) expect(args.join(' ')).toContain(`--search-attribute ${name}=${type}`);
    expect(temporalServerArgs({ cliPath: '/t', port: 1, logFile: '/l' })).toContain('--headless');
    // The Web UI decodes payloads through the API's codec server; a headless server has no UI to tell.
    expect(temporalServerArgs({ cliPath: '/t', port: 1, uiPort: 2, uiCodecEndpoint: 'http://localhost:3000/codec', logFile: '/l' }).join(' ')).toContain('--ui-codec-endpoint http://localhost:3000/codec');
    expect(temporalServerArgs({ cliPath: '/t', port: 1, uiCodecEndpoint: 'http://localhost:3000/codec', logFile: '/l' })).not.toContain('--ui-codec-endpoint');
  });

  it('restarts on the same database file with its search attributes already registered, and stop() leaves nothing', async () => {
    const dir = tempDataDir('temporal');
    const dbFile = path.join(dir, 'temporal.db');
    for (let run = 0; run < 2; run++) {
      const [port] = (await freePorts(1)) as [number];
      const server = await startTemporalServer({ cliPath: testTemporalCli(), port, dbFile, logFile: path.join(dir, 'temporal.log') });
      const connection = await Connection.connect({ address: server.address });
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
      await connection.close();
      expect(Object.keys(customAttributes ?? {})).toEqual(expect.arrayContaining(Object.keys(registeredSearchAttributes())));
      await server.stop();
      expect(isAlive(server.pid)).toBe(false);
      expect(await isPortFree(port)).toBe(true);
    }
  });

  it('explains a failed start with the tail of its log, and leaves no process', async () => {
    const dir = tempDataDir('temporal-busy');
    const [port] = (await freePorts(1)) as [number];
    // Holds the port and hangs up on whoever connects (the readiness probe does).
    const blocker = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const error = (await startTemporalServer({ cliPath: testTemporalCli(), port, logFile: path.join(dir, 'temporal.log'), readyTimeoutMs: 20_000 }).catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(Error);
      expect(error.message).toContain(`Temporal dev server on 127.0.0.1:${port} did not come up`);
      expect(error.message).toContain('last lines of');
    } finally {
      blocker.close();
    }
  });
});

describe('embedded PostgreSQL', () => {
  it('initialises once, keeps its data across restarts, and stops cleanly even after it died', async () => {
    let server = await startOwnPostgres();
    const clusterDir = server.clusterDir;
    expect(clusterDir).toBe(path.join(server.dataDir, 'postgres'));
    let client = new pg.Client({ connectionString: server.url });
    await client.connect();
    await client.query('create table kept (value int)');
    await client.query('insert into kept values (42)');
    await client.end();
    await server.stop();
    expect(await isPortFree(server.port)).toBe(true);
    const initialisedAt = fs.statSync(path.join(clusterDir, 'PG_VERSION')).mtimeMs;

    server = await startOwnPostgres({ dataDir: server.dataDir });
    expect(fs.statSync(path.join(clusterDir, 'PG_VERSION')).mtimeMs).toBe(initialisedAt); // not initialised again
    client = new pg.Client({ connectionString: server.url });
    await client.connect();
    expect((await client.query('select value from kept')).rows).toEqual([{ value: 42 }]);
    await client.end();

    // A PostgreSQL that died on its own: stop() must not wait for an exit that is already past.
    await server.crash();
    expect(isAlive(server.pid)).toBe(false);
    await server.stop();
    expect(await isPortFree(server.port)).toBe(true);
  });

  it('keeps the cluster of a DATA_DIR the postgres user may not enter outside it, in a root-only folder, and says why', async () => {
    const parent = tempDataDir('closed');
    fs.chmodSync(parent, 0o700);
    const server = await startOwnPostgres({ dataDir: path.join(parent, 'data') });
    try {
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
      await client.end();
      if (process.getuid?.() === 0) {
        expect(server.clusterDir.startsWith(os.tmpdir() + path.sep)).toBe(true);
        expect(server.movedBecause).toContain(`may not enter ${parent} (mode 700)`);
        const home = fs.lstatSync(path.dirname(server.clusterDir));
        expect([home.uid, home.mode & 0o777]).toEqual([0, 0o711]);
        expect(fs.statSync(server.clusterDir).mode & 0o777).toBe(0o700);
      } else {
        // Not root: PostgreSQL runs as us and enters our own folders.
        expect(server.clusterDir).toBe(path.join(parent, 'data', 'postgres'));
        expect(server.movedBecause).toBeUndefined();
      }
    } finally {
      await server.stop();
      if (server.clusterDir.startsWith(os.tmpdir() + path.sep)) fs.rmSync(path.dirname(server.clusterDir), { recursive: true, force: true });
    }
  });
});
