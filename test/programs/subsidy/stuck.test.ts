/**
 * An enrolment whose activity keeps failing is on the stuck radar (GET /v1/admin/stuck) as an item
 * of kind `enrolment`, as a surgery case is: each failed attempt of the enrolment workflow's
 * activities is counted in `enrolment_activity_failures`, and a success clears it. The failure is
 * real: a trigger makes PostgreSQL refuse this enrolment's events, as a broken disk or a full
 * tablespace would, while the rest of the database answers.
 */
import { startApiHarness, type ApiHarness } from '../../api/harness';
import { idNumber } from '../../api/fixtures';
import { eventually } from '../../support/eventually';
import { uniqueId } from '../../support/stack';
import { refuseRowsOf, stuckItemOf } from '../../support/stuck-radar';

let api: ApiHarness;
let officer: string;
let admin: string;

beforeAll(async () => {
  api = await startApiHarness({ worker: true, env: { STUCK_ATTEMPTS: '3' } });
  officer = await api.token('officer');
  admin = await api.token('admin');
}, 120_000);
afterAll(async () => {
  await api?.close();
}, 120_000);

test('the projection failing in PostgreSQL puts the enrolment on the stuck radar; once it is stored, it leaves it', async () => {
  const personId = uniqueId('ps');
  const town = `卡住镇${Math.random().toString(36).slice(2, 6)}`;
  const person = { personId, idNumber: idNumber(), name: '马兰', town, assistanceCategory: 'DIBAO', disability: { certificateNo: 'CDPF-62060200079', category: 'PHYSICAL', grade: 1, longTermCare: true } };
  expect((await api.call({ method: 'POST', url: '/v1/persons', token: officer, payload: person })).statusCode).toBe(201);
  const enrolmentId = uniqueId('en');
  const application = { enrolmentId, program: 'NURSING_SUBSIDY', personId, appliedOn: '2026-11-02', bankAccount: { bank: '农村信用社凉州支行', accountNo: '6228480000000009012' } };
  expect((await api.call({ method: 'POST', url: '/v1/enrolments', token: officer, payload: application })).statusCode).toBe(201);

  const lift = await refuseRowsOf('enrolment_events', 'enrolment_id', enrolmentId);
  try {
    const review = api.call({ method: 'POST', url: `/v1/enrolments/${enrolmentId}/town-review`, token: officer, payload: { approved: true, reviewedBy: '乡镇 马' } });

    const stuck = await eventually('the enrolment on the stuck radar', async () => {
      const item = await stuckItemOf(api, admin, enrolmentId);
      return item?.reasons.some((reason) => reason.kind === 'ACTIVITY_RETRYING') ? item : undefined;
    }, 30_000, 250);
    expect(stuck).toMatchObject({ kind: 'enrolment', program: 'NURSING_SUBSIDY', id: enrolmentId, stage: 'TOWN_REVIEW', town });
    const retrying = stuck.reasons.find((reason) => reason.kind === 'ACTIVITY_RETRYING')!;
    expect(retrying.activity).toBe('persistEnrolmentEvents');
    expect(retrying.attempts).toBeGreaterThanOrEqual(3);
    expect(retrying.lastFailure).toContain('simulated storage failure');
    expect(retrying.detail).toMatch(/^persistEnrolmentEvents has failed \d+ times in a row$/);
    const inChinese = await stuckItemOf(api, admin, enrolmentId, 'zh-CN');
    expect(inChinese?.reasons.find((reason) => reason.kind === 'ACTIVITY_RETRYING')?.detail).toMatch(/^保存补贴办理记录已连续失败 \d+ 次，系统仍在自动重试$/);
    // Not a surgery case: the case radar's own members are absent.
    expect(stuck).not.toHaveProperty('caseId');

    await lift();
    const answered = await review;
    expect([200, 503]).toContain(answered.statusCode);
    await eventually('the review stored', async () => ((await api.call({ method: 'GET', url: `/v1/enrolments/${enrolmentId}`, token: officer })).json().stage === 'CDPF_REVIEW' ? true : undefined), 30_000, 250);
    await eventually('off the radar', async () => ((await stuckItemOf(api, admin, enrolmentId)) === undefined ? true : undefined), 10_000, 250);
    expect(await api.db.selectFrom('enrolment_activity_failures').selectAll().where('enrolment_id', '=', enrolmentId).execute()).toEqual([]);
  } finally {
    await lift();
  }
}, 90_000);
