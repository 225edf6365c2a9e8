/**
 * Pairings through the HTTP API, on the real stack (Temporal dev server, PostgreSQL, a worker
 * running the pairing workflow), with a contact cadence of 3 seconds: who may see and do what
 * (an official only their own pairings), the cadence's overdue flag and its clearing, public funds
 * refused, death closing the pairing, reassignment cutting the former official off, repeats that
 * change nothing, and the statistics summed from what was logged.
 */
import { eventually } from '../../support/eventually';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { testPayloadCodec, uniqueId } from '../../support/stack';
import { mapHistoryPayloads, payloadTexts } from '../../replay/history-payloads';
import { pairing } from '../../../programs/workflows';
import { pairingWorkflowId } from '../../../programs/pairing/workflow/definitions';
import type { CreatePairingInput } from '../../../programs/pairing/domain/index';
import { listPairingEvents } from '../../../programs/pairing/store/pairing-events';
import { idNumber } from '../../api/fixtures';
import { startApiHarness, type ApiHarness } from '../../api/harness';

let api: ApiHarness;
const token: Record<'officer' | 'admin' | 'civil' | 'hospital' | 'finance', string> = {} as never;
let wang: string;
let li: string;
/** A town of this file's own: the statistics by town count only what this file logged. */
const TOWN = `结对镇${Math.random().toString(36).slice(2, 8)}`;
const WANG = { sub: 'official-wang', name: '王干部', unit: '区民政局' };
const LI = { sub: 'official-li', name: '李干部', unit: '区残联' };

function today(): string {
  return new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
}

beforeAll(async () => {
  api = await startApiHarness({ worker: true, env: { PAIRING_CADENCE: '{"contactEvery":"3s","visitsPerYear":2}' } });
  for (const role of ['officer', 'admin', 'civil', 'hospital', 'finance'] as const) token[role] = await api.token(role);
  wang = await api.token('official', { sub: WANG.sub });
  li = await api.token('official', { sub: LI.sub });
}, 120_000);
afterAll(async () => {
  await api?.close();
}, 120_000);

async function registerPerson(town = TOWN): Promise<string> {
  const personId = uniqueId('ps');
  const response = await api.call({
    method: 'POST',
    url: '/v1/persons',
    token: token.officer,
    payload: { personId, idNumber: idNumber(), name: '赵大爷', town, assistanceCategory: 'TEKUN', disability: null },
  });
  expect(response.statusCode).toBe(201);
  return personId;
}

function create(body: object, as = token.officer) {
  return api.call({ method: 'POST', url: '/v1/pairings', token: as, payload: body });
}

async function paired(official = WANG, town = TOWN): Promise<{ pairingId: string; personId: string }> {
  const personId = await registerPerson(town);
  const pairingId = uniqueId('pr');
  const response = await create({ pairingId, personId, category: 'SEVERE_DISABILITY', official });
  expect(response.statusCode).toBe(201);
  return { pairingId, personId };
}

function post(pairingId: string, what: string, body: object, as: string, headers: Record<string, string> = {}) {
  return api.call({ method: 'POST', url: `/v1/pairings/${pairingId}/${what}`, token: as, payload: body, headers });
}

function get(url: string, as: string) {
  return api.call({ method: 'GET', url, token: as });
}

async function events(pairingId: string): Promise<{ seq: number; type: string; data: Record<string, unknown> }[]> {
  const response = await get(`/v1/pairings/${pairingId}/events`, token.officer);
  expect(response.statusCode).toBe(200);
  return response.json().items;
}

test('creating a pairing: the view, a repeat answered 200, a second open pairing of the person 409 duplicate-pairing', async () => {
  const personId = await registerPerson();
  const body = { pairingId: uniqueId('pr'), personId, category: 'ORPHAN', official: WANG };
  const created = await create(body);
  expect(created.statusCode).toBe(201);
  expect(created.headers.location).toBe(`/v1/pairings/${body.pairingId}`);
  expect(created.json()).toMatchObject({
    pairingId: body.pairingId,
    personId,
    person: { name: '赵大爷', town: TOWN },
    category: 'ORPHAN',
    stage: 'ACTIVE',
    official: WANG,
    overdue: false,
    lastContactOn: null,
    contacts: 0,
    visits: 0,
    matters: 0,
    mattersValueFen: 0,
    mattersValueFenByFunder: { PERSONAL: 0, UNIT: 0, CHARITY: 0 },
    closedReason: null,
    visitsPerYear: 2,
  });
  const again = await create(body, token.admin);
  expect(again.statusCode).toBe(200);
  expect(again.json().pairingId).toBe(body.pairingId);
  expect((await events(body.pairingId)).map((event) => event.type)).toEqual(['PairingCreated']);

  const changed = await create({ ...body, category: 'DESTITUTE' });
  expect(changed.statusCode).toBe(409);
  expect(changed.json().type).toBe('/problems/idempotency-conflict');

  const second = await create({ pairingId: uniqueId('pr'), personId, category: 'ORPHAN', official: LI }, token.officer);
  expect(second.statusCode).toBe(409);
  expect(second.json()).toMatchObject({ type: '/problems/duplicate-pairing', existingPairingId: body.pairingId, title: '此人已有未结束的结对' });
}, 60_000);

test('who may do what: an official their own pairing only (another official 404), officers and admins read all, others refused', async () => {
  const { pairingId, personId } = await paired(WANG);
  const contact = { kind: 'PHONE', on: today(), notes: '电话询问近况，身体尚好' };

  // The official's own pairing.
  expect((await get(`/v1/pairings/${pairingId}`, wang)).statusCode).toBe(200);
  expect((await post(pairingId, 'contacts', contact, wang)).statusCode).toBe(200);
  // Another official: as if it did not exist, for every read and write.
  for (const response of [
    await get(`/v1/pairings/${pairingId}`, li),
    await get(`/v1/pairings/${pairingId}/events`, li),
    await post(pairingId, 'contacts', contact, li),
    await post(pairingId, 'needs', { description: '需要轮椅' }, li),
    await post(pairingId, 'matters', { description: '代缴电费', valueFen: 5000, fundedBy: 'PERSONAL', doneOn: today() }, li),
  ]) {
    expect(response.statusCode).toBe(404);
    expect(response.json().type).toBe('/problems/not-found');
  }
  // The list shows an official only their own, whatever the query asks.
  const wangList = (await get(`/v1/pairings?town=${encodeURIComponent(TOWN)}`, wang)).json().items.map((item: { pairingId: string }) => item.pairingId);
  expect(wangList).toContain(pairingId);
  expect((await get(`/v1/pairings?town=${encodeURIComponent(TOWN)}`, li)).json().items.map((item: { pairingId: string }) => item.pairingId)).not.toContain(pairingId);
  expect((await get(`/v1/pairings?official=${WANG.sub}`, li)).json().items).toEqual([]);

  // Officers and administrators read every pairing, and filter by official.
  for (const as of [token.officer, token.admin]) {
    expect((await get(`/v1/pairings/${pairingId}`, as)).statusCode).toBe(200);
    expect((await get(`/v1/pairings?official=${WANG.sub}&town=${encodeURIComponent(TOWN)}`, as)).json().items.map((item: { pairingId: string }) => item.pairingId)).toContain(pairingId);
  }
  // Contacts are the official's to log: an officer or an admin may not act as one.
  for (const as of [token.officer, token.admin]) expect((await post(pairingId, 'contacts', contact, as)).statusCode).toBe(403);
  // Hospitals, civil affairs and finance have nothing to do with pairings.
  for (const as of [token.hospital, token.civil, token.finance]) {
    expect((await get(`/v1/pairings/${pairingId}`, as)).statusCode).toBe(403);
    expect((await get('/v1/pairings', as)).statusCode).toBe(403);
  }
  for (const as of [token.hospital, token.civil, wang]) {
    const response = await create({ pairingId: uniqueId('pr'), personId, category: 'ORPHAN', official: WANG }, as);
    expect(response.statusCode).toBe(403);
  }
}, 60_000);

test('no contact within the cadence: overdue (flag, event, list filter, stuck radar); the next contact clears it', async () => {
  const { pairingId } = await paired(WANG);
  const overdue = await eventually('the pairing goes overdue', async () => {
    const view = (await get(`/v1/pairings/${pairingId}`, wang)).json();
    return view.overdue ? view : undefined;
  }, 20_000, 250);
  expect(overdue.overdue).toBe(true);
  expect((await events(pairingId)).map((event) => event.type)).toEqual(['PairingCreated', 'PairingOverdue']);
  const overdueList = (await get(`/v1/pairings?overdue=true&town=${encodeURIComponent(TOWN)}`, token.officer)).json().items.map((item: { pairingId: string }) => item.pairingId);
  expect(overdueList).toContain(pairingId);
  const stuck = (await get('/v1/admin/stuck', token.admin)).json().items.find((item: { id: string }) => item.id === pairingId);
  expect(stuck).toMatchObject({ kind: 'pairing', program: 'PAIRING', id: pairingId, stage: 'ACTIVE', town: TOWN, reasons: [{ kind: 'STAGE_OVERDUE' }] });

  const visited = await post(pairingId, 'contacts', { kind: 'VISIT', on: today(), notes: '上门走访，送去米面油' }, wang);
  expect(visited.statusCode).toBe(200);
  expect(visited.json()).toMatchObject({ overdue: false, contacts: 1, visits: 1, visitsLastYear: 1, lastContactOn: today() });
  expect((await get(`/v1/pairings?overdue=false&town=${encodeURIComponent(TOWN)}`, token.officer)).json().items.map((item: { pairingId: string }) => item.pairingId)).toContain(pairingId);
  expect((await get('/v1/admin/stuck', token.admin)).json().items.find((item: { id: string }) => item.id === pairingId)).toBeUndefined();

  // Three seconds on without another contact, it is overdue again.
  await eventually('overdue again', async () => ((await get(`/v1/pairings/${pairingId}`, wang)).json().overdue ? true : undefined), 20_000, 250);
  expect((await events(pairingId)).map((event) => event.type)).toEqual(['PairingCreated', 'PairingOverdue', 'ContactLogged', 'PairingOverdue']);
}, 60_000);

test('matters: funded personally, by the unit or by charity; public funds and other funders refused naming the field', async () => {
  const { pairingId } = await paired(WANG);
  for (const fundedBy of ['PUBLIC', 'GOVERNMENT', '']) {
    const refused = await post(pairingId, 'matters', { description: '修缮房屋', valueFen: 120000, fundedBy, doneOn: today() }, wang, { 'accept-language': 'en' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((error: { path: string }) => error.path)).toEqual(['fundedBy']);
  }
  expect((await post(pairingId, 'matters', { description: '代买药品', valueFen: 8550, fundedBy: 'PERSONAL', doneOn: today() }, wang)).statusCode).toBe(200);
  expect((await post(pairingId, 'matters', { description: '修缮房屋', valueFen: 120000, fundedBy: 'UNIT', doneOn: today() }, wang)).statusCode).toBe(200);
  const view = (await post(pairingId, 'matters', { description: '爱心企业捐赠冬衣', valueFen: 30000, fundedBy: 'CHARITY', doneOn: today() }, wang)).json();
  expect(view).toMatchObject({ matters: 3, mattersValueFen: 158550, mattersValueFenByFunder: { PERSONAL: 8550, UNIT: 120000, CHARITY: 30000 } });
  // An ID number in free text is refused before anything is kept.
  const withId = await post(pairingId, 'needs', { description: `身份证号 ${idNumber()} 需要补办` }, wang);
  expect(withId.statusCode).toBe(400);
  expect(withId.json().errors[0].path).toBe('description');
}, 60_000);

test('repeats with the same client id answer the same and grow nothing; another body under the same id is 409', async () => {
  const { pairingId } = await paired(WANG);
  const contact = { eventId: uniqueId('ev'), kind: 'VISIT', on: today(), notes: '上门走访' };
  const first = await post(pairingId, 'contacts', contact, wang);
  const handle = api.client.workflow.getHandle(`pairing-${pairingId}`);
  const lengthBefore = (await handle.describe()).historyLength;
  const second = await post(pairingId, 'contacts', contact, wang);
  // The same request is the same Update: Temporal answers it again without adding to the history
  // (the 3-second cadence's timer is far off: the contact has just moved it).
  expect((await handle.describe()).historyLength).toBe(lengthBefore);
  expect(first.statusCode).toBe(200);
  expect(second.statusCode).toBe(200);
  expect(second.json()).toEqual(first.json());
  expect(second.json().contacts).toBe(1);
  const matter = { matterId: uniqueId('mt'), description: '代缴医保', valueFen: 38000, fundedBy: 'UNIT', doneOn: today() };
  expect((await post(pairingId, 'matters', matter, wang)).json().mattersValueFen).toBe(38000);
  expect((await post(pairingId, 'matters', matter, wang)).json().mattersValueFen).toBe(38000);
  const need = { eventId: uniqueId('nd'), description: '需要助听器' };
  expect((await post(pairingId, 'needs', need, wang)).statusCode).toBe(200);
  expect((await post(pairingId, 'needs', need, wang)).statusCode).toBe(200);

  const logged = (await events(pairingId)).filter((event) => event.type !== 'PairingOverdue');
  expect(logged.map((event) => event.type)).toEqual(['PairingCreated', 'ContactLogged', 'MatterDone', 'NeedLogged']);
  // The notes are kept apart and shown in the timeline.
  expect(logged[1]!.data).toMatchObject({ eventId: contact.eventId, kind: 'VISIT', text: '上门走访' });
  expect(logged[3]!.data.text).toBe('需要助听器');

  expect((await post(pairingId, 'contacts', { ...contact, notes: '另一段记录' }, wang)).statusCode).toBe(409);
  expect((await post(pairingId, 'contacts', { ...contact, kind: 'PHONE' }, wang)).statusCode).toBe(409);
  expect((await post(pairingId, 'matters', { ...matter, valueFen: 1 }, wang)).statusCode).toBe(409);
  // The whole timeline still numbered without gaps.
  const all = await events(pairingId);
  expect(all.map((event) => event.seq)).toEqual(all.map((_, i) => i + 1));
}, 60_000);

test('reassignment: the new official has it at once, the former one loses it at once', async () => {
  const { pairingId } = await paired(WANG);
  expect((await post(pairingId, 'contacts', { kind: 'PHONE', on: today(), notes: '电话联系' }, wang)).statusCode).toBe(200);
  const reassigned = await post(pairingId, 'reassign', { official: LI, reason: '王干部调离' }, token.officer);
  expect(reassigned.statusCode).toBe(200);
  expect(reassigned.json().official).toEqual(LI);
  expect((await get(`/v1/pairings/${pairingId}`, wang)).statusCode).toBe(404);
  expect((await post(pairingId, 'contacts', { kind: 'PHONE', on: today(), notes: '电话联系' }, wang)).statusCode).toBe(404);
  expect((await get(`/v1/pairings/${pairingId}`, li)).statusCode).toBe(200);
  expect((await post(pairingId, 'contacts', { kind: 'VISIT', on: today(), notes: '新干部上门' }, li)).json().contacts).toBe(2);
  // The same reassignment again changes nothing.
  expect((await post(pairingId, 'reassign', { official: LI, reason: '王干部调离' }, token.admin)).statusCode).toBe(200);
  expect((await events(pairingId)).filter((event) => event.type === 'PairingReassigned')).toHaveLength(1);
  // An official may not reassign.
  expect((await post(pairingId, 'reassign', { official: WANG, reason: '换回' }, li)).statusCode).toBe(403);
}, 60_000);

test("the person's death closes the pairing through the life-event fan-out; the pairing then refuses contacts", async () => {
  const { pairingId, personId } = await paired(WANG);
  const died = await api.call({ method: 'POST', url: `/v1/persons/${personId}/life-events`, token: token.officer, payload: { type: 'DIED', on: today() } });
  expect(died.statusCode).toBe(200);
  expect(died.json().effects).toEqual([{ program: 'PAIRING', id: pairingId, stageBefore: 'ACTIVE', stageAfter: 'CLOSED', overpaymentFen: 0 }]);
  const closed = (await get(`/v1/pairings/${pairingId}`, wang)).json();
  expect(closed).toMatchObject({ stage: 'CLOSED', closedReason: 'DIED', closedOn: today(), overdue: false });
  const refused = await post(pairingId, 'contacts', { kind: 'PHONE', on: today(), notes: '电话' }, wang);
  expect(refused.statusCode).toBe(409);
  expect(refused.json()).toMatchObject({ type: '/problems/stage-conflict', currentStage: 'CLOSED' });
  expect((await events(pairingId)).map((event) => event.type).filter((type) => type !== 'PairingOverdue')).toEqual(['PairingCreated', 'LifeEventApplied', 'PairingClosed']);
  // The person page lists the pairing, closed.
  const page = (await get(`/v1/persons/${personId}`, token.officer)).json();
  expect(page.programs).toEqual([expect.objectContaining({ program: 'PAIRING', id: pairingId, stage: 'CLOSED' })]);
  // A person who died is not paired again.
  const again = await create({ pairingId: uniqueId('pr'), personId, category: 'ORPHAN', official: LI });
  expect(again.statusCode).toBe(422);
  expect(again.json().type).toBe('/problems/person-inactive');
}, 60_000);

test('statistics by town: figures worked out by hand for a town of its own, and the district the sum of its towns', async () => {
  const town = `统计镇${Math.random().toString(36).slice(2, 8)}`;
  const a = await paired(WANG, town);
  const b = await paired(LI, town);
  const c = await paired(WANG, town);
  await post(a.pairingId, 'contacts', { kind: 'VISIT', on: today(), notes: '走访' }, wang);
  await post(a.pairingId, 'contacts', { kind: 'PHONE', on: today(), notes: '电话' }, wang);
  await post(b.pairingId, 'contacts', { kind: 'VISIT', on: today(), notes: '走访' }, li);
  await post(c.pairingId, 'contacts', { kind: 'VISIT', on: '2026-01-05', notes: '年初走访' }, wang);
  await post(a.pairingId, 'matters', { description: '代买煤', valueFen: 45000, fundedBy: 'PERSONAL', doneOn: today() }, wang);
  await post(b.pairingId, 'matters', { description: '慈善捐助', valueFen: 20000, fundedBy: 'CHARITY', doneOn: today() }, li);
  await post(c.pairingId, 'matters', { description: '单位慰问', valueFen: 80000, fundedBy: 'UNIT', doneOn: '2026-01-05' }, wang);
  // c's person moved away: its pairing closed today, still open during the period.
  await api.call({ method: 'POST', url: `/v1/persons/${c.personId}/life-events`, token: token.officer, payload: { type: 'MOVED_OUT', on: today() } });
  // b goes to a third official today: Li held it today too, and both count.
  expect((await post(b.pairingId, 'reassign', { official: { sub: 'official-zhao', name: '赵干部', unit: '镇政府' }, reason: '李干部调离' }, token.officer)).statusCode).toBe(200);

  const stats = await get(`/v1/stats/pairings?from=${today()}&to=${today()}`, token.officer);
  expect(stats.statusCode).toBe(200);
  expect(stats.json().byTown.find((row: { town: string }) => row.town === town)).toEqual({
    town,
    officials: 3,
    persons: 3,
    contacts: 3,
    visits: 2,
    matters: 2,
    mattersValueFen: 65000,
    mattersValueFenByFunder: { PERSONAL: 45000, UNIT: 0, CHARITY: 20000 },
  });
  // Over the whole year the January visit and matter count too.
  const year = (await get(`/v1/stats/pairings?from=2026-01-01&to=${today()}`, token.admin)).json();
  expect(year.byTown.find((row: { town: string }) => row.town === town)).toMatchObject({ contacts: 4, visits: 3, matters: 3, mattersValueFen: 145000, mattersValueFenByFunder: { PERSONAL: 45000, UNIT: 80000, CHARITY: 20000 } });
  // Before today (the pairings were created today) nobody was paired.
  expect((await get('/v1/stats/pairings?from=2026-01-01&to=2026-01-31', token.officer)).json().byTown.find((row: { town: string }) => row.town === town)).toMatchObject({ officials: 0, persons: 0, contacts: 1, visits: 1, matters: 1, mattersValueFen: 80000 });
  // The district's event figures are the sums of its towns'.
  for (const key of ['contacts', 'visits', 'matters', 'mattersValueFen'] as const) {
    expect(year[key]).toBe(year.byTown.reduce((sum: number, row: Record<string, number>) => sum + row[key]!, 0));
  }
  const csv = await get(`/v1/stats/pairings.csv?from=${today()}&to=${today()}`, token.admin);
  expect(csv.statusCode).toBe(200);
  expect(csv.headers['content-type']).toMatch(/^text\/csv/);
  expect(csv.body).toContain(`${town},3,3,3,2,2,65000,45000,0,20000\r\n`);
  expect((await get('/v1/stats/pairings', wang)).statusCode).toBe(403);
}, 60_000);

test('a long-lived pairing continues as new with its state, and a repeat from before is still answered the same', async () => {
  const personId = await registerPerson();
  const pairingId = uniqueId('pr');
  const officerActor = { role: 'officer' as const, sub: 'officer-test' };
  // Started as the API would, but with a short history bound, so that it continues as new within the test.
  const first = await api.client.workflow.start('pairing', {
    workflowId: `pairing-${pairingId}`,
    taskQueue: api.config.temporal.taskQueue,
    args: [{ pairingId, creation: { input: { pairingId, personId, category: 'ORPHAN', official: WANG }, actor: officerActor }, cadence: { contactEveryMs: 3_600_000, visitsPerYear: 2 }, historyLengthBound: 40 }],
  });
  await eventually('created', async () => ((await get(`/v1/pairings/${pairingId}`, wang)).statusCode === 200 ? true : undefined), 10_000, 100);
  const firstContact = { eventId: uniqueId('ev'), kind: 'VISIT', on: today(), notes: '第一次走访' };
  expect((await post(pairingId, 'contacts', firstContact, wang)).statusCode).toBe(200);
  for (let i = 0; i < 14; i++) expect((await post(pairingId, 'contacts', { kind: 'PHONE', on: today(), notes: `电话 ${i + 1}` }, wang)).statusCode).toBe(200);
  const description = await api.client.workflow.getHandle(`pairing-${pairingId}`).describe();
  expect(description.runId).not.toBe(first.firstExecutionRunId);
  const again = await post(pairingId, 'contacts', firstContact, wang);
  expect(again.statusCode).toBe(200);
  expect(again.json()).toMatchObject({ contacts: 15, visits: 1 });
  const all = await events(pairingId);
  expect(all.map((event) => event.seq)).toEqual(all.map((_, i) => i + 1));
  expect(all.filter((event) => event.type === 'ContactLogged')).toHaveLength(15);
}, 90_000);

test('referrals open an enrolment in TOWN_REVIEW or a case in SCREENING, or link to the one already open', async () => {
  const { pairingId } = await paired(WANG);
  const referral = { eventId: uniqueId('rf'), program: 'NURSING_SUBSIDY', notes: '重度残疾，建议申请护理补贴', bankAccount: { bank: '农村信用社', accountNo: '6228480000000005678' } };
  const first = await post(pairingId, 'referrals', referral, wang);
  expect(first.statusCode).toBe(200);
  expect(first.json()).toMatchObject({ program: 'NURSING_SUBSIDY', created: true });
  const enrolmentId = first.json().id as string;
  const enrolment = await get(`/v1/enrolments/${enrolmentId}`, token.officer);
  expect(enrolment.json()).toMatchObject({ stage: 'TOWN_REVIEW', program: 'NURSING_SUBSIDY' });
  // The same referral again: the same answer, nothing more recorded.
  expect((await post(pairingId, 'referrals', referral, wang)).json()).toEqual(first.json());
  // Another referral to the same program links to the open enrolment.
  const linked = await post(pairingId, 'referrals', { ...referral, eventId: uniqueId('rf') }, wang);
  expect(linked.json()).toEqual({ program: 'NURSING_SUBSIDY', id: enrolmentId, created: false });
  const surgery = await post(pairingId, 'referrals', { program: 'SURGERY', notes: '足部畸形', hospitalId: 'wuwei-hand-foot', diagnosis: '先天性马蹄内翻足' }, wang);
  expect(surgery.statusCode).toBe(200);
  expect(surgery.json()).toMatchObject({ program: 'SURGERY', created: true });
  expect((await get(`/v1/cases/${surgery.json().id}`, token.officer)).json().stage).toBe('SCREENING');
  const view = (await get(`/v1/pairings/${pairingId}`, wang)).json();
  expect(view.referrals).toEqual([
    { program: 'NURSING_SUBSIDY', id: enrolmentId, created: true },
    { program: 'NURSING_SUBSIDY', id: enrolmentId, created: false },
    { program: 'SURGERY', id: surgery.json().id, created: true },
  ]);
  // Another official may not refer from this pairing; a subsidy referral without an account names the field.
  expect((await post(pairingId, 'referrals', referral, li)).statusCode).toBe(404);
  const noAccount = await post(pairingId, 'referrals', { program: 'LIVING_SUBSIDY', notes: '建议申请' }, wang);
  expect(noAccount.statusCode).toBe(400);
  expect(noAccount.json().errors[0].path).toBe('bankAccount');
}, 60_000);

test('a creation started straight on Temporal is checked by the activity that reads its person: a malformed body or an unknown person ends the workflow, nothing written', async () => {
  const personId = await registerPerson();
  const creations = [
    { pairingId: uniqueId('pr-bad'), personId, category: 'NEIGHBOUR', official: WANG },
    { pairingId: uniqueId('pr-nobody'), personId: 'no-such-person', category: 'SEVERE_DISABILITY', official: WANG },
  ];
  for (const creation of creations) {
    const { pairingId } = creation;
    const result = await api.client.workflow.execute(pairing, {
      workflowId: pairingWorkflowId(pairingId),
      taskQueue: api.config.temporal.taskQueue,
      args: [{ pairingId, creation: { input: creation as CreatePairingInput, actor: { role: 'officer', sub: 'direct-client' } }, cadence: { contactEveryMs: 60_000, visitsPerYear: 2 } }],
    });
    expect(result).toEqual({ pairingId, stage: null });
    expect(await listPairingEvents(api.db, pairingId)).toEqual([]);
    const raw = historyToJSON(await api.client.workflow.getHandle(pairingWorkflowId(pairingId)).fetchHistory());
    const texts = payloadTexts(await mapHistoryPayloads(JSON.parse(raw), 'decode', testPayloadCodec())).join('\n');
    expect(texts).toContain('"activity_type":"creationFacts"');
    expect(texts).not.toContain('pairingPerson');
  }
});
