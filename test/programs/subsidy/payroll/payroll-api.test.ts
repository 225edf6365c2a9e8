/**
 * A month's payroll through the HTTP API on the real stack (Temporal, PostgreSQL, a worker), in a
 * database of its own so that no other file's enrolments join its payrolls. One story, in order:
 * arrears, the refusals (future period, payroll-open, four-eyes), a rejection and resubmission, a
 * death between submission and approval, a bank that is down and comes back, a closed account paid
 * the next month once corrected, and a death reported after payment.
 *
 * Amounts from the shipped policy, by hand: the nursing subsidy pays grade 1 10000 fen a month
 * before 2026-07.
 */
import { addMonths, monthOfInstant } from '../../../../programs/subsidy/domain/month';
import { eventually } from '../../../support/eventually';
import type { ApiHarness } from '../../../api/harness';
import { startPayrollStack, type PayrollStack } from './payroll-stack';
import { payrollInvariantProblems } from './payroll-invariant';
import { activeEnrolment as activeEnrolmentThroughApi } from './active-enrolment';
import { ensurePayrollSchedules, payrollScheduleId } from '../../../../programs/subsidy/api/payroll-schedules';
import { listPayrolls } from '../../../../programs/subsidy/store/payrolls';
import { PAID_ONCE_INDEX, updatePayrollLines } from '../../../../programs/subsidy/store/payroll-lines';
import { settleMonths, takeMonthsForPayroll } from '../../../../programs/subsidy/store/enrolment-months';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { openPayrollUpdate, type PayrollInput } from '../../../../programs/subsidy/workflow/payroll-definitions';

jest.setTimeout(180_000);

let api: ApiHarness;
let stack: PayrollStack | undefined;
let token: PayrollStack['token'] & { sameFinance: string };
const OPEN_ACCOUNT = '6228480000000001234';
const CLOSED_ACCOUNT = '6228480000000009999';
const NEW_ACCOUNT = '6228480000000005678';
const MAY = 'payroll-NURSING_SUBSIDY-2026-05';
const JUNE = 'payroll-NURSING_SUBSIDY-2026-06';

beforeAll(async () => {
  // A database of this file's own, migrated: its payrolls see only its enrolments.
  stack = await startPayrollStack('payroll');
  api = stack.api;
  // The submitter holding a finance token as well: the approval must come from someone else.
  token = { ...stack.token, sameFinance: await api.token('finance', { sub: 'civil-wang' }) };
}, 180_000);
afterAll(async () => {
  await stack?.close();
}, 120_000);

/** An enrolment made ACTIVE by the officer and civil affairs of this file. */
const activeEnrolment = (appliedOn: string, accountNo: string, program?: string) => activeEnrolmentThroughApi({ api, officer: token.officer, civil: token.civil }, { appliedOn, accountNo, program });

async function enrolment(enrolmentId: string) {
  return (await api.call({ method: 'GET', url: `/v1/enrolments/${enrolmentId}`, token: token.officer })).json();
}

async function payroll(payrollId: string) {
  const response = await api.call({ method: 'GET', url: `/v1/payrolls/${payrollId}`, token: token.admin });
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function lines(payrollId: string, status?: string): Promise<{ enrolmentId: string; month: string; amountFen: number; status: string; reason: string | null }[]> {
  const items = [];
  let cursor: string | null = null;
  do {
    const query: string = `limit=3${status ? `&status=${status}` : ''}${cursor ? `&cursor=${cursor}` : ''}`;
    const response = await api.call({ method: 'GET', url: `/v1/payrolls/${payrollId}/lines?${query}`, token: token.finance });
    expect(response.statusCode).toBe(200);
    const page = response.json();
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

const of = (all: Awaited<ReturnType<typeof lines>>, enrolmentId: string) =>
  all.filter((line) => line.enrolmentId === enrolmentId).map((line) => [line.month, line.amountFen, line.status, line.reason]);

function act(payrollId: string, action: string, as: string, payload?: object) {
  return api.call({ method: 'POST', url: `/v1/payrolls/${payrollId}/${action}`, token: as, ...(payload ? { payload } : {}) });
}

function bank(setting: object) {
  return api.call({ method: 'PUT', url: '/v1/admin/sandbox/bank', token: token.admin, payload: setting });
}

test('a period after the current month is refused', async () => {
  const next = addMonths(monthOfInstant(new Date().toISOString()), 1);
  const response = await api.call({ method: 'POST', url: '/v1/payrolls', token: token.civil, payload: { program: 'LIVING_SUBSIDY', period: next } });
  expect(response.statusCode).toBe(422);
  expect(response.json().type).toBe('/problems/unprocessable');
});

test('two months of payroll: arrears, four eyes, a rejection, a death before approval, a bank outage, a closed account, a death after payment', async () => {
  const a = await activeEnrolment('2026-03-10', OPEN_ACCOUNT);
  const b = await activeEnrolment('2026-05-05', CLOSED_ACCOUNT);
  const c = await activeEnrolment('2026-04-01', OPEN_ACCOUNT);
  const d = await activeEnrolment('2026-03-20', OPEN_ACCOUNT);
  expect((await bank({ mode: 'up', returnAccounts: [CLOSED_ACCOUNT] })).statusCode).toBe(200);

  // May: every month owed through May — arrears since each application month.
  const opened = await api.call({ method: 'POST', url: '/v1/payrolls', token: token.civil, payload: { program: 'NURSING_SUBSIDY', period: '2026-05' } });
  expect(opened.statusCode).toBe(201);
  expect(opened.json()).toMatchObject({ payrollId: MAY, stage: 'DRAFT', totals: { lines: 9, totalFen: 90000, paidFen: 0, returnedFen: 0, pendingFen: 90000 } });
  expect((await api.call({ method: 'POST', url: '/v1/payrolls', token: token.civil, payload: { program: 'NURSING_SUBSIDY', period: '2026-05' } })).statusCode).toBe(200);
  const draft = await lines(MAY);
  expect(of(draft, a.enrolmentId)).toEqual([['2026-03', 10000, 'DRAFT', null], ['2026-04', 10000, 'DRAFT', null], ['2026-05', 10000, 'DRAFT', null]]);
  expect(of(draft, b.enrolmentId)).toEqual([['2026-05', 10000, 'DRAFT', null]]);
  expect(of(draft, c.enrolmentId)).toEqual([['2026-04', 10000, 'DRAFT', null], ['2026-05', 10000, 'DRAFT', null]]);

  const another = await api.call({ method: 'POST', url: '/v1/payrolls', token: token.civil, payload: { program: 'NURSING_SUBSIDY', period: '2026-06' } });
  expect(another.statusCode).toBe(409);
  expect(another.json()).toMatchObject({ type: '/problems/payroll-open', openPayrollId: MAY });

  expect((await act(MAY, 'approve', token.finance)).json()).toMatchObject({ type: '/problems/stage-conflict', currentStage: 'DRAFT' });
  expect((await act(MAY, 'submit', token.civil)).json().stage).toBe('PENDING_APPROVAL');
  const sameHands = await act(MAY, 'approve', token.sameFinance);
  expect(sameHands.statusCode).toBe(409);
  expect(sameHands.json().type).toBe('/problems/four-eyes');
  expect(sameHands.json().detail).toMatch(/[\u4e00-\u9fa5]/);

  const rejected = await act(MAY, 'reject', token.finance, { reason: '请核对三月份补发名单' });
  expect(rejected.statusCode).toBe(200);
  expect(rejected.json()).toMatchObject({ stage: 'DRAFT', submittedBy: null, rejections: [{ reason: '请核对三月份补发名单', by: 'finance-zhou' }] });
  expect((await act(MAY, 'recompute', token.civil)).json()).toMatchObject({ stage: 'DRAFT', totals: { totalFen: 90000 } });
  expect((await act(MAY, 'submit', token.civil)).json()).toMatchObject({ stage: 'PENDING_APPROVAL', submittedBy: 'civil-wang' });

  // C dies on 20 April, after the submission: May is no longer owed, April still is.
  expect((await api.call({ method: 'POST', url: `/v1/persons/${c.personId}/life-events`, token: token.officer, payload: { type: 'DIED', on: '2026-04-20' } })).statusCode).toBe(200);

  // The bank is down when finance approves: the payroll stalls, shows as stuck, and goes on when it is back.
  expect((await bank({ mode: 'down', returnAccounts: [CLOSED_ACCOUNT] })).statusCode).toBe(200);
  const approved = await act(MAY, 'approve', token.finance);
  expect(approved.statusCode).toBe(200);
  expect(approved.json()).toMatchObject({ stage: 'DISBURSING', approvedBy: 'finance-zhou', dropped: [{ enrolmentId: c.enrolmentId, month: '2026-05', reason: 'DIED' }] });
  const stuck = await eventually(
    'the payroll shows in the stuck radar',
    async () => {
      const items: { kind: string; id: string; reasons: { kind: string }[] }[] = (await api.call({ method: 'GET', url: '/v1/admin/stuck', token: token.admin })).json().items;
      return items.find((item) => item.kind === 'payroll' && item.id === MAY);
    },
    60_000,
    500,
  );
  expect(stuck.reasons.map((reason) => reason.kind)).toContain('ACTIVITY_RETRYING');
  expect((await api.call({ method: 'GET', url: `/v1/admin/sandbox/bank/records?payrollId=${MAY}`, token: token.admin })).json().items).toEqual([]);
  expect((await bank({ mode: 'up', returnAccounts: [CLOSED_ACCOUNT] })).statusCode).toBe(200);
  await eventually('May is reconciled', async () => ((await payroll(MAY)).stage === 'RECONCILED' ? true : undefined), 90_000, 500);

  const may = await payroll(MAY);
  expect(may.totals).toEqual({ lines: 8, totalFen: 80000, paidFen: 70000, returnedFen: 10000, pendingFen: 0 });
  const paidInMay = await lines(MAY);
  expect(of(paidInMay, a.enrolmentId).map((line) => line.slice(0, 3))).toEqual([['2026-03', 10000, 'PAID'], ['2026-04', 10000, 'PAID'], ['2026-05', 10000, 'PAID']]);
  expect(of(paidInMay, b.enrolmentId)).toEqual([['2026-05', 10000, 'RETURNED', 'ACCOUNT_CLOSED']]);
  expect(of(paidInMay, c.enrolmentId).map((line) => line.slice(0, 3))).toEqual([['2026-04', 10000, 'PAID'], ['2026-05', 10000, 'DROPPED']]);
  const books = (await api.call({ method: 'GET', url: `/v1/admin/sandbox/bank/records?payrollId=${MAY}`, token: token.admin })).json().items as { key: string; status: string; amountFen: number }[];
  expect(books.filter((record) => record.status === 'PAID').reduce((sum, record) => sum + record.amountFen, 0)).toBe(70000);
  expect(books.filter((record) => record.status === 'RETURNED').map((record) => record.key)).toEqual([`NURSING_SUBSIDY:${b.enrolmentId}:2026-05`]);
  expect(await payrollInvariantProblems(api.db, 'NURSING_SUBSIDY')).toEqual([]);
  // The roster: Chinese header after a BOM, no full ID or account number for anyone.
  const csv = await api.call({ method: 'GET', url: `/v1/payrolls/${MAY}/export.csv`, token: token.civil });
  expect(csv.statusCode).toBe(200);
  expect(csv.headers['content-type']).toMatch(/^text\/csv/);
  expect(csv.body.startsWith('\uFEFF序号,补贴对象编号,姓名,身份证号')).toBe(true);
  expect(csv.body.split('\r\n').filter((row) => row !== '')).toHaveLength(10);
  for (const secret of [OPEN_ACCOUNT, CLOSED_ACCOUNT, a.idNumber, b.idNumber, c.idNumber, d.idNumber]) expect(csv.body).not.toContain(secret);
  expect(csv.body).toContain(`${b.enrolmentId},马兰,${b.idNumber.slice(0, 6)}********${b.idNumber.slice(14)},黄羊镇,2026-05,100.00,农村信用社凉州支行,***************9999,银行退回,`);
  // Acting on a reconciled payroll is a stage conflict.
  expect((await act(MAY, 'submit', token.civil)).json()).toMatchObject({ type: '/problems/stage-conflict', currentStage: 'RECONCILED' });

  // D's death on 17 April is reported after May was paid: May (10000 fen) was paid and is not owed.
  expect((await api.call({ method: 'POST', url: `/v1/persons/${d.personId}/life-events`, token: token.officer, payload: { type: 'DIED', on: '2026-04-17' } })).statusCode).toBe(200);
  expect((await enrolment(d.enrolmentId)).recovery).toEqual({ owedFen: 10000, recoveredFen: 0, waivedFen: 0, status: 'OPEN' });

  // June: A's June only; B's returned May waits for a corrected account.
  expect((await api.call({ method: 'POST', url: '/v1/payrolls', token: token.civil, payload: { program: 'NURSING_SUBSIDY', period: '2026-06' } })).statusCode).toBe(201);
  let june = await lines(JUNE);
  expect(of(june, a.enrolmentId)).toEqual([['2026-06', 10000, 'DRAFT', null]]);
  expect(of(june, b.enrolmentId)).toEqual([['2026-06', 10000, 'DRAFT', null]]);
  expect(of(june, c.enrolmentId)).toEqual([]);
  expect(of(june, d.enrolmentId)).toEqual([]);
  expect((await api.call({ method: 'POST', url: `/v1/enrolments/${b.enrolmentId}/bank-account`, token: token.officer, payload: { bank: '农村信用社凉州支行', accountNo: NEW_ACCOUNT } })).statusCode).toBe(200);
  expect((await act(JUNE, 'recompute', token.civil)).statusCode).toBe(200);
  june = await lines(JUNE);
  expect(of(june, b.enrolmentId)).toEqual([['2026-05', 10000, 'DRAFT', null], ['2026-06', 10000, 'DRAFT', null]]);
  expect((await act(JUNE, 'submit', token.civil)).statusCode).toBe(200);
  expect((await act(JUNE, 'approve', token.finance)).statusCode).toBe(200);
  await eventually('June is reconciled', async () => ((await payroll(JUNE)).stage === 'RECONCILED' ? true : undefined), 60_000, 500);
  expect((await payroll(JUNE)).totals).toEqual({ lines: 3, totalFen: 30000, paidFen: 30000, returnedFen: 0, pendingFen: 0 });
  expect(of(await lines(JUNE, 'PAID'), b.enrolmentId).map((line) => line.slice(0, 3))).toEqual([['2026-05', 10000, 'PAID'], ['2026-06', 10000, 'PAID']]);
  const monthsOfB = (await enrolment(b.enrolmentId)).months.filter((month: { month: string }) => month.month <= '2026-06');
  expect(monthsOfB.map((month: { month: string; status: string }) => [month.month, month.status])).toEqual([['2026-05', 'PAID'], ['2026-06', 'PAID']]);
  expect(await payrollInvariantProblems(api.db, 'NURSING_SUBSIDY')).toEqual([]);

  // The database itself refuses a second payment of B's May, and the months move only from the status expected.
  const mayKey = `NURSING_SUBSIDY:${b.enrolmentId}:2026-05`;
  const returnedLine = { enrolmentId: b.enrolmentId, personId: b.personId, month: '2026-05', amountFen: 10000, key: mayKey, reason: null, bankReference: 'X' };
  await expect(updatePayrollLines(api.db, MAY, [{ line: { ...returnedLine, status: 'PAID' }, from: 'RETURNED' }])).rejects.toMatchObject({ code: '23505', constraint: PAID_ONCE_INDEX });
  expect(await takeMonthsForPayroll(api.db, 'NURSING_SUBSIDY', MAY, [{ enrolmentId: b.enrolmentId, month: '2026-05' }])).toEqual([]);
  expect(await settleMonths(api.db, 'NURSING_SUBSIDY', MAY, [{ enrolmentId: b.enrolmentId, month: '2026-05' }], 'RETURNED')).toBe(0);
  expect(await payrollInvariantProblems(api.db, 'NURSING_SUBSIDY')).toEqual([]);

  const list = (await api.call({ method: 'GET', url: '/v1/payrolls?program=NURSING_SUBSIDY&limit=1', token: token.finance })).json();
  expect(list.items.map((item: { payrollId: string }) => item.payrollId)).toEqual([JUNE]);
  const rest = (await api.call({ method: 'GET', url: `/v1/payrolls?program=NURSING_SUBSIDY&limit=1&cursor=${list.nextCursor}`, token: token.finance })).json();
  expect(rest.items.map((item: { payrollId: string }) => item.payrollId)).toEqual([MAY]);
});

test('a flaky bank: every batch is retried until answered, nothing is paid twice, and the books agree', async () => {
  const first = await activeEnrolment('2026-04-10', OPEN_ACCOUNT, 'LIVING_SUBSIDY');
  const second = await activeEnrolment('2026-05-02', OPEN_ACCOUNT, 'LIVING_SUBSIDY');
  expect((await bank({ mode: 'flaky', failureRate: 0.5, latencyMs: 50, returnAccounts: [] })).statusCode).toBe(200);
  const payrollId = 'payroll-LIVING_SUBSIDY-2026-05';
  expect((await api.call({ method: 'POST', url: '/v1/payrolls', token: token.civil, payload: { program: 'LIVING_SUBSIDY', period: '2026-05' } })).statusCode).toBe(201);
  expect((await act(payrollId, 'submit', token.civil)).statusCode).toBe(200);
  expect((await act(payrollId, 'approve', token.finance)).statusCode).toBe(200);
  await eventually('the payroll is reconciled', async () => ((await payroll(payrollId)).stage === 'RECONCILED' ? true : undefined), 120_000, 500);
  expect((await bank({ mode: 'up', returnAccounts: [] })).statusCode).toBe(200);
  // The living subsidy pays 12000 fen a month, whatever the grade.
  const paid = await lines(payrollId, 'PAID');
  expect(of(paid, first.enrolmentId).map((line) => line.slice(0, 3))).toEqual([['2026-04', 12000, 'PAID'], ['2026-05', 12000, 'PAID']]);
  expect(of(paid, second.enrolmentId).map((line) => line.slice(0, 3))).toEqual([['2026-05', 12000, 'PAID']]);
  expect((await payroll(payrollId)).totals).toEqual({ lines: 3, totalFen: 36000, paidFen: 36000, returnedFen: 0, pendingFen: 0 });
  const books = (await api.call({ method: 'GET', url: `/v1/admin/sandbox/bank/records?payrollId=${payrollId}`, token: token.admin })).json().items as { key: string }[];
  expect(books).toHaveLength(3);
  expect(await payrollInvariantProblems(api.db, 'LIVING_SUBSIDY')).toEqual([]);
});

test("the monthly schedule opens the month's payroll once however often it fires; an administrator pauses and resumes it", async () => {
  const options = { taskQueue: api.config.temporal.taskQueue, cron: '0 9 10 * *', batchSize: 2 };
  expect(await ensurePayrollSchedules(api.client, options)).toEqual(['NURSING_SUBSIDY', 'LIVING_SUBSIDY']);
  // The worker starting again: nothing new.
  expect(await ensurePayrollSchedules(api.client, options)).toEqual([]);
  const handle = api.client.schedule.getHandle(payrollScheduleId('NURSING_SUBSIDY', options.taskQueue));
  try {
    const described = await handle.describe();
    expect(described.policies).toMatchObject({ overlap: 'SKIP' });
    // Two firings (a second apart: the schedule names each run by the second it fired in).
    await handle.trigger('ALLOW_ALL');
    await eventually('the first firing ran', async () => ((await handle.describe()).info.recentActions.length >= 1 ? true : undefined), 30_000, 250);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await handle.trigger('ALLOW_ALL');
    const period = monthOfInstant(new Date().toISOString());
    await eventually('both firings ran', async () => ((await handle.describe()).info.recentActions.length >= 2 ? true : undefined), 30_000, 250);
    const opened = await eventually('the month is opened', async () => (await api.call({ method: 'GET', url: `/v1/payrolls/payroll-NURSING_SUBSIDY-${period}`, token: token.civil, unchecked: true })).json().stage as string | undefined, 30_000, 250);
    expect(opened).toBe('DRAFT');
    expect((await listPayrolls(api.db, 'NURSING_SUBSIDY', 100)).filter((row) => row.period === period)).toHaveLength(1);

    const paused = await api.call({ method: 'POST', url: '/v1/admin/payroll-schedules/NURSING_SUBSIDY/pause', token: token.admin, payload: { note: '年底核查' } });
    expect(paused.json()).toEqual({ program: 'NURSING_SUBSIDY', paused: true });
    expect((await handle.describe()).state.paused).toBe(true);
    const resumed = await api.call({ method: 'POST', url: '/v1/admin/payroll-schedules/NURSING_SUBSIDY/resume', token: token.admin });
    expect(resumed.json()).toEqual({ program: 'NURSING_SUBSIDY', paused: false });
    expect((await api.call({ method: 'POST', url: '/v1/admin/payroll-schedules/NURSING_SUBSIDY/pause', token: token.civil })).statusCode).toBe(403);
  } finally {
    for (const program of ['NURSING_SUBSIDY', 'LIVING_SUBSIDY'] as const) await api.client.schedule.getHandle(payrollScheduleId(program, options.taskQueue)).delete();
  }
});

test('a payroll whose history grows long continues as new and still reconciles, paying each line once', async () => {
  // The living subsidy's June: the two enrolments of the flaky-bank test, one line each, one line per batch.
  const payrollId = 'payroll-LIVING_SUBSIDY-2026-06';
  const args: PayrollInput = { program: 'LIVING_SUBSIDY', period: '2026-06', opener: { role: 'civil', sub: 'civil-wang' }, batchSize: 1, historyLengthBound: 16 };
  const startWorkflowOperation = new WithStartWorkflowOperation('payroll', { workflowId: payrollId, taskQueue: api.config.temporal.taskQueue, args: [args], workflowIdConflictPolicy: 'USE_EXISTING' });
  const opened = await api.client.workflow.executeUpdateWithStart(openPayrollUpdate, { args: [{ actor: args.opener }], startWorkflowOperation });
  expect(opened).toMatchObject({ payrollId, stage: 'DRAFT', lines: 2 });
  expect((await act(payrollId, 'recompute', token.civil)).statusCode).toBe(200);
  expect((await act(payrollId, 'submit', token.civil)).statusCode).toBe(200);
  expect((await act(payrollId, 'approve', token.finance)).statusCode).toBe(200);
  await eventually('the payroll is reconciled', async () => ((await payroll(payrollId)).stage === 'RECONCILED' ? true : undefined), 60_000, 500);
  expect((await payroll(payrollId)).totals).toEqual({ lines: 2, totalFen: 24000, paidFen: 24000, returnedFen: 0, pendingFen: 0 });
  // Visibility lags a little behind: wait until it lists every run of the chain.
  const runs = await eventually('more than one run', async () => {
    const found: { runId: string; startTime: Date }[] = [];
    for await (const run of api.client.workflow.list({ query: `WorkflowId = '${payrollId}'` })) found.push({ runId: run.runId, startTime: run.startTime });
    return found.length > 1 ? found.sort((a, b) => a.startTime.getTime() - b.startTime.getTime()) : undefined;
  }, 15_000, 500);
  expect(await payrollInvariantProblems(api.db, 'LIVING_SUBSIDY')).toEqual([]);
  // The first run met the payroll-history-bound patch and recorded its marker; the runs it
  // continued into were told so in their input and record none.
  const markers = async (runId: string) => ((await api.client.workflow.getHandle(payrollId, runId).fetchHistory()).events ?? []).filter((event) => event.markerRecordedEventAttributes).length;
  expect(await markers(runs[0]!.runId)).toBe(1);
  for (const run of runs.slice(1)) expect(await markers(run.runId)).toBe(0);
});
