/**
 * Accounts on the real stack: sign-in and use of the token, the same answer (and about the same
 * time) for an unknown user and a wrong password, lock-out and its expiry, logout, disable (seen by
 * a second API process), the forced password change, the password rules and the sign-in audit.
 */
import { createAccount } from '../../api/services/user-admin.service';
import type { Role } from '../../domain/actor';
import { uniqueId } from '../support/stack';
import { startApiHarness, type ApiHarness } from './harness';

const PASSWORD = 'first-password-123';
const NEW_PASSWORD = 'a-much-better-password-456';

let api: ApiHarness;
/** A second API process on the same database, with its own short revocation cache and a small lock-out window. */
let other: ApiHarness;
let adminToken: string;

beforeAll(async () => {
  api = await startApiHarness({ env: { SIGN_IN_MAX_FAILURES: '100', SIGN_IN_MAX_FAILURES_PER_ADDRESS: '10000', REVOCATION_CACHE_TTL: '2s' } });
  other = await startApiHarness({ env: { SIGN_IN_LOCKOUT: '3s', SIGN_IN_MAX_FAILURES_PER_ADDRESS: '8', REVOCATION_CACHE_TTL: '2s' }, deps: { authSecret: api.secret } });
  adminToken = await api.token('admin', { sub: 'admin-of-accounts-test' });
}, 120_000);
afterAll(async () => {
  await api?.close();
  await other?.close();
}, 120_000);

function newUsername(): string {
  return uniqueId('u').toLowerCase().replace(/[^a-z0-9._-]/g, '').slice(0, 40);
}

async function newUser(role: Role = 'officer', extra: { hospitalId?: string; town?: string } = {}): Promise<string> {
  const username = newUsername();
  expect(await createAccount(api.db, { username, displayName: `测试 ${username}`, role, initialPassword: PASSWORD, ...extra })).toBe(true);
  return username;
}

function signIn(username: string, password: string, harness = api, remoteAddress = '127.0.0.1') {
  return harness.call({ method: 'POST', url: '/v1/auth/login', payload: { username, password }, remoteAddress });
}

/** A user past the first sign-in: signed in, password changed; answers the fresh token. */
async function readyUser(role: Role = 'officer', extra: { hospitalId?: string } = {}): Promise<{ username: string; token: string }> {
  const username = await newUser(role, extra);
  const first = await signIn(username, PASSWORD);
  expect(first.statusCode).toBe(200);
  const changed = await api.call({ method: 'POST', url: '/v1/auth/password', token: first.json().accessToken, payload: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } });
  expect(changed.statusCode).toBe(200);
  return { username, token: changed.json().accessToken };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

describe('sign-in', () => {
  test('answers a token of at most 8 hours that works on a real endpoint, with sub = the user name', async () => {
    const username = await newUser('hospital', { hospitalId: 'wuwei-hand-foot', town: '凉州' });
    const response = await signIn(`  ${username.toUpperCase()} `, PASSWORD);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ mustChangePassword: true, user: { username, displayName: `测试 ${username}`, role: 'hospital', hospitalId: 'wuwei-hand-foot', town: '凉州' } });
    const lifetimeMs = Date.parse(body.expiresAt) - Date.now();
    expect(lifetimeMs).toBeGreaterThan(7.9 * 3_600_000);
    expect(lifetimeMs).toBeLessThanOrEqual(8 * 3_600_000);
    const claims = JSON.parse(Buffer.from(body.accessToken.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ sub: username, role: 'hospital', hospitalId: 'wuwei-hand-foot', pwc: true });
    expect(typeof claims.jti).toBe('string');
    expect(typeof claims.iat).toBe('number');

    const { token } = await readyUser('officer');
    const cases = await api.call({ method: 'GET', url: '/v1/cases', token });
    expect(cases.statusCode).toBe(200);
  });

  test('an unknown user and a wrong password: the same status and body, about the same time', async () => {
    const username = await newUser();
    const unknown = await signIn(`${username}-nobody`, PASSWORD);
    const wrong = await signIn(username, `${PASSWORD}-wrong`);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.body).toBe(wrong.body);
    expect(unknown.json()).toMatchObject({ type: '/problems/invalid-credentials', status: 401 });

    const tries = 20;
    const unknownMs: number[] = [];
    const wrongMs: number[] = [];
    for (let i = 0; i < tries; i += 1) {
      // Interleaved, so that a slow moment of the shared machine hits both alike.
      let started = performance.now();
      await signIn(`${username}-nobody-${i}`, PASSWORD);
      unknownMs.push(performance.now() - started);
      started = performance.now();
      await signIn(username, `${PASSWORD}-wrong-${i}`);
      wrongMs.push(performance.now() - started);
    }
    const [unknownMedian, wrongMedian] = [median(unknownMs), median(wrongMs)];
    process.stderr.write(`sign-in timing over ${tries} tries: unknown user median ${unknownMedian.toFixed(1)} ms, wrong password median ${wrongMedian.toFixed(1)} ms\n`);
    // Loose on purpose (2 shared cores): without the dummy hash the unknown user would answer in ~1 ms, far outside.
    expect(unknownMedian).toBeLessThan(wrongMedian * 3);
    expect(wrongMedian).toBeLessThan(unknownMedian * 3);
  }, 120_000);

  test('five failures lock the user name (429 locked with retryAfter), even the right password, until the lock expires', async () => {
    const username = await newUser();
    const from = '10.0.0.1';
    for (let i = 1; i <= 4; i += 1) expect((await signIn(username, 'wrong-password-x', other, from)).statusCode).toBe(401);
    const fifth = await signIn(username, 'wrong-password-x', other, from);
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json()).toMatchObject({ type: '/problems/locked', status: 429, retryAfter: 3 });
    expect(fifth.headers['retry-after']).toBe('3');
    const right = await signIn(username, PASSWORD, other, '10.0.0.9');
    expect(right.statusCode).toBe(429);
    expect(right.json().retryAfter).toBeLessThanOrEqual(3);
    await new Promise((resolve) => setTimeout(resolve, 3_200));
    expect((await signIn(username, PASSWORD, other, from)).statusCode).toBe(200);

    const unknown = `${username}-nobody`;
    for (let i = 1; i <= 4; i += 1) await signIn(unknown, 'wrong-password-x', other, '10.0.0.2');
    expect((await signIn(unknown, 'wrong-password-x', other, '10.0.0.2')).statusCode).toBe(429);
  }, 30_000);

  test('one address failing with many user names is held back too; other addresses are not', async () => {
    const username = await newUser();
    const from = '10.0.0.3';
    for (let i = 1; i <= 8; i += 1) expect((await signIn(`${username}-guess-${i}`, 'wrong-password-x', other, from)).statusCode).toBe(401);
    const held = await signIn(username, PASSWORD, other, from);
    expect(held.statusCode).toBe(429);
    expect(held.json()).toMatchObject({ type: '/problems/locked' });
    expect((await signIn(username, PASSWORD, other, '10.0.0.4')).statusCode).toBe(200);
  });
});

describe('tokens of accounts', () => {
  test('logout revokes the token, in this process at once and in another within its cache time', async () => {
    const { token } = await readyUser();
    expect((await other.call({ method: 'GET', url: '/v1/cases', token })).statusCode).toBe(200);
    const signedOut = await api.call({ method: 'POST', url: '/v1/auth/logout', token });
    expect(signedOut.json()).toEqual({ revoked: true });
    const here = await api.call({ method: 'GET', url: '/v1/cases', token, headers: { 'accept-language': 'en' } });
    expect(here.statusCode).toBe(401);
    expect(here.json().detail).toMatch(/signed out/);
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    expect((await other.call({ method: 'GET', url: '/v1/cases', token })).statusCode).toBe(401);
  });

  test("a disabled user's token is refused by a second API process within its cache time; enabled, it works again", async () => {
    const { username, token } = await readyUser();
    expect((await other.call({ method: 'GET', url: '/v1/cases', token })).statusCode).toBe(200);
    const disabled = await api.call({ method: 'POST', url: `/v1/admin/users/${username}/disable`, token: adminToken });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ username, disabled: true });
    expect((await api.call({ method: 'GET', url: '/v1/cases', token })).statusCode).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    const refused = await other.call({ method: 'GET', url: '/v1/cases', token, headers: { 'accept-language': 'en' } });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().detail).toMatch(/disabled/);
    expect((await signIn(username, NEW_PASSWORD)).statusCode).toBe(401);

    expect((await api.call({ method: 'POST', url: `/v1/admin/users/${username}/enable`, token: adminToken })).statusCode).toBe(200);
    expect((await api.call({ method: 'GET', url: '/v1/cases', token })).statusCode).toBe(200);
  });

  test('npm run token tokens (no jti) stay valid whatever their sub', async () => {
    const token = await api.token('officer', { sub: 'someone-who-has-no-account' });
    expect((await api.call({ method: 'GET', url: '/v1/cases', token })).statusCode).toBe(200);
    expect((await api.call({ method: 'POST', url: '/v1/auth/logout', token })).json()).toEqual({ revoked: false });
    expect((await api.call({ method: 'GET', url: '/v1/cases', token })).statusCode).toBe(200);
  });
});

describe('the password', () => {
  test('must be changed at the first sign-in: 403 password-change-required elsewhere, then fine with the new token', async () => {
    const username = await newUser('admin');
    const first = (await signIn(username, PASSWORD)).json().accessToken as string;
    for (const url of ['/v1/cases', '/v1/admin/users', '/v1/hospitals']) {
      const refused = await api.call({ method: 'GET', url, token: first });
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ type: '/problems/password-change-required' });
    }
    const changed = await api.call({ method: 'POST', url: '/v1/auth/password', token: first, payload: { currentPassword: PASSWORD, newPassword: NEW_PASSWORD } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().mustChangePassword).toBe(false);
    expect((await api.call({ method: 'GET', url: '/v1/admin/users', token: changed.json().accessToken })).statusCode).toBe(200);
    // The token that changed it is signed out; the old password no longer signs in.
    expect((await api.call({ method: 'GET', url: '/v1/cases', token: first })).statusCode).toBe(401);
    expect((await signIn(username, PASSWORD)).statusCode).toBe(401);
    const again = await signIn(username, NEW_PASSWORD);
    expect(again.json()).toMatchObject({ mustChangePassword: false });
  });

  test.each([
    ['shorter than 12 characters', () => 'short-pw-1', 'newPassword'],
    ['the user name (in capitals)', (username: string) => username.toUpperCase(), 'newPassword'],
  ])('a new password %s is refused (400)', async (_what, newPassword, path) => {
    const username = await newUser();
    const token = (await signIn(username, PASSWORD)).json().accessToken as string;
    const chosen = newPassword(username);
    const response = await api.call({ method: 'POST', url: '/v1/auth/password', token, payload: { currentPassword: PASSWORD, newPassword: chosen } });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ path })]);
  });

  test('a wrong current password is refused (400) and nothing changes', async () => {
    const username = await newUser();
    const token = (await signIn(username, PASSWORD)).json().accessToken as string;
    const response = await api.call({ method: 'POST', url: '/v1/auth/password', token, payload: { currentPassword: 'not-the-password', newPassword: NEW_PASSWORD } });
    expect(response.statusCode).toBe(400);
    expect((await signIn(username, PASSWORD)).statusCode).toBe(200);
  });
});

describe('administration', () => {
  test('an administrator creates a user, lists it with its last sign-in, resets its password', async () => {
    const username = newUsername();
    const created = await api.call({
      method: 'POST',
      url: '/v1/admin/users',
      token: adminToken,
      payload: { username, displayName: '张医生', role: 'hospital', hospitalId: 'wuwei-hand-foot', initialPassword: PASSWORD },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ username, role: 'hospital', hospitalId: 'wuwei-hand-foot', mustChangePassword: true, disabled: false, lastSignInAt: null });
    expect(created.body).not.toMatch(/argon2|password_hash|passwordHash/);

    const taken = await api.call({ method: 'POST', url: '/v1/admin/users', token: adminToken, payload: { username, displayName: 'x', role: 'officer', initialPassword: PASSWORD } });
    expect(taken.statusCode).toBe(422);
    const noHospital = await api.call({ method: 'POST', url: '/v1/admin/users', token: adminToken, payload: { username: newUsername(), displayName: 'x', role: 'hospital', hospitalId: 'nowhere', initialPassword: PASSWORD } });
    expect(noHospital.statusCode).toBe(400);

    await signIn(username, PASSWORD);
    const listed = (await api.call({ method: 'GET', url: '/v1/admin/users', token: adminToken })).json().items.find((user: { username: string }) => user.username === username);
    expect(listed.lastSignInAt).not.toBeNull();

    const reset = await api.call({ method: 'POST', url: `/v1/admin/users/${username}/reset-password`, token: adminToken });
    expect(reset.statusCode).toBe(200);
    const { initialPassword } = reset.json();
    expect(initialPassword).toHaveLength(16);
    expect((await signIn(username, PASSWORD)).statusCode).toBe(401);
    expect((await signIn(username, initialPassword)).json()).toMatchObject({ mustChangePassword: true });

    expect((await api.call({ method: 'POST', url: '/v1/admin/users/no-such-user/disable', token: adminToken })).statusCode).toBe(404);
  });

  test('the sign-in audit records who, when, from where and what, newest first, paged', async () => {
    const { username } = await readyUser();
    await signIn(username, 'wrong-password-y');
    await api.call({ method: 'POST', url: `/v1/admin/users/${username}/disable`, token: adminToken });
    const page = await api.call({ method: 'GET', url: `/v1/admin/sign-ins?username=${username}&limit=3`, token: adminToken });
    expect(page.statusCode).toBe(200);
    const { items, nextBefore } = page.json();
    expect(items.map((entry: { event: string }) => entry.event)).toEqual(['disable', 'failure', 'password-change']);
    expect(items[0]).toMatchObject({ username, by: 'admin-of-accounts-test', address: '127.0.0.1' });
    expect(items[1]).toMatchObject({ username, by: null });
    const rest = await api.call({ method: 'GET', url: `/v1/admin/sign-ins?username=${username}&limit=3&before=${nextBefore}`, token: adminToken });
    expect(rest.json().items.map((entry: { event: string }) => entry.event)).toEqual(['sign-in']);
    expect(rest.json().nextBefore).toBeNull();
  });
});
