/**
 * A pairing whose activity keeps failing is on the stuck radar (GET /v1/admin/stuck) as an item of
 * kind `pairing`, as an enrolment is: each failed attempt of the pairing workflow's activities is
 * counted in `pairing_activity_failures`, and a success clears it. The failure is real: a trigger
 * makes PostgreSQL refuse this pairing's events, as a broken disk or a full tablespace would, while
 * the rest of the database answers.
 */
import { startApiHarness, type ApiHarness } from '../../api/harness';
import { idNumber } from '../../api/fixtures';
import { eventually } from '../../support/eventually';
import { uniqueId } from '../../support/stack';
import { refuseRowsOf, stuckItemOf } from '../../support/stuck-radar';

let api: ApiHarness;
let officer: string;
let admin: string;
let official: string;
const WANG = { sub: 'official-stuck-wang', name: '王干部', unit: '区民政局' };

beforeAll(async () => {
  api = await startApiHarness({ worker: true, env: { STUCK_ATTEMPTS: '3' } });
  officer = await api.token('officer');
  admin = await api.token('admin');
  official = await api.token('official', { sub: WANG.sub });
}, 120_000);
afterAll(async () => {
  await api?.close();
}, 120_000);

test('storing a contact failing in PostgreSQL puts the pairing on the stuck radar; once it is stored, it leaves it', async () => {
  const personId = uniqueId('ps');
  const town = `卡住镇${Math.random().toString(36).slice(2, 6)}`;
  const person = { personId, idNumber: idNumber(), name: '赵大爷', town, assistanceCategory: 'TEKUN', disability: null };
  expect((await api.call({ method: 'POST', url: '/v1/persons', token: officer, payload: person })).statusCode).toBe(201);
  const pairingId = uniqueId('pr');
  expect((await api.call({ method: 'POST', url: '/v1/pairings', token: officer, payload: { pairingId, personId, category: 'SEVERE_DISABILITY', official: WANG } })).statusCode).toBe(201);

  const lift = await refuseRowsOf('pairing_events', 'pairing_id', pairingId);
  try {
    const on = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const contact = api.call({ method: 'POST', url: `/v1/pairings/${pairingId}/contacts`, token: official, payload: { kind: 'PHONE', on, notes: '电话问候' } });

    const stuck = await eventually('the pairing on the stuck radar', async () => {
      const item = await stuckItemOf(api, admin, pairingId);
      return item?.reasons.some((reason) => reason.kind === 'ACTIVITY_RETRYING') ? item : undefined;
    }, 30_000, 250);
    expect(stuck).toMatchObject({ kind: 'pairing', program: 'PAIRING', id: pairingId, stage: 'ACTIVE', town });
    const retrying = stuck.reasons.find((reason) => reason.kind === 'ACTIVITY_RETRYING')!;
    expect(retrying.activity).toBe('persistPairingEvents');
    expect(retrying.attempts).toBeGreaterThanOrEqual(3);
    expect(retrying.lastFailure).toContain('simulated storage failure');
    expect(retrying.detail).toMatch(/^persistPairingEvents has failed \d+ times in a row$/);
    const inChinese = await stuckItemOf(api, admin, pairingId, 'zh-CN');
    expect(inChinese?.reasons.find((reason) => reason.kind === 'ACTIVITY_RETRYING')?.detail).toMatch(/^保存结对帮扶记录已连续失败 \d+ 次，系统仍在自动重试$/);

    await lift();
    const answered = await contact;
    expect([200, 503]).toContain(answered.statusCode);
    await eventually('the contact stored', async () => {
      const events = (await api.call({ method: 'GET', url: `/v1/pairings/${pairingId}/events`, token: officer })).json().items as { type: string }[];
      return events.some((event) => event.type === 'ContactLogged') ? true : undefined;
    }, 30_000, 250);
    await eventually('off the radar', async () => ((await stuckItemOf(api, admin, pairingId)) === undefined ? true : undefined), 10_000, 250);
    expect(await api.db.selectFrom('pairing_activity_failures').selectAll().where('pairing_id', '=', pairingId).execute()).toEqual([]);
  } finally {
    await lift();
  }
}, 90_000);
