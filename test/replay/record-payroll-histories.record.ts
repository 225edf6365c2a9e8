/**
 * Records the payroll histories that test/replay/replay.test.ts replays. Not part of `npm test`;
 * run it when a new scenario deserves a guard:
 *
 *   npx jest --testMatch '**\/record-payroll-histories.record.ts'
 *
 * Through the HTTP API, on the real stack, in a database of its own: two nursing-subsidy
 * enrolments (three months owed), the May payroll opened and submitted by civil affairs, approved
 * by finance, disbursed in two batches of at most two lines to the sandbox bank, RECONCILED. And
 * the month's opening as the program's Schedule starts it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { ApiHarness } from '../api/harness';
import { eventually } from '../support/eventually';
import { testNamespace, testPayloadCodec, testTemporalAddress, testTemporalCli, uniqueId } from '../support/stack';
import { mapHistoryPayloads } from './history-payloads';
import { activeEnrolment } from '../programs/subsidy/payroll/active-enrolment';
import { startPayrollStack, type PayrollStack } from '../programs/subsidy/payroll/payroll-stack';
import { MONTHLY_PAYROLL_WORKFLOW_TYPE, type MonthlyPayrollInput } from '../../programs/subsidy/workflow/monthly-payroll';

const HISTORIES = path.join(__dirname, 'histories');
/** v2: the payroll continues as new past a bound (patch `payroll-history-bound`). Bumped with every patch; files of earlier generations stay. */
const GENERATION = 'payroll-v2';
/** The monthly opening's own generation, bumped with its patches. */
const MONTHLY_GENERATION = 'monthly-payroll-v1';
const MAY = 'payroll-NURSING_SUBSIDY-2026-05';
const ACCOUNTS = ['6228480000000033334', '6217000000000044445'];

let stack: PayrollStack | undefined;
let api: ApiHarness;
let token: PayrollStack['token'];
const idNumbers: string[] = [];

beforeAll(async () => {
  stack = await startPayrollStack('payroll_replay');
  ({ api, token } = stack);
}, 180_000);
afterAll(async () => {
  await stack?.close();
}, 120_000);

/** The workflow's history as the CLI shows it, payloads decoded (any later run replays them). */
async function historyOf(workflowId: string): Promise<unknown> {
  const json = execFileSync(testTemporalCli(), ['workflow', 'show', '--workflow-id', workflowId, '--address', testTemporalAddress(), '--namespace', testNamespace(), '--output', 'json']);
  return mapHistoryPayloads(JSON.parse(json.toString('utf8')), 'decode', testPayloadCodec());
}

test('May for two enrolments: opened, submitted, approved by another, two batches, RECONCILED', async () => {
  const desks = { api, officer: token.officer, civil: token.civil };
  for (const [appliedOn, accountNo] of [['2026-04-08', ACCOUNTS[0]!], ['2026-05-06', ACCOUNTS[1]!]] as const) {
    idNumbers.push((await activeEnrolment(desks, { appliedOn, accountNo })).idNumber);
  }
  expect((await api.call({ method: 'POST', url: '/v1/payrolls', token: token.civil, payload: { program: 'NURSING_SUBSIDY', period: '2026-05' } })).statusCode).toBe(201);
  expect((await api.call({ method: 'POST', url: `/v1/payrolls/${MAY}/submit`, token: token.civil })).statusCode).toBe(200);
  expect((await api.call({ method: 'POST', url: `/v1/payrolls/${MAY}/approve`, token: token.finance })).statusCode).toBe(200);
  const payroll = await eventually(
    'May is reconciled',
    async () => {
      const view = (await api.call({ method: 'GET', url: `/v1/payrolls/${MAY}`, token: token.admin })).json();
      return view.stage === 'RECONCILED' ? view : undefined;
    },
    60_000,
    500,
  );
  // April and May for the first, May for the second: 3 lines of 10,000 fen (grade 1 before July 2026).
  expect(payroll).toMatchObject({ stage: 'RECONCILED' });
  await api.client.workflow.getHandle(MAY).result();
  const decoded = await historyOf(MAY);
  const json64 = JSON.stringify(decoded);
  // Payloads are JSON in base64: read them as text too.
  const text = [json64, ...[...json64.matchAll(/"data":"([A-Za-z0-9+/=]+)"/g)].map((match) => Buffer.from(match[1]!, 'base64').toString('utf8'))].join('\n');
  expect(text).toContain('"batchNo"');
  // The lines stay in PostgreSQL: the history holds batches by number, no account or ID number.
  for (const secret of [...ACCOUNTS, ...idNumbers]) expect(text).not.toContain(secret);
  fs.writeFileSync(path.join(HISTORIES, `${GENERATION}-two-batches.json`), `${JSON.stringify(decoded, null, 2)}\n`);
}, 150_000);

// `-t 'monthly'` records it alone. The month is the one the recorder runs in; the payroll it opens
// (in DRAFT) is ended with the file.
test('the monthly opening: it opens the month\'s payroll, and fired again finds it open', async () => {
  const fire = async () => {
    const workflowId = uniqueId('monthly-payroll');
    const input: MonthlyPayrollInput = { program: 'NURSING_SUBSIDY', batchSize: 2 };
    const result = await api.client.workflow.execute<(input: MonthlyPayrollInput) => Promise<{ payrollId: string; started: boolean }>>(MONTHLY_PAYROLL_WORKFLOW_TYPE, {
      workflowId,
      taskQueue: api.config.temporal.taskQueue,
      args: [input],
    });
    return { workflowId, result };
  };
  const first = await fire();
  expect(first.result).toMatchObject({ payrollId: expect.stringMatching(/^payroll-NURSING_SUBSIDY-\d{4}-\d{2}$/), started: true });
  const again = await fire();
  expect(again.result).toEqual({ payrollId: first.result.payrollId, started: false });
  fs.writeFileSync(path.join(HISTORIES, `${MONTHLY_GENERATION}-opens-the-month.json`), `${JSON.stringify(await historyOf(first.workflowId), null, 2)}\n`);
  fs.writeFileSync(path.join(HISTORIES, `${MONTHLY_GENERATION}-month-already-open.json`), `${JSON.stringify(await historyOf(again.workflowId), null, 2)}\n`);
}, 60_000);
