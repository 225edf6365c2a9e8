/**
 * Bodies built to break the edge rather than the domain: nesting 100,000 levels deep (a recursive
 * check would overflow the stack: 500), and invisible characters that would make "the same" town
 * twice. Each is a 400 validation problem naming where it is, with or without a token.
 */
import { newCase } from './fixtures';
import { startApiHarness, type ApiHarness } from './harness';

let api: ApiHarness;
let officer: string;

beforeAll(async () => {
  api = await startApiHarness({ deps: { devTokens: true } });
  officer = await api.token('officer');
});
afterAll(async () => {
  await api?.close();
});

const DEPTH = 100_000;
const deepObject = (innermost: string, member = 'a', depth = DEPTH) => `${`{"${member}":`.repeat(depth)}${innermost}${'}'.repeat(depth)}`;
const deepArray = () => `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`;
const json = { 'content-type': 'application/json' };

test.each([
  ['an object', () => `{"caseId":"deep-1","applicant":${deepObject('1')}}`],
  ['an array', () => `{"caseId":"deep-2","applicant":${deepArray()}}`],
  // fastify's JSON parser walks such members to look for prototype poisoning: iteratively too.
  // (50,000 levels: 100,000 would be over the 1 MiB body limit.)
  ['an object of "constructor" members (50,000 levels)', () => `{"caseId":"deep-3","applicant":${deepObject('1', 'constructor', 50_000)}}`],
])('%s nested deep (100,000 levels unless said) in a case is a 400 validation problem, not a 500', async (_kind, body) => {
  const response = await api.call({ method: 'POST', url: '/v1/cases', token: officer, headers: json, payload: body() });
  expect(response.statusCode).toBe(400);
  expect(response.json()).toMatchObject({ type: '/problems/validation', errors: [{ path: expect.stringMatching(/^applicant(\.(a|0|constructor))+$/), message: expect.stringContaining('nested deeper') }] });
});

test('a deep body in a roster is a 400 as well', async () => {
  const response = await api.call({ method: 'POST', url: '/v1/cases/import', token: officer, headers: json, payload: `{"cases":[${deepArray()}]}` });
  expect(response.statusCode).toBe(400);
  expect(response.json().type).toBe('/problems/validation');
});

test('a deep body to the endpoint that needs no token is a 400 too', async () => {
  const response = await api.call({ method: 'POST', url: '/v1/dev/token', headers: json, payload: deepObject('"x"') });
  expect(response.statusCode).toBe(400);
  expect(response.json().type).toBe('/problems/validation');
});

test('without a token a deep body is not even read: 401', async () => {
  const response = await api.call({ method: 'POST', url: '/v1/cases', headers: json, payload: deepArray() });
  expect(response.statusCode).toBe(401);
});

test('a zero-width space in a town or a right-to-left override in a filter is refused, naming the field', async () => {
  const body = newCase();
  const hidden = await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: { ...body, applicant: { ...body.applicant, town: '黄羊\u200b镇' } } });
  expect(hidden.statusCode).toBe(400);
  expect(hidden.json().errors).toEqual([{ path: 'applicant.town', message: expect.stringContaining('U+200B') }]);
  const filter = await api.call({ method: 'GET', url: `/v1/cases?town=${encodeURIComponent('黄羊\u202e镇')}`, token: officer });
  expect(filter.statusCode).toBe(400);
  expect(filter.json().errors[0].path).toBe('query.town');
});
