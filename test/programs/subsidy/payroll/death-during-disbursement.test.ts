/**
 * A death reported while a payroll is disbursing, on the real stack (Temporal, PostgreSQL, a worker)
 * in a database of this file's own. Finance approves May's payroll while the bank is down, so the
 * months stay held by the payroll (IN_PAYROLL); then two deaths are reported, and the bank comes
 * back and pays every line. The enrolment whose months after the death were paid must get a
 * recovery of exactly those months once the payroll is reconciled; the one whose paid months were
 * all still owed gets none; both enrolments' workflows close once nothing is held or owed back.
 *
 * Amounts from the shipped policy, by hand: the nursing subsidy pays grade 1 10000 fen a month
 * before 2026-07.
 */
import { listEnrolmentEvents } from '../../../../programs/subsidy/store/enrolment-events';
import { listEnrolmentMonths } from '../../../../programs/subsidy/store/enrolment-months';
import { enrolmentWorkflowId } from '../../../../programs/subsidy/workflow/definitions';
import { eventually } from '../../../support/eventually';
import { uniqueId } from '../../../support/stack';
import { idNumber } from '../../../api/fixtures';
import type { ApiHarness } from '../../../api/harness';
import { startPayrollStack, type PayrollStack } from './payroll-stack';
import { payrollInvariantProblems } from './payroll-invariant';

jest.setTimeout(180_000);

let api: ApiHarness;
let stack: PayrollStack | undefined;
let token: PayrollStack['token'];
const MAY = 'payroll-NURSING_SUBSIDY-2026-05';

beforeAll(async () => {
  stack = await startPayrollStack('payroll_death');
  ({ api, token } = stack);
}, 180_000);
afterAll(async () => {
  await stack?.close();
}, 120_000);

async function post(url: string, as: string, payload?: object) {
  const response = await api.call({ method: 'POST', url, token: as, ...(payload ? { payload } : {}) });
  if (response.statusCode !== 200 && response.statusCode !== 201) throw new Error(`POST ${url}: ${response.statusCode} ${response.body}`);
  return response.json();
}

async function activeEnrolment(appliedOn: string): Promise<{ enrolmentId: string; personId: string }> {
  const personId = uniqueId('ps');
  await post('/v1/persons', token.officer, { personId, idNumber: idNumber(), name: '马兰', town: '黄羊镇', assistanceCategory: 'DIBAO', disability: { certificateNo: 'CDPF-1', category: 'PHYSICAL', grade: 1, longTermCare: true } });
  const enrolmentId = uniqueId('en');
  await post('/v1/enrolments', token.officer, { enrolmentId, program: 'NURSING_SUBSIDY', personId, appliedOn, bankAccount: { bank: '农村信用社凉州支行', accountNo: '6228480000000001234' } });
  const review = { approved: true, reviewedBy: '乡镇民政助理 马' };
  await post(`/v1/enrolments/${enrolmentId}/town-review`, token.officer, review);
  await post(`/v1/enrolments/${enrolmentId}/cdpf-review`, token.officer, review);
  await post(`/v1/enrolments/${enrolmentId}/decision`, token.civil, { approved: true });
  await eventually('the notice ends', async () => ((await enrolment(enrolmentId)).stage === 'ACTIVE' ? true : undefined), 30_000, 250);
  return { enrolmentId, personId };
}

async function enrolment(enrolmentId: string) {
  return (await api.call({ method: 'GET', url: `/v1/enrolments/${enrolmentId}`, token: token.officer })).json();
}

async function workflowStatus(enrolmentId: string): Promise<string> {
  return (await api.client.workflow.getHandle(enrolmentWorkflowId(enrolmentId)).describe()).status.name;
}

test('deaths reported between the approval and the bank’s answer: the months paid after the death are recovered, exactly', async () => {
  // Ma: applied 10 March; March, April and May owed. Li: applied 2 May; May owed.
  const ma = await activeEnrolment('2026-03-10');
  const li = await activeEnrolment('2026-05-02');
  expect((await api.call({ method: 'PUT', url: '/v1/admin/sandbox/bank', token: token.admin, payload: { mode: 'down' } })).statusCode).toBe(200);

  expect(await post('/v1/payrolls', token.civil, { program: 'NURSING_SUBSIDY', period: '2026-05' })).toMatchObject({ payrollId: MAY, totals: { lines: 4, totalFen: 40000 } });
  await post(`/v1/payrolls/${MAY}/submit`, token.civil);
  expect(await post(`/v1/payrolls/${MAY}/approve`, token.finance)).toMatchObject({ stage: 'DISBURSING', dropped: [] });
  // Through May (the months table also lists the months owed since, up to today).
  const held = (await listEnrolmentMonths(api.db, ma.enrolmentId)).filter((month) => month.month <= '2026-05').map((month) => [month.month, month.status]);
  expect(held).toEqual([['2026-03', 'IN_PAYROLL'], ['2026-04', 'IN_PAYROLL'], ['2026-05', 'IN_PAYROLL']]);

  // Ma died on 25 March, Li on 20 May, reported while the bank is down: nothing is PAID yet, so no
  // overpayment can be seen; both enrolments end.
  const maDied = await post(`/v1/persons/${ma.personId}/life-events`, token.officer, { type: 'DIED', on: '2026-03-25' });
  expect(maDied.effects).toEqual([{ program: 'NURSING_SUBSIDY', id: ma.enrolmentId, stageBefore: 'ACTIVE', stageAfter: 'TERMINATED', overpaymentFen: 0 }]);
  await post(`/v1/persons/${li.personId}/life-events`, token.officer, { type: 'DIED', on: '2026-05-20' });
  expect((await enrolment(ma.enrolmentId)).recovery).toBeNull();
  // Ended, but a payroll holds their months: the enrolments stay open.
  expect(await workflowStatus(ma.enrolmentId)).toBe('RUNNING');
  expect(await workflowStatus(li.enrolmentId)).toBe('RUNNING');

  expect((await api.call({ method: 'PUT', url: '/v1/admin/sandbox/bank', token: token.admin, payload: { mode: 'up' } })).statusCode).toBe(200);
  await eventually('May is reconciled', async () => ((await api.call({ method: 'GET', url: `/v1/payrolls/${MAY}`, token: token.admin })).json().stage === 'RECONCILED' ? true : undefined), 90_000, 500);
  expect(await payrollInvariantProblems(api.db, 'NURSING_SUBSIDY')).toEqual([]);

  // Ma: April and May were paid after the month of her death: 2 × 10000 fen to recover. March was still owed.
  // The enrolment hears of each batch by a signal of its own, after the payroll has moved on: wait
  // for the total (a recovery above it would fail the comparison below as surely as one below it).
  const recovery = await eventually(
    'Ma’s recovery holds both months',
    async () => {
      const found = (await enrolment(ma.enrolmentId)).recovery;
      return found && found.owedFen >= 20000 ? found : undefined;
    },
    30_000,
    250,
  );
  expect(recovery).toEqual({ owedFen: 20000, recoveredFen: 0, waivedFen: 0, status: 'OPEN' });
  const found = (await listEnrolmentEvents(api.db, ma.enrolmentId)).filter((event) => event.type === 'OverpaymentFound');
  // Found as each batch was answered (two lines a batch: March and April, then May).
  expect(found.map((event) => event.data)).toEqual([
    { months: [{ month: '2026-04', paidFen: 10000, owedFen: 0, overpaidFen: 10000 }], totalFen: 10000 },
    { months: [{ month: '2026-05', paidFen: 10000, owedFen: 0, overpaidFen: 10000 }], totalFen: 10000 },
  ]);
  // After the death only the months paid remain; nothing after March is owed any more.
  expect((await listEnrolmentMonths(api.db, ma.enrolmentId)).map((month) => [month.month, month.status])).toEqual([['2026-03', 'PAID'], ['2026-04', 'PAID'], ['2026-05', 'PAID']]);

  // Li: only May was paid, and May (the month of the death) is still owed: nothing to recover, and
  // with nothing held any more the enrolment closes.
  await eventually('Li’s enrolment closes', async () => ((await workflowStatus(li.enrolmentId)) === 'COMPLETED' ? true : undefined), 30_000, 250);
  expect((await enrolment(li.enrolmentId)).recovery).toBeNull();
  expect((await listEnrolmentEvents(api.db, li.enrolmentId)).filter((event) => event.type === 'OverpaymentFound')).toEqual([]);

  // Ma's enrolment stays open for the recovery; waived by an administrator, it closes.
  expect(await workflowStatus(ma.enrolmentId)).toBe('RUNNING');
  expect((await api.call({ method: 'POST', url: `/v1/enrolments/${ma.enrolmentId}/recovery/waive`, token: token.admin, payload: { reason: '家庭困难，免于追回' } })).statusCode).toBe(200);
  await eventually('Ma’s enrolment closes', async () => ((await workflowStatus(ma.enrolmentId)) === 'COMPLETED' ? true : undefined), 30_000, 250);
  expect((await enrolment(ma.enrolmentId)).recovery).toEqual({ owedFen: 20000, recoveredFen: 0, waivedFen: 20000, status: 'CLOSED' });
});
