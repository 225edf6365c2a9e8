import path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const projectConfig = require('../../eslint.config.js') as ESLint.Options['baseConfig'];

/** Lints a snippet as if it were a file of a program's workflow/ folder (the file need not exist: no type info). */
async function lintAsWorkflow(code: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: ROOT,
    // ESLint loads its config file with import(), which jest's sandbox cannot do: pass it in.
    overrideConfigFile: true,
    baseConfig: projectConfig,
    overrideConfig: {
      languageOptions: { parserOptions: { projectService: false, project: null } },
      rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
    },
  });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, 'programs', 'surgery', 'workflow', 'lint-probe.ts') });
  return result!.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('eslint rules for workflow code', () => {
  jest.setTimeout(60_000);

  it.each([
    ["import fs from 'node:fs';", 'Node built-ins'],
    ["import path from 'path';", 'Node built-ins'],
    ["import { randomUUID } from 'crypto';", 'Node built-ins'],
    ["import { Kysely } from 'kysely';", 'Database access'],
    ["import pg from 'pg';", 'Database access'],
    ["import { createDb } from '../../../store/connection';", 'Database access'],
    ["import * as activities from '../activities';", 'only as types'],
    ["import { sandboxPayer } from '../activities/payers/sandbox-payer';", 'only as types'],
  ])('refuses %s', async (line, reason) => {
    const messages = await lintAsWorkflow(`${line}\nexport const used = [${line.match(/import (?:\* as )?\{?\s*(\w+)/)![1]}];\n`);
    expect(messages).toEqual([expect.stringContaining(reason)]);
  });

  it('allows type-only imports of activities and the Temporal workflow API', async () => {
    const code = [
      "import type * as activities from '../activities';",
      "import { proxyActivities } from '@temporalio/workflow';",
      "import { caseWorkflowId } from './shared';",
      "export const acts = proxyActivities<typeof activities>({ startToCloseTimeout: '1 minute' });",
      'export const id = caseWorkflowId;',
    ].join('\n');
    expect(await lintAsWorkflow(code)).toEqual([]);
  });
});
