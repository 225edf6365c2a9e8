/**
 * Single sign-on: a tiny OpenID Connect provider started here (jose keys, a discovery document and
 * a key set over HTTP), and the API configured with its issuer. Its tokens are accepted and mapped
 * to a role and a hospital; tokens signed by another key, for another audience or issuer, are not.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { startApiHarness, type ApiHarness } from './harness';

const AUDIENCE = 'liangzhou-cases';

let provider: http.Server;
let issuer: string;
let api: ApiHarness;
let rsa: CryptoKey;
let ec: CryptoKey;
let jwksFetches = 0;

beforeAll(async () => {
  const rsaPair = await generateKeyPair('RS256');
  const ecPair = await generateKeyPair('ES256');
  rsa = rsaPair.privateKey;
  ec = ecPair.privateKey;
  const keys: JWK[] = [
    { ...(await exportJWK(rsaPair.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
    { ...(await exportJWK(ecPair.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
  ];
  provider = http.createServer((request, response) => {
    const send = (body: unknown) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (request.url === '/.well-known/openid-configuration') return send({ issuer, jwks_uri: `${issuer}/jwks`, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token` });
    if (request.url === '/jwks') {
      jwksFetches += 1;
      return send({ keys });
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
  api = await startApiHarness({
    env: { OIDC_ISSUER: issuer, OIDC_AUDIENCE: AUDIENCE, OIDC_CLIENT_ID: 'cases-console', OIDC_CLAIMS: JSON.stringify({ role: 'realm_access.roles', hospitalId: 'hospital', roleValues: { 'mz-jbr': 'officer', 'yy-rw': 'hospital' } }) },
  });
}, 120_000);
afterAll(async () => {
  await api?.close();
  await new Promise((resolve) => provider?.close(resolve));
}, 120_000);

interface Signing {
  key?: CryptoKey;
  alg?: 'RS256' | 'ES256';
  kid?: string;
  audience?: string;
  issuer?: string;
  claims?: Record<string, unknown>;
}

function providerToken({ key = rsa, alg = 'RS256', kid = alg === 'RS256' ? 'rsa-1' : 'ec-1', audience = AUDIENCE, issuer: iss = issuer, claims = {} }: Signing = {}): Promise<string> {
  return new SignJWT({ realm_access: { roles: ['offline_access', 'mz-jbr'] }, ...claims })
    .setProtectedHeader({ alg, kid })
    .setSubject('8f0c2d1e-sso-user')
    .setIssuer(iss)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(key);
}

test("a provider's RS256 token is accepted and its claims mapped to a role; the subject is the actor", async () => {
  const response = await api.call({ method: 'GET', url: '/v1/cases', token: await providerToken() });
  expect(response.statusCode).toBe(200);
  const me = await api.call({ method: 'GET', url: '/v1/auth/me', token: await providerToken() });
  expect(me.json()).toEqual({ sub: '8f0c2d1e-sso-user', role: 'officer', hospitalId: null });
  const admin = await api.call({ method: 'GET', url: '/v1/admin/stuck', token: await providerToken() });
  expect(admin.statusCode).toBe(403);
  expect(api.logs.some((line) => line.includes('"sub":"8f0c2d1e-sso-user"') && line.includes('"role":"officer"'))).toBe(true);
});

test('an ES256 token for a hospital is mapped to its hospital, which must be in the registry', async () => {
  const hospital = await providerToken({ key: ec, alg: 'ES256', claims: { realm_access: { roles: ['yy-rw'] }, hospital: 'wuwei-hand-foot' } });
  expect((await api.call({ method: 'GET', url: '/v1/cases', token: hospital })).statusCode).toBe(200);
  const elsewhere = await providerToken({ key: ec, alg: 'ES256', claims: { realm_access: { roles: ['yy-rw'] }, hospital: 'nowhere' } });
  expect((await api.call({ method: 'GET', url: '/v1/cases', token: elsewhere })).statusCode).toBe(401);
});

test('refused: another key under a known kid, an unknown kid, another audience, another issuer, no known role', async () => {
  const stranger = (await generateKeyPair('RS256')).privateKey;
  const refused = [
    await providerToken({ key: stranger }),
    await providerToken({ key: stranger, kid: 'rsa-unknown' }),
    await providerToken({ audience: 'another-app' }),
    await providerToken({ issuer: 'https://evil.example' }),
    await providerToken({ claims: { realm_access: { roles: ['offline_access'] } } }),
  ];
  for (const token of refused) {
    const response = await api.call({ method: 'GET', url: '/v1/cases', token });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ type: '/problems/unauthorized' });
  }
  // The key set is fetched once and cached; an unknown kid may fetch it again, at most every 30 s.
  expect(jwksFetches).toBeLessThanOrEqual(2);
});

test('the console learns where to send people for single sign-on', async () => {
  const methods = await api.call({ method: 'GET', url: '/v1/auth/methods' });
  expect(methods.json()).toEqual({
    devSignIn: false,
    sso: { issuer, authorizationEndpoint: `${issuer}/auth`, tokenEndpoint: `${issuer}/token`, clientId: 'cases-console', scope: 'openid' },
  });
});

test('the API\'s own tokens keep working next to the provider\'s', async () => {
  expect((await api.call({ method: 'GET', url: '/v1/cases', token: await api.token('officer') })).statusCode).toBe(200);
});
