/**
 * Life events through the API: recorded on the person, delivered to the person's open case (a
 * surgery case before discharge ends WITHDRAWN on a death), idempotent by eventId, and a person
 * who died or moved out gets no further event and no new case (422 person-inactive).
 */
import { ADMISSION, idNumber, newCase, SCREENING, SURGERY } from './fixtures';
import { startApiHarness, type ApiHarness } from './harness';
import { eventually } from '../support/eventually';
import { uniqueId } from '../support/stack';
import { markMonthsPaid } from '../../programs/subsidy/store/enrolment-months';

let api: ApiHarness;
let officer: string;
let admin: string;
let hospital: string;
let civil: string;

beforeAll(async () => {
  api = await startApiHarness({ worker: true, env: { SUBSIDY_NOTICE: '2s' } });
  civil = await api.token('civil');
  officer = await api.token('officer');
  admin = await api.token('admin');
  hospital = await api.token('hospital', { hospitalId: 'wuwei-hand-foot' });
});
afterAll(async () => {
  await api?.close();
});

async function open(body = newCase()) {
  const opened = await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: body });
  expect(opened.statusCode).toBe(201);
  return { body, caseId: body.caseId!, personId: opened.json().personId as string };
}

function lifeEvent(personId: string, payload: object, token = officer) {
  return api.call({ method: 'POST', url: `/v1/persons/${personId}/life-events`, token, payload });
}

test('a death in rehabilitation withdraws the case; the retry answers the same; the person is then inactive', async () => {
  const { body, caseId, personId } = await open();
  for (const [kind, payload, token] of [['screening', SCREENING, officer], ['admission', ADMISSION, hospital], ['surgery', SURGERY, hospital]] as const) {
    expect((await api.call({ method: 'POST', url: `/v1/cases/${caseId}/${kind}`, token, payload })).statusCode).toBe(200);
  }
  const eventId = uniqueId('le');
  const died = await lifeEvent(personId, { eventId, type: 'DIED', on: '2026-11-25' });
  expect(died.statusCode).toBe(200);
  expect(died.json()).toMatchObject({
    person: { personId, status: 'DECEASED', statusSince: '2026-11-24T16:00:00.000Z' },
    effects: [{ program: 'SURGERY', id: caseId, stageBefore: 'REHABILITATION', stageAfter: 'WITHDRAWN', overpaymentFen: 0 }],
  });
  const view = (await api.call({ method: 'GET', url: `/v1/cases/${caseId}`, token: hospital })).json();
  expect(view).toMatchObject({ stage: 'WITHDRAWN', withdrawal: { reason: 'DIED' } });
  const timeline = (await api.call({ method: 'GET', url: `/v1/cases/${caseId}/events`, token: hospital })).json().items;
  expect(timeline.at(-1)).toMatchObject({ type: 'LifeEventRecorded', data: { eventId, type: 'DIED', on: '2026-11-25', withdrawn: true } });

  const retried = await lifeEvent(personId, { eventId, type: 'DIED', on: '2026-11-25' }, admin);
  expect(retried.statusCode).toBe(200);
  expect(retried.json()).toEqual(died.json());
  const conflicting = await lifeEvent(personId, { eventId, type: 'DIED', on: '2026-11-26' });
  expect(conflicting.statusCode).toBe(409);
  expect(conflicting.json()).toMatchObject({ type: '/problems/idempotency-conflict' });

  const again = await lifeEvent(personId, { type: 'MOVED_OUT', on: '2026-12-01' });
  expect(again.statusCode).toBe(422);
  expect(again.json()).toMatchObject({ type: '/problems/person-inactive' });
  const newCaseRefused = await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: newCase({ applicant: body.applicant }) });
  expect(newCaseRefused.statusCode).toBe(422);
  expect(newCaseRefused.json()).toMatchObject({ type: '/problems/person-inactive' });
});

test('a change of category is recorded on the open case and changes nothing else', async () => {
  const { caseId, personId } = await open();
  const changed = await lifeEvent(personId, { type: 'ASSISTANCE_CHANGED', on: '2026-11-25', assistanceCategory: 'TEKUN' });
  expect(changed.statusCode).toBe(200);
  expect(changed.json()).toMatchObject({
    person: { personId, status: 'ACTIVE', assistanceCategory: 'TEKUN' },
    effects: [{ id: caseId, stageBefore: 'SCREENING', stageAfter: 'SCREENING' }],
  });
  const view = (await api.call({ method: 'GET', url: `/v1/cases/${caseId}`, token: officer })).json();
  expect(view).toMatchObject({ stage: 'SCREENING', assistanceCategory: 'DIBAO' });
  const disability = { certificateNo: 'CDPF-9', category: 'PHYSICAL', grade: 1, longTermCare: true };
  const regraded = await lifeEvent(personId, { type: 'DISABILITY_CHANGED', on: '2026-11-26', disability });
  expect(regraded.json().person.disability).toEqual(disability);
  const events = (await api.call({ method: 'GET', url: `/v1/cases/${caseId}/events`, token: officer })).json().items;
  expect(events.filter((event: { type: string }) => event.type === 'LifeEventRecorded')).toHaveLength(2);
});

test('moving out with no open case changes the person only; a wrong body is 400', async () => {
  const { caseId, personId } = await open();
  expect((await api.call({ method: 'POST', url: `/v1/cases/${caseId}/withdraw`, token: officer, payload: { reason: '放弃' } })).statusCode).toBe(200);
  const missingCategory = await lifeEvent(personId, { type: 'ASSISTANCE_CHANGED', on: '2026-11-25' });
  expect(missingCategory.statusCode).toBe(400);
  expect(missingCategory.json().errors).toEqual([expect.objectContaining({ path: 'assistanceCategory' })]);
  const moved = await lifeEvent(personId, { type: 'MOVED_OUT', on: '2026-11-25' });
  expect(moved.json()).toMatchObject({ person: { status: 'MOVED_OUT' }, effects: [] });
  expect((await lifeEvent('PS-NOBODY', { type: 'DIED', on: '2026-11-25' })).statusCode).toBe(404);
});

test('a death resent after its first answer was lost answers what it did to the enrolment it terminated and the case it withdrew', async () => {
  const person = { personId: uniqueId('ps'), idNumber: idNumber(), name: '张三', town: '黄羊镇', assistanceCategory: 'DIBAO', disability: { certificateNo: 'CDPF-62060200001', category: 'PHYSICAL', grade: 1, longTermCare: true } };
  expect((await api.call({ method: 'POST', url: '/v1/persons', token: officer, payload: person })).statusCode).toBe(201);
  const { caseId, personId } = await open(newCase({ applicant: { name: '张三', idNumber: person.idNumber, phone: '13800000000', town: '黄羊镇', village: '新店村' } }));
  expect(personId).toBe(person.personId);

  const enrolmentId = uniqueId('en');
  const application = { enrolmentId, program: 'NURSING_SUBSIDY', personId, appliedOn: '2026-09-15', bankAccount: { bank: '农村信用社凉州支行', accountNo: '6228480000000001234' } };
  expect((await api.call({ method: 'POST', url: '/v1/enrolments', token: officer, payload: application })).statusCode).toBe(201);
  for (const [action, payload, token] of [['town-review', { approved: true, reviewedBy: '乡镇 马' }, officer], ['cdpf-review', { approved: true, reviewedBy: '残联 李' }, officer], ['decision', { approved: true }, civil]] as const) {
    expect((await api.call({ method: 'POST', url: `/v1/enrolments/${enrolmentId}/${action}`, token, payload })).statusCode).toBe(200);
  }
  await eventually('the public notice ends', async () => ((await api.call({ method: 'GET', url: `/v1/enrolments/${enrolmentId}`, token: officer })).json().stage === 'ACTIVE' ? true : undefined), 20_000, 250);
  expect(await markMonthsPaid(api.db, enrolmentId, ['2026-09', '2026-10', '2026-11'], 'payroll-life-event-test')).toHaveLength(3);

  // A death on 10 October: October is still owed, November's 11000 fen (grade 1 from 2026-07) is not.
  const eventId = uniqueId('le');
  const body = { eventId, type: 'DIED', on: '2026-10-10' };
  const first = await lifeEvent(personId, body);
  expect(first.statusCode).toBe(200);
  const effects = [
    { program: 'SURGERY', id: caseId, stageBefore: 'SCREENING', stageAfter: 'WITHDRAWN', overpaymentFen: 0 },
    { program: 'NURSING_SUBSIDY', id: enrolmentId, stageBefore: 'ACTIVE', stageAfter: 'TERMINATED', overpaymentFen: 11000 },
  ];
  expect(first.json().effects).toEqual(effects);

  // The API died after delivering and before it kept the answer: the person's record has no effects.
  await api.db.updateTable('person_life_events').set({ effects: null }).where('event_id', '=', eventId).execute();
  const resent = await lifeEvent(personId, body, admin);
  expect(resent.statusCode).toBe(200);
  expect(resent.json()).toEqual(first.json());
  const stored = await api.db.selectFrom('person_life_events').select('effects').where('event_id', '=', eventId).executeTakeFirstOrThrow();
  expect(stored.effects).toEqual(effects);
  // Applied once: one LifeEventApplied and one termination in the enrolment's history.
  const history = (await api.call({ method: 'GET', url: `/v1/enrolments/${enrolmentId}/events`, token: civil })).json().items as { type: string }[];
  expect(history.filter((event) => event.type === 'LifeEventApplied' || event.type === 'EnrolmentTerminated')).toHaveLength(2);
}, 90_000);
