/**
 * The person registry through the API: registration (idempotent on personId, duplicate-person),
 * lookup by ID number in the body, search by name, the person page, and that no ID number
 * reaches a log line.
 */
import { idNumber, withBadCheckDigit } from './fixtures';
import { startApiHarness, type ApiHarness } from './harness';
import { uniqueId } from '../support/stack';

let api: ApiHarness;
let officer: string;
let admin: string;
/** Every ID number this file sends: none may show up in the logs. */
const sent: string[] = [];

beforeAll(async () => {
  api = await startApiHarness();
  officer = await api.token('officer');
  admin = await api.token('admin');
});
afterAll(async () => {
  await api?.close();
});

function newPerson(overrides: Record<string, unknown> = {}) {
  const body = {
    personId: uniqueId('ps'),
    idNumber: idNumber(),
    name: '马兰',
    phone: '13900000000',
    town: '黄羊镇',
    village: '新店村',
    assistanceCategory: 'DIBAO',
    disability: { certificateNo: 'CDPF-62060200077', category: 'PHYSICAL', grade: 2, longTermCare: true },
    ...overrides,
  };
  sent.push(body.idNumber as string);
  return body;
}

function register(body: object, token = officer) {
  return api.call({ method: 'POST', url: '/v1/persons', token, payload: body });
}

test('registers a person: 201 with Location, the same request again 200, another body under the same id 409', async () => {
  const body = newPerson();
  const created = await register(body);
  expect(created.statusCode).toBe(201);
  expect(created.headers.location).toBe(`/v1/persons/${body.personId}`);
  expect(created.json()).toMatchObject({ ...body, status: 'ACTIVE' });

  const repeated = await register(body, admin);
  expect(repeated.statusCode).toBe(200);
  expect(repeated.json()).toEqual(created.json());

  const conflicting = await register({ ...body, name: '马兰花' });
  expect(conflicting.statusCode).toBe(409);
  expect(conflicting.json()).toMatchObject({ type: '/problems/idempotency-conflict' });
  expect((await api.call({ method: 'GET', url: `/v1/persons/${body.personId}`, token: officer })).json().name).toBe('马兰');
});

test('an ID number already registered is 409 duplicate-person, naming the person, with or without a personId', async () => {
  const first = newPerson();
  expect((await register(first)).statusCode).toBe(201);
  for (const second of [{ ...first, personId: uniqueId('ps'), name: '另一人' }, { ...first, personId: undefined }]) {
    const response = await register(second);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ type: '/problems/duplicate-person', existingPersonId: first.personId });
    expect(response.json().detail).not.toContain(first.idNumber);
  }
});

test('a generated personId when none is sent; an ID number as personId is refused', async () => {
  const { personId: _personId, ...body } = newPerson({ disability: null, phone: '', village: '' });
  const created = await register(body);
  expect(created.statusCode).toBe(201);
  expect(created.json()).toMatchObject({ personId: expect.stringMatching(/^PS-[0-9A-F]{12}$/), disability: null, phone: null, village: null });

  const leaky = newPerson();
  const refused = await register({ ...leaky, personId: idNumber() });
  expect(refused.statusCode).toBe(400);
  expect(refused.json().errors).toEqual([expect.objectContaining({ path: 'personId' })]);
});

test('looks a person up by the ID number in the body; unknown 404, invalid 400 without echoing it', async () => {
  const body = newPerson();
  await register(body);
  const found = await api.call({ method: 'POST', url: '/v1/persons/lookup', token: admin, payload: { idNumber: ` ${body.idNumber.toLowerCase()} ` } });
  expect(found.statusCode).toBe(200);
  expect(found.json()).toMatchObject({ personId: body.personId, idNumber: body.idNumber });

  const unknown = idNumber();
  sent.push(unknown);
  const missing = await api.call({ method: 'POST', url: '/v1/persons/lookup', token: officer, payload: { idNumber: unknown } });
  expect(missing.statusCode).toBe(404);
  expect(missing.body).not.toContain(unknown);

  const bad = withBadCheckDigit(idNumber());
  sent.push(bad);
  const invalid = await api.call({ method: 'POST', url: '/v1/persons/lookup', token: officer, payload: { idNumber: bad } });
  expect(invalid.statusCode).toBe(400);
  expect(invalid.body).not.toContain(bad);
});

test('searches by any part of the name, within a town, page by page', async () => {
  const tag = uniqueId('名').replaceAll('-', '');
  const town = `测试镇${tag}`;
  const people = [newPerson({ name: `${tag}乙`, town }), newPerson({ name: `甲${tag}`, town }), newPerson({ name: `${tag}丙`, town: '清源镇' })];
  for (const person of people) expect((await register(person)).statusCode).toBe(201);

  const all = await api.call({ method: 'GET', url: `/v1/persons?q=${encodeURIComponent(tag)}`, token: officer });
  expect(all.json().items.map((item: { name: string }) => item.name)).toEqual([`${tag}丙`, `${tag}乙`, `甲${tag}`].sort());

  const inTown: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `town=${encodeURIComponent(town)}&limit=1${cursor ? `&cursor=${cursor}` : ''}`;
    const page = await api.call({ method: 'GET', url: `/v1/persons?${query}`, token: admin });
    expect(page.statusCode).toBe(200);
    inTown.push(...page.json().items.map((item: { personId: string }) => item.personId));
    cursor = page.json().nextCursor;
  } while (cursor);
  expect(inTown.sort()).toEqual([people[0]!.personId, people[1]!.personId].sort());

  const badCursor = await api.call({ method: 'GET', url: '/v1/persons?cursor=nonsense', token: officer });
  expect(badCursor.statusCode).toBe(400);
});

test('reads a person with their programs; an unknown person is 404', async () => {
  const body = newPerson();
  await register(body);
  const person = await api.call({ method: 'GET', url: `/v1/persons/${body.personId}`, token: officer });
  expect(person.statusCode).toBe(200);
  expect(person.json()).toMatchObject({ personId: body.personId, status: 'ACTIVE', statusSince: expect.any(String), programs: [] });
  expect((await api.call({ method: 'GET', url: '/v1/persons/PS-NOBODY', token: officer })).statusCode).toBe(404);
});

test('the hospital role has no access to the registry', async () => {
  const hospital = await api.token('hospital');
  expect((await api.call({ method: 'POST', url: '/v1/persons/lookup', token: hospital, payload: { idNumber: idNumber() } })).statusCode).toBe(403);
  expect((await api.call({ method: 'GET', url: '/v1/persons', token: hospital })).statusCode).toBe(403);
});

test('no ID number this file sent reaches a log line', () => {
  const logs = api.logs.join('\n');
  expect(logs).toContain('/v1/persons/lookup');
  for (const number of sent) expect(logs).not.toContain(number);
});
