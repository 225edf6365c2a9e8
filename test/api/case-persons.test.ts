/**
 * Surgery cases in the registry: opening a case (one by one or by roster) finds or registers the
 * person by ID number and links the case; the case shows `personId`, and the person page lists it.
 */
import { caseId, idNumber, newCase } from './fixtures';
import { startApiHarness, type ApiHarness } from './harness';
import { eventually } from '../support/eventually';

let api: ApiHarness;
let officer: string;

beforeAll(async () => {
  api = await startApiHarness({ worker: true });
  officer = await api.token('officer');
});
afterAll(async () => {
  await api?.close();
});

async function lookup(number: string) {
  const response = await api.call({ method: 'POST', url: '/v1/persons/lookup', token: officer, payload: { idNumber: number } });
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function programsOf(personId: string, count: number) {
  return eventually(`${count} programs of ${personId}`, async () => {
    const person = (await api.call({ method: 'GET', url: `/v1/persons/${personId}`, token: officer })).json();
    return person.programs.length === count ? person.programs : undefined;
  });
}

test('opening a case registers the applicant; a second case after the first closed is the same person', async () => {
  const first = newCase();
  const opened = await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: first });
  expect(opened.statusCode).toBe(201);
  const personId = opened.json().personId as string;
  expect(personId).toMatch(/^PS-/);
  expect(await lookup(first.applicant.idNumber)).toMatchObject({
    personId,
    name: first.applicant.name,
    town: first.applicant.town,
    village: first.applicant.village,
    assistanceCategory: first.assistanceCategory,
    disability: null,
    status: 'ACTIVE',
  });
  // A retried opening answers with the same person.
  expect((await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: first })).json().personId).toBe(personId);

  const withdrawn = await api.call({ method: 'POST', url: `/v1/cases/${first.caseId}/withdraw`, token: officer, payload: { reason: '家属放弃' } });
  expect(withdrawn.statusCode).toBe(200);
  expect(withdrawn.json()).toMatchObject({ stage: 'WITHDRAWN', personId });

  const second = newCase({ applicant: { ...first.applicant, name: '张三丰' } });
  const reopened = await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: second });
  expect(reopened.statusCode).toBe(201);
  expect(reopened.json().personId).toBe(personId);
  // The registry keeps the person as registered; the second case's applicant is the case's own.
  expect((await lookup(first.applicant.idNumber)).name).toBe(first.applicant.name);

  const programs = await programsOf(personId, 2);
  expect(programs).toEqual([
    { program: 'SURGERY', id: second.caseId, stage: 'SCREENING', openedAt: expect.any(String), closedAt: null, paidFen: 0 },
    { program: 'SURGERY', id: first.caseId, stage: 'WITHDRAWN', openedAt: expect.any(String), closedAt: expect.any(String), paidFen: 0 },
  ]);
  for (const url of [`/v1/cases/${second.caseId}`, '/v1/cases?limit=200']) {
    const body = (await api.call({ method: 'GET', url, token: officer })).json();
    const view = body.items ? body.items.find((item: { caseId: string }) => item.caseId === second.caseId) : body;
    expect(view.personId).toBe(personId);
  }
});

test('a person registered before is the one the case links to', async () => {
  const number = idNumber();
  const registered = await api.call({
    method: 'POST',
    url: '/v1/persons',
    token: officer,
    payload: { idNumber: number, name: '李四', town: '清源镇', assistanceCategory: 'TEKUN', disability: { certificateNo: 'C-1', category: 'PHYSICAL', grade: 1, longTermCare: false } },
  });
  expect(registered.statusCode).toBe(201);
  const body = newCase({ applicant: { name: '李四', idNumber: number, town: '清源镇' } });
  const opened = await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: body });
  expect(opened.json().personId).toBe(registered.json().personId);
  // The registry's own details stand: the case does not overwrite the disability it does not know.
  expect((await lookup(number)).disability).toMatchObject({ grade: 1 });
});

test('a hospital sees the personId of its case, with the ID number masked', async () => {
  const body = newCase();
  const opened = await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: body });
  const hospital = await api.token('hospital', { hospitalId: body.hospitalId });
  const seen = (await api.call({ method: 'GET', url: `/v1/cases/${body.caseId}`, token: hospital })).json();
  expect(seen.personId).toBe(opened.json().personId);
  expect(seen.applicant.idNumber).not.toBe(body.applicant.idNumber);
  expect(seen.applicant.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
});

test('the roster import registers and links each row; a re-import links the same persons', async () => {
  const rows = [newCase({ caseId: caseId('roster') }), newCase({ caseId: caseId('roster') })];
  const imported = await api.call({ method: 'POST', url: '/v1/cases/import', token: officer, payload: { cases: rows } });
  expect(imported.json()).toMatchObject({ created: 2, existing: 0 });
  const personIds: string[] = [];
  for (const row of rows) {
    const person = await lookup(row.applicant.idNumber);
    personIds.push(person.personId);
    const view = (await api.call({ method: 'GET', url: `/v1/cases/${row.caseId}`, token: officer })).json();
    expect(view.personId).toBe(person.personId);
    expect((await programsOf(person.personId, 1))[0].id).toBe(row.caseId);
  }
  expect(new Set(personIds).size).toBe(2);
  const again = await api.call({ method: 'POST', url: '/v1/cases/import', token: officer, payload: { cases: rows } });
  expect(again.json()).toMatchObject({ created: 0, existing: 2 });
  for (const [i, row] of rows.entries()) expect((await lookup(row.applicant.idNumber)).personId).toBe(personIds[i]);
});
