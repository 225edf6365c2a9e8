/**
 * The codec server of the Temporal Web UI (/codec/decode, /codec/encode): admins only, answered
 * with the CORS the UI's origin needs, refusals as problem documents, outside the OpenAPI document.
 */
import { defaultPayloadConverter } from '@temporalio/common';
import { payloadFromJson, payloadToJson } from '../../codec/payload-json';
import { startApiHarness, type ApiHarness } from './harness';

const UI_ORIGIN = 'http://localhost:8233'; // TEMPORAL_UI_PORT's default
const ID_NUMBER = '620602199001011234';

let api: ApiHarness;
let admin: string;

beforeAll(async () => {
  api = await startApiHarness();
  admin = await api.token('admin');
});
afterAll(async () => {
  await api?.close();
});

const plainBody = () => ({ payloads: [payloadToJson(defaultPayloadConverter.toPayload({ applicant: { idNumber: ID_NUMBER } }))] });

function codecCall(operation: 'decode' | 'encode', token: string | null, payload: unknown = plainBody(), headers: Record<string, string> = {}) {
  return api.call({ method: 'POST', url: `/codec/${operation}`, token, payload: payload as object, headers: { origin: UI_ORIGIN, 'x-namespace': 'default', ...headers }, unchecked: true });
}

test('an admin encodes and decodes: the ciphertext hides the ID number, the decoded payload is the original', async () => {
  const encoded = await codecCall('encode', admin);
  expect(encoded.statusCode).toBe(200);
  expect(encoded.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
  expect(encoded.body).not.toContain(ID_NUMBER);
  expect(Buffer.from(encoded.json().payloads[0].data, 'base64').includes(ID_NUMBER)).toBe(false);

  const decoded = await codecCall('decode', admin, encoded.json());
  expect(decoded.statusCode).toBe(200);
  expect(decoded.json().payloads).toHaveLength(1);
  expect(defaultPayloadConverter.fromPayload(payloadFromJson(decoded.json().payloads[0]))).toEqual({ applicant: { idNumber: ID_NUMBER } });
});

test('payloads that were never encrypted come back unchanged; an empty list (`{}` in protobuf JSON) is an empty answer', async () => {
  const response = await codecCall('decode', admin);
  expect(response.statusCode).toBe(200);
  expect(response.json()).toEqual(plainBody());
  const empty = await codecCall('decode', admin, {});
  expect(empty.statusCode).toBe(200);
  expect(empty.json()).toEqual({ payloads: [] });
});

test.each([
  ['no token', null, 401],
  ['an officer', 'officer', 403],
  ['a hospital', 'hospital', 403],
] as const)('%s (%s) is refused %i with a problem document the UI may read', async (_who, role, status) => {
  const token = role === null ? null : await api.token(role);
  const response = await codecCall('decode', token);
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.json()).toMatchObject({ status });
  expect(response.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
  expect(response.body).not.toContain(ID_NUMBER);
});

test('the preflight of the UI origin is answered: POST, with Authorization, Content-Type and X-Namespace', async () => {
  const response = await api.call({
    method: 'OPTIONS',
    url: '/codec/decode',
    headers: { origin: UI_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-namespace' },
    unchecked: true,
  });
  expect(response.statusCode).toBe(204);
  expect(response.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
  expect(response.headers['access-control-allow-methods']).toContain('POST');
  const allowed = String(response.headers['access-control-allow-headers']).toLowerCase();
  for (const header of ['authorization', 'content-type', 'x-namespace']) expect(allowed).toContain(header);
  expect(response.headers.vary).toContain('Origin');
});

test('another origin gets no CORS headers, so a browser keeps the answer from its page', async () => {
  const preflight = await api.call({ method: 'OPTIONS', url: '/codec/encode', headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' }, unchecked: true });
  expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  const post = await api.call({ method: 'POST', url: '/codec/decode', token: admin, payload: plainBody(), headers: { origin: 'http://evil.example' }, unchecked: true });
  expect(post.headers['access-control-allow-origin']).toBeUndefined();
});

test('an altered payload is 422 naming its key; a body that is not the codec protocol is 400', async () => {
  const encoded = (await codecCall('encode', admin)).json();
  const data = Buffer.from(encoded.payloads[0].data, 'base64');
  data[data.length - 1]! ^= 0x01;
  encoded.payloads[0].data = data.toString('base64');
  const altered = await codecCall('decode', admin, encoded);
  expect(altered.statusCode).toBe(422);
  expect(altered.json().detail).toMatch(/^密钥 "test-run" 下的加密数据未通过校验/);
  const inEnglish = await codecCall('decode', admin, encoded, { 'accept-language': 'en' });
  expect(inEnglish.json().detail).toMatch(/^encrypted payload under key "test-run" failed authentication/);

  for (const body of [{ payloads: [{ data: 'not base64!' }] }, { payloads: 'x' }, { payloads: [{ metadata: { encoding: 1 } }] }]) {
    const refused = await codecCall('decode', admin, body);
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
  }
});

test('a UI whose codec settings hold only a URL sends the token in it: /codec/<token>/decode, masked in the logs', async () => {
  const encoded = (await codecCall('encode', admin)).json();
  const viaPath = (token: string, origin = UI_ORIGIN) =>
    api.call({ method: 'POST', url: `/codec/${token}/decode`, payload: encoded, headers: { origin, 'x-namespace': 'default' }, unchecked: true });
  const decoded = await viaPath(admin);
  expect(decoded.statusCode).toBe(200);
  expect(decoded.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
  expect(Buffer.from(decoded.json().payloads[0].data, 'base64').toString()).toContain(ID_NUMBER);

  const officer = await api.token('officer');
  expect((await viaPath(officer)).statusCode).toBe(403);
  expect((await viaPath('not-a-token')).statusCode).toBe(401);
  const preflight = await api.call({ method: 'OPTIONS', url: `/codec/${admin}/decode`, headers: { origin: UI_ORIGIN, 'access-control-request-method': 'POST' }, unchecked: true });
  expect(preflight.statusCode).toBe(204);
  expect(preflight.headers['access-control-allow-origin']).toBe(UI_ORIGIN);

  const logs = api.logs.join('\n');
  expect(logs).toContain('/codec/<token>/decode');
  for (const token of [admin, officer]) expect(logs).not.toContain(token);
});

test('the codec routes are not part of the OpenAPI document (the protocol is Temporal\'s)', async () => {
  const document = (await api.call({ method: 'GET', url: '/openapi.json' })).json();
  expect(Object.keys(document.paths).filter((path) => path.startsWith('/codec'))).toEqual([]);
});
