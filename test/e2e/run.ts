/**
 * `npm run test:e2e`: starts the stack once (`npm start` on its own DATA_DIR and free ports), runs
 * every test/e2e/*.e2e.ts with node's test runner against it, one file at a time (the sandbox
 * payers' switches are global), then stops the stack. Exit code: the test runner's.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startStack } from './support/stack';
import { chromiumPath } from './support/browser';
import { E2E_STAGE_SLA } from './support/context';

const ROOT = path.resolve(__dirname, '../..');

async function main(): Promise<number> {
  chromiumPath(); // fail fast, in one line, when Chromium is missing
  const only = process.argv.slice(2);
  const files = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.e2e.ts') && (only.length === 0 || only.some((o) => name.includes(o))))
    // Numbered in the issue's order (node's runner sorts files by name); the dashboard last, so
    // that its screenshot shows what the others made.
    .sort()
    .map((name) => path.join(__dirname, name));
  console.log(`e2e: starting the stack (npm start) for ${files.length} test files…`);
  const stack = await startStack({ stageSla: E2E_STAGE_SLA });
  console.log(`e2e: stack ready at ${stack.baseUrl} (log: ${stack.log})`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await stack.stop();
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(130)));
  process.once('SIGTERM', () => void stop().then(() => process.exit(143)));
  try {
    return await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files], {
        cwd: ROOT,
        stdio: 'inherit',
        env: { ...stack.env, E2E_BASE_URL: stack.baseUrl, E2E_TEMPORAL_UI_URL: stack.temporalUiUrl },
      });
      child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    });
  } finally {
    await stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`e2e: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
