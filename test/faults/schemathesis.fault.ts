/**
 * Schemathesis (PyPI) against /openapi.json of a running API process, once per
 * role with that role's token (the three side by side): no 5xx, only documented status codes and content types, every
 * response matching its schema. Schemathesis lives in the git-ignored `.tools/venv` (`.ci/run`
 * installs it; see SCHEMATHESIS below). Without it this test is skipped — unless CI is set, where
 * a missing Schemathesis is a failure, not a silent pass.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort } from '../../dev/ports';
import { testTemporalAddress, uniqueTaskQueue } from '../support/stack';
import { PROJECT_ROOT, startApiProcess, startWorkerProcess, type ChildProcessHandle } from './support/child-processes';
import { newAuthSecret, tokensFor } from './support/api';
import { createOwnDatabase, faultDataDir, type OwnDatabase } from './support/servers';

const SCHEMATHESIS = process.env.SCHEMATHESIS_BIN ?? path.join(PROJECT_ROOT, '.tools', 'venv', 'bin', 'schemathesis');
const installed = fs.existsSync(SCHEMATHESIS);
const CHECKS = ['not_a_server_error', 'status_code_conformance', 'content_type_conformance', 'response_schema_conformance'];
/** Examples per operation and role: enough to reach every documented refusal, small enough for CI. */
const MAX_EXAMPLES = Number(process.env.SCHEMATHESIS_MAX_EXAMPLES ?? 25);

let database: OwnDatabase | undefined;
const children: ChildProcessHandle[] = [];

afterAll(async () => {
  await Promise.allSettled(children.map((c) => c.stop()));
  await database?.close();
});

function runSchemathesis(args: string[], logFile: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(SCHEMATHESIS, args, { cwd: PROJECT_ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      fs.writeFileSync(logFile, output);
      resolve({ code, output });
    });
  });
}

if (!installed && process.env.CI) {
  test('Schemathesis is installed', () => {
    throw new Error(`${SCHEMATHESIS} is missing: python3 -m venv .tools/venv && .tools/venv/bin/pip install schemathesis (what .ci/run does)`);
  });
}

(installed ? describe : describe.skip)('Schemathesis against the running API', () => {
  let baseUrl = '';
  let tokens: Awaited<ReturnType<typeof tokensFor>>;
  let dataDir = '';

  beforeAll(async () => {
    dataDir = faultDataDir('schemathesis');
    database = await createOwnDatabase('schemathesis');
    const taskQueue = uniqueTaskQueue();
    const secret = newAuthSecret();
    tokens = await tokensFor(secret);
    const port = await freePort();
    const env = { temporalAddress: testTemporalAddress(), databaseUrl: database.url, taskQueue, dataDir, port, authSecret: secret };
    // A worker too: with none, every transition would wait for the update timeout.
    children.push(await startWorkerProcess('worker', env));
    children.push(await startApiProcess('api', { ...env, extra: { LOG_LEVEL: 'warn' } }));
    baseUrl = `http://127.0.0.1:${port}`;
  });

  // The three roles at once against the one API: each run mostly waits for answers (one request at a
  // time), so side by side they take little longer than the slowest alone.
  test('as officer, hospital and admin: no 5xx, documented statuses and content types, responses match their schemas', async () => {
    const runs = await Promise.all((['officer', 'hospital', 'admin'] as const).map(async (role) => ({ role, ...(await runAs(role)) })));
    const failed = runs.filter((run) => run.code !== 0);
    if (failed.length > 0) throw new Error(failed.map((run) => `schemathesis as ${run.role} exited ${run.code}:\n${run.output.slice(-20_000)}`).join('\n\n'));
  }, 900_000);

  function runAs(role: 'officer' | 'hospital' | 'admin'): Promise<{ code: number | null; output: string }> {
    return runSchemathesis(
      [
        'run',
        `${baseUrl}/openapi.json`,
        '--header',
        `Authorization: Bearer ${tokens[role]}`,
        '--checks',
        CHECKS.join(','),
        '--max-examples',
        String(MAX_EXAMPLES),
        '--seed',
        '20261128',
        // One worker: with threads, Python 3.11's ast module can fail inside Schemathesis's coverage
        // phase ("AST constructor recursion depth mismatch", a CPython bug), which is not an API finding.
        '--workers',
        '1',
        '--request-timeout',
        '40',
        '--no-color',
      ],
      path.join(dataDir, `schemathesis-${role}.log`),
    );
  }
});
