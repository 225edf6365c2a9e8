/**
 * The auth matrix: every endpoint × no token, a malformed token, a wrong signature, an expired
 * token, a signed-out account's token, each role (with `npm run token` tokens and with accounts'),
 * an account that must change its password first, and a hospital that is not the case's.
 */
import { SignJWT } from 'jose';
import { ROLES, type Role } from '../../domain/actor';
import { createAccount } from '../../api/services/user-admin.service';
import { uniqueId } from '../support/stack';
import { ADMISSION, DISCHARGE, idNumber, newCase, SCREENING, SURGERY } from './fixtures';
import { startApiHarness, type ApiHarness } from './harness';

let api: ApiHarness;
let caseId: string;
let personId: string;
/** No such enrolment: allowed roles get 404 (or 400 for a bad body), the others 403 before anything is read. */
const enrolmentId = 'EN-MATRIX-0001';
const EVERY_ROLE = ROLES;
const ENROLMENT_READERS: readonly Role[] = ['officer', 'civil', 'finance', 'admin'];
const tokens: Record<string, string> = {};
/** One account per role, past its first password change. */
const accounts: Partial<Record<Role, string>> = {};
const ACCOUNT_PASSWORD = 'matrix-password-first';
const ACCOUNT_PASSWORD_CHANGED = 'matrix-password-changed';

async function signIn(username: string, password: string): Promise<string> {
  const response = await api.call({ method: 'POST', url: '/v1/auth/login', payload: { username, password } });
  expect(response.statusCode).toBe(200);
  return response.json().accessToken;
}

/** An account whose password must be changed first (a fresh one per call: signing out revokes it). */
async function mustChangeToken(): Promise<string> {
  const username = uniqueId('matrix-new').toLowerCase();
  await createAccount(api.db, { username, displayName: username, role: 'admin', initialPassword: ACCOUNT_PASSWORD });
  return signIn(username, ACCOUNT_PASSWORD);
}

/** A payroll no one has (a period long before the programs), and who reads payrolls. */
const PAYROLL_ID = 'payroll-NURSING_SUBSIDY-1999-01';
const PAYROLL_READERS: Role[] = ['civil', 'finance', 'admin'];

/** A pairing no one has: the roles allowed to read it are told 404, the others 403. */
const PAIRING_ID = 'no-such-pairing';

/** A batch of the data match no one imported: allowed roles get 404. */
const NO_BATCH = 'LB-000000000000000000000000';

interface Endpoint {
  name: string;
  method: 'GET' | 'POST' | 'PUT';
  url: () => string;
  payload?: () => unknown;
  roles: readonly Role[];
  /** Scoped to the case's hospital: another hospital gets 404. */
  hospitalScoped?: boolean;
  /** Answers a token that must change its password first (and revokes it: each call gets a fresh one). */
  beforePasswordChange?: boolean;
}

const ENDPOINTS: Endpoint[] = [
  { name: 'open a case', method: 'POST', url: () => '/v1/cases', payload: () => newCase(), roles: ['officer'] },
  { name: 'import a roster', method: 'POST', url: () => '/v1/cases/import', payload: () => ({ cases: [newCase()] }), roles: ['officer'] },
  { name: 'the roster template', method: 'GET', url: () => '/v1/cases/import/template.csv', roles: ['officer'] },
  { name: 'list cases', method: 'GET', url: () => '/v1/cases', roles: ['officer', 'admin', 'hospital'] },
  { name: 'read a case', method: 'GET', url: () => `/v1/cases/${caseId}`, roles: ['officer', 'admin', 'hospital'], hospitalScoped: true },
  { name: 'the settlement sheet', method: 'GET', url: () => `/v1/cases/${caseId}/settlement`, roles: ['officer', 'admin', 'hospital'], hospitalScoped: true },
  { name: 'read the timeline', method: 'GET', url: () => `/v1/cases/${caseId}/events`, roles: ['officer', 'admin', 'hospital'], hospitalScoped: true },
  { name: 'screening', method: 'POST', url: () => `/v1/cases/${caseId}/screening`, payload: () => SCREENING, roles: ['officer'] },
  { name: 'admission', method: 'POST', url: () => `/v1/cases/${caseId}/admission`, payload: () => ADMISSION, roles: ['hospital'], hospitalScoped: true },
  { name: 'surgery', method: 'POST', url: () => `/v1/cases/${caseId}/surgery`, payload: () => SURGERY, roles: ['hospital'], hospitalScoped: true },
  { name: 'discharge', method: 'POST', url: () => `/v1/cases/${caseId}/discharge`, payload: () => DISCHARGE, roles: ['hospital'], hospitalScoped: true },
  // An invalid body: allowed roles get 400 (auth is checked first), and nothing changes.
  { name: 'withdraw', method: 'POST', url: () => `/v1/cases/${caseId}/withdraw`, payload: () => ({ reason: '' }), roles: ['officer'] },
  { name: 'stuck cases', method: 'GET', url: () => '/v1/admin/stuck', roles: ['admin'] },
  { name: 'Prometheus metrics', method: 'GET', url: () => '/metrics', roles: ['admin'] },
  { name: 'the withdrawn single-administrator resolution', method: 'POST', url: () => `/v1/admin/cases/${caseId}/claims/BASIC_MEDICAL_INSURANCE/resolve`, roles: ['admin'] },
  // Invalid bodies (no reference; an empty reason): allowed roles get 400 and nothing changes.
  {
    name: 'propose a claim resolution',
    method: 'POST',
    url: () => `/v1/admin/cases/${caseId}/claims/BASIC_MEDICAL_INSURANCE/proposals`,
    payload: () => ({ status: 'PAID', amountFen: 1 }),
    roles: ['admin'],
  },
  {
    name: 'approve a claim resolution',
    method: 'POST',
    url: () => `/v1/admin/cases/${caseId}/claims/BASIC_MEDICAL_INSURANCE/proposals/P1/approve`,
    payload: () => ({ unexpected: true }),
    roles: ['admin'],
  },
  {
    name: 'reject a claim resolution',
    method: 'POST',
    url: () => `/v1/admin/cases/${caseId}/claims/BASIC_MEDICAL_INSURANCE/proposals/P1/reject`,
    payload: () => ({ reason: '' }),
    roles: ['admin'],
  },
  { name: 'proposals waiting for approval', method: 'GET', url: () => '/v1/admin/proposals', roles: ['admin'] },
  // The case is not reimbursing: allowed roles get 409, the others 401/403.
  { name: "a payer's policy share", method: 'GET', url: () => `/v1/admin/cases/${caseId}/claims/BASIC_MEDICAL_INSURANCE/policy-share`, roles: ['admin'] },
  { name: "the console's settings", method: 'GET', url: () => '/v1/config', roles: ['officer', 'hospital', 'civil', 'finance', 'official', 'admin'] },
  { name: 'a sandbox payer\'s books', method: 'GET', url: () => `/v1/admin/sandbox/payers/BASIC_MEDICAL_INSURANCE/claims?caseId=${caseId}`, roles: ['admin'] },
  // Invalid body: the settings table is shared by all test files, so this matrix never changes it.
  { name: 'switch a sandbox payer', method: 'PUT', url: () => '/v1/admin/sandbox/payers/BASIC_MEDICAL_INSURANCE', payload: () => ({ mode: 'sideways' }), roles: ['admin'] },
  { name: 'list the sandbox payers', method: 'GET', url: () => '/v1/admin/sandbox/payers', roles: ['admin'] },
  { name: 'read a sandbox payer', method: 'GET', url: () => '/v1/admin/sandbox/payers/BASIC_MEDICAL_INSURANCE', roles: ['admin'] },
  { name: 'register a person', method: 'POST', url: () => '/v1/persons', payload: () => ({ idNumber: idNumber(), name: '测试', town: '黄羊镇', assistanceCategory: 'NONE', disability: null }), roles: ['officer', 'admin'] },
  { name: 'look a person up by ID number', method: 'POST', url: () => '/v1/persons/lookup', payload: () => ({ idNumber: idNumber() }), roles: ['officer', 'civil', 'admin'] },
  { name: 'search persons', method: 'GET', url: () => '/v1/persons?limit=5', roles: ['officer', 'civil', 'admin'] },
  // An invalid body (no type): allowed roles get 400 and nothing changes.
  { name: 'record a life event', method: 'POST', url: () => `/v1/persons/${personId}/life-events`, payload: () => ({ on: '2026-11-20' }), roles: ['officer', 'admin'] },
  { name: 'read a person', method: 'GET', url: () => `/v1/persons/${personId}`, roles: ['officer', 'civil', 'admin'] },
  // A JSON body, not a CSV list: allowed roles get 400 and no batch is stored.
  { name: 'import a list of life events', method: 'POST', url: () => '/v1/persons/life-events/import', payload: () => ({ rows: [] }), roles: ['officer', 'admin'] },
  { name: 'list the imported lists', method: 'GET', url: () => '/v1/persons/life-events/imports?limit=5', roles: ['officer', 'admin'] },
  { name: 'read an imported list', method: 'GET', url: () => `/v1/persons/life-events/imports/${NO_BATCH}`, roles: ['officer', 'admin'] },
  { name: "an imported list's report", method: 'GET', url: () => `/v1/persons/life-events/imports/${NO_BATCH}/report.csv`, roles: ['officer', 'admin'] },
  { name: 'the match reviews', method: 'GET', url: () => '/v1/admin/match-reviews?limit=5', roles: ['officer', 'admin'] },
  { name: 'accept a match review', method: 'POST', url: () => `/v1/admin/match-reviews/${NO_BATCH}-1/accept`, roles: ['officer', 'admin'] },
  // An invalid body (no reason): allowed roles get 400 and nothing is decided.
  { name: 'reject a match review', method: 'POST', url: () => `/v1/admin/match-reviews/${NO_BATCH}-1/reject`, payload: () => ({}), roles: ['officer', 'admin'] },
  { name: 'statistics', method: 'GET', url: () => '/v1/stats', roles: ['officer', 'admin'] },
  { name: 'hospitals', method: 'GET', url: () => '/v1/hospitals', roles: ['officer', 'admin', 'hospital'] },
  // The matrix's tokens come from `npm run token` (no jti): signing out revokes nothing, so they keep working.
  { name: 'who am I', method: 'GET', url: () => '/v1/auth/me', roles: EVERY_ROLE },
  { name: 'sign out', method: 'POST', url: () => '/v1/auth/logout', roles: EVERY_ROLE, beforePasswordChange: true },
  // A wrong current password: 400 for every role, nothing changes.
  { name: 'change the password', method: 'POST', url: () => '/v1/auth/password', payload: () => ({ currentPassword: 'not-it', newPassword: 'short' }), roles: EVERY_ROLE, beforePasswordChange: true },
  // An invalid body (no user name): allowed roles get 400 and no account is created.
  { name: 'create a user', method: 'POST', url: () => '/v1/admin/users', payload: () => ({ role: 'officer' }), roles: ['admin'] },
  { name: 'list users', method: 'GET', url: () => '/v1/admin/users', roles: ['admin'] },
  { name: 'disable a user', method: 'POST', url: () => '/v1/admin/users/no-such-user/disable', roles: ['admin'] },
  { name: 'enable a user', method: 'POST', url: () => '/v1/admin/users/no-such-user/enable', roles: ['admin'] },
  { name: 'reset a password', method: 'POST', url: () => '/v1/admin/users/no-such-user/reset-password', roles: ['admin'] },
  { name: 'the sign-in audit', method: 'GET', url: () => '/v1/admin/sign-ins?limit=5', roles: ['admin'] },
  // Subsidy enrolments. Writes carry an invalid body: allowed roles get 400 and nothing changes.
  { name: 'apply for a subsidy', method: 'POST', url: () => '/v1/enrolments', payload: () => ({ program: 'NURSING_SUBSIDY' }), roles: ['officer', 'admin'] },
  { name: 'list enrolments', method: 'GET', url: () => '/v1/enrolments?limit=5', roles: ENROLMENT_READERS },
  { name: 'read an enrolment', method: 'GET', url: () => `/v1/enrolments/${enrolmentId}`, roles: ENROLMENT_READERS },
  { name: "an enrolment's timeline", method: 'GET', url: () => `/v1/enrolments/${enrolmentId}/events`, roles: ENROLMENT_READERS },
  { name: 'town review', method: 'POST', url: () => `/v1/enrolments/${enrolmentId}/town-review`, payload: () => ({ approved: false }), roles: ['officer', 'admin'] },
  { name: 'disability federation review', method: 'POST', url: () => `/v1/enrolments/${enrolmentId}/cdpf-review`, payload: () => ({ approved: false }), roles: ['officer', 'admin'] },
  { name: 'subsidy decision', method: 'POST', url: () => `/v1/enrolments/${enrolmentId}/decision`, payload: () => ({ approved: false }), roles: ['civil', 'admin'] },
  { name: 'objection', method: 'POST', url: () => `/v1/enrolments/${enrolmentId}/objection`, payload: () => ({ reason: '' }), roles: ['officer', 'admin'] },
  { name: 'withdraw an application', method: 'POST', url: () => `/v1/enrolments/${enrolmentId}/withdraw`, payload: () => ({ reason: '' }), roles: ['officer', 'admin'] },
  { name: 'suspend', method: 'POST', url: () => `/v1/enrolments/${enrolmentId}/suspend`, payload: () => ({ fromMonth: 'May' }), roles: ['civil', 'admin'] },
  { name: 'reinstate', method: 'POST', url: () => `/v1/enrolments/${enrolmentId}/reinstate`, payload: () => ({ backPay: 'yes' }), roles: ['civil', 'admin'] },
  { name: 'correct the bank account', method: 'POST', url: () => `/v1/enrolments/${enrolmentId}/bank-account`, payload: () => ({ bank: '' }), roles: ['officer', 'admin'] },
  { name: 'record a repayment', method: 'POST', url: () => `/v1/enrolments/${enrolmentId}/recovery/repayments`, payload: () => ({ amountFen: -1 }), roles: ['civil', 'admin'] },
  { name: 'waive a recovery', method: 'POST', url: () => `/v1/enrolments/${enrolmentId}/recovery/waive`, payload: () => ({ reason: '' }), roles: ['admin'] },
  { name: 'subsidy statistics', method: 'GET', url: () => '/v1/stats/subsidies?program=LIVING_SUBSIDY', roles: ENROLMENT_READERS },
  // Pairings: reads of a pairing no one has (404 for the allowed roles); writes with invalid bodies (400).
  { name: 'create a pairing', method: 'POST', url: () => '/v1/pairings', payload: () => ({ category: 'ORPHAN' }), roles: ['officer', 'admin'] },
  { name: 'list pairings', method: 'GET', url: () => '/v1/pairings?limit=5', roles: ['officer', 'admin', 'official'] },
  { name: 'read a pairing', method: 'GET', url: () => `/v1/pairings/${PAIRING_ID}`, roles: ['officer', 'admin', 'official'] },
  { name: "a pairing's timeline", method: 'GET', url: () => `/v1/pairings/${PAIRING_ID}/events`, roles: ['officer', 'admin', 'official'] },
  { name: 'reassign a pairing', method: 'POST', url: () => `/v1/pairings/${PAIRING_ID}/reassign`, payload: () => ({ reason: '' }), roles: ['officer', 'admin'] },
  { name: 'log a contact', method: 'POST', url: () => `/v1/pairings/${PAIRING_ID}/contacts`, payload: () => ({ kind: 'SOMETIMES' }), roles: ['official'] },
  { name: 'log a need', method: 'POST', url: () => `/v1/pairings/${PAIRING_ID}/needs`, payload: () => ({ description: '' }), roles: ['official'] },
  { name: 'log a matter', method: 'POST', url: () => `/v1/pairings/${PAIRING_ID}/matters`, payload: () => ({ fundedBy: 'PUBLIC' }), roles: ['official'] },
  { name: 'refer from a pairing', method: 'POST', url: () => `/v1/pairings/${PAIRING_ID}/referrals`, payload: () => ({ program: 'NONE' }), roles: ['official'] },
  // Payrolls, on one no one has: readers get 404, writers 400 or 404, the others 403.
  { name: 'open a payroll', method: 'POST', url: () => '/v1/payrolls', payload: () => ({ program: 'NONE' }), roles: ['civil'] },
  { name: 'list payrolls', method: 'GET', url: () => '/v1/payrolls?limit=5', roles: PAYROLL_READERS },
  { name: 'read a payroll', method: 'GET', url: () => `/v1/payrolls/${PAYROLL_ID}`, roles: PAYROLL_READERS },
  { name: "a payroll's lines", method: 'GET', url: () => `/v1/payrolls/${PAYROLL_ID}/lines`, roles: PAYROLL_READERS },
  { name: "a payroll's roster", method: 'GET', url: () => `/v1/payrolls/${PAYROLL_ID}/export.csv`, roles: PAYROLL_READERS },
  { name: "a payroll's roster as a spreadsheet", method: 'GET', url: () => `/v1/payrolls/${PAYROLL_ID}/export.xlsx`, roles: PAYROLL_READERS },
  { name: "a payroll's bank file", method: 'GET', url: () => `/v1/payrolls/${PAYROLL_ID}/bank-file.csv`, roles: ['finance'] },
  { name: "a payroll's bank file as a spreadsheet", method: 'GET', url: () => `/v1/payrolls/${PAYROLL_ID}/bank-file.xlsx`, roles: ['finance'] },
  { name: "who downloaded a payroll's bank file", method: 'GET', url: () => `/v1/payrolls/${PAYROLL_ID}/bank-file-downloads`, roles: ['finance', 'admin'] },
  { name: 'recompute a payroll', method: 'POST', url: () => `/v1/payrolls/${PAYROLL_ID}/recompute`, roles: ['civil'] },
  { name: 'submit a payroll', method: 'POST', url: () => `/v1/payrolls/${PAYROLL_ID}/submit`, roles: ['civil'] },
  { name: 'approve a payroll', method: 'POST', url: () => `/v1/payrolls/${PAYROLL_ID}/approve`, roles: ['finance'] },
  { name: 'reject a payroll', method: 'POST', url: () => `/v1/payrolls/${PAYROLL_ID}/reject`, payload: () => ({ reason: '' }), roles: ['finance'] },
  { name: 'pause a payroll schedule', method: 'POST', url: () => '/v1/admin/payroll-schedules/NO_SUCH_PROGRAM/pause', roles: ['admin'] },
  { name: 'resume a payroll schedule', method: 'POST', url: () => '/v1/admin/payroll-schedules/NO_SUCH_PROGRAM/resume', roles: ['admin'] },
  { name: 'set the sandbox bank', method: 'PUT', url: () => '/v1/admin/sandbox/bank', payload: () => ({ mode: 'sideways' }), roles: ['admin'] },
  { name: "the sandbox bank's books", method: 'GET', url: () => `/v1/admin/sandbox/bank/records?payrollId=${PAYROLL_ID}`, roles: ['admin'] },
  { name: 'the public-notice list', method: 'GET', url: () => '/v1/enrolments/notice.csv?program=NURSING_SUBSIDY&month=2026-05', roles: ['civil', 'admin'] },
  { name: 'pairing statistics', method: 'GET', url: () => '/v1/stats/pairings', roles: ['officer', 'civil', 'admin'] },
  { name: 'pairing statistics as CSV', method: 'GET', url: () => '/v1/stats/pairings.csv', roles: ['officer', 'civil', 'admin'] },
];

beforeAll(async () => {
  api = await startApiHarness({ worker: true });
  tokens.officer = await api.token('officer');
  tokens.admin = await api.token('admin');
  tokens.hospital = await api.token('hospital', { hospitalId: 'wuwei-hand-foot' });
  tokens.otherHospital = await api.token('hospital', { hospitalId: 'liangzhou-people' });
  tokens.expired = await api.token('admin', { ttlSeconds: 60, now: new Date(Date.now() - 3_600_000) });
  tokens.wrongSignature = await api.token('admin', { secret: 'another-secret-that-is-long-enough-1234567890' });
  for (const role of ROLES) {
    if (role !== 'officer' && role !== 'admin' && role !== 'hospital') tokens[role] = await api.token(role);
    const username = uniqueId(`matrix-${role}`).toLowerCase();
    await createAccount(api.db, { username, displayName: username, role, hospitalId: role === 'hospital' ? 'wuwei-hand-foot' : undefined, initialPassword: ACCOUNT_PASSWORD });
    accounts[role] = username;
    const first = await signIn(username, ACCOUNT_PASSWORD);
    const changed = await api.call({ method: 'POST', url: '/v1/auth/password', token: first, payload: { currentPassword: ACCOUNT_PASSWORD, newPassword: ACCOUNT_PASSWORD_CHANGED } });
    expect(changed.statusCode).toBe(200);
  }
  const signedOut = await signIn(accounts.officer!, ACCOUNT_PASSWORD_CHANGED);
  expect((await api.call({ method: 'POST', url: '/v1/auth/logout', token: signedOut })).json()).toEqual({ revoked: true });
  tokens.signedOut = signedOut;
  const opened = await api.call({ method: 'POST', url: '/v1/cases', token: tokens.officer, payload: newCase() });
  expect(opened.statusCode).toBe(201);
  caseId = opened.json().caseId;
  personId = opened.json().personId;
}, 120_000);
afterAll(async () => {
  await api?.close();
}, 120_000);

function send(endpoint: Endpoint, headers: Record<string, string>) {
  return api.call({ method: endpoint.method, url: endpoint.url(), headers, ...(endpoint.payload ? { payload: endpoint.payload() as object } : {}) });
}

test('the matrix covers every secured operation of the OpenAPI document', async () => {
  const document = (await api.call({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, { security?: unknown[] }>> };
  const secured = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([, operation]) => (operation.security ?? []).length > 0)
      .map(([method]) => `${method.toUpperCase()} ${path}`),
  );
  const covered = ENDPOINTS.map(
    (endpoint) =>
      `${endpoint.method} ${endpoint
        .url()
        .replace(/\?.*$/, '')
        .replace(caseId, '{caseId}')
        .replace(personId, '{personId}')
        .replace(enrolmentId, '{enrolmentId}')
        .replace(PAIRING_ID, '{pairingId}')
        .replace(PAYROLL_ID, '{payrollId}')
        .replace('NO_SUCH_PROGRAM', '{program}')
        .replace('BASIC_MEDICAL_INSURANCE', '{payer}')
        .replace('/P1/', '/{proposalId}/')
        .replace('/no-such-user/', '/{username}/')
        .replace(`/match-reviews/${NO_BATCH}-1/`, '/match-reviews/{id}/')
        .replace(NO_BATCH, '{batchId}')}`,
  );
  expect([...new Set(covered)].sort()).toEqual(secured.sort());
});

const BAD_CREDENTIALS: Array<[string, () => Record<string, string>]> = [
  ['no token', () => ({})],
  ['a malformed token', () => ({ authorization: 'Bearer not.a.jwt' })],
  ['a non-bearer scheme', () => ({ authorization: `Basic ${Buffer.from('a:b').toString('base64')}` })],
  ['a wrong signature', () => ({ authorization: `Bearer ${tokens.wrongSignature}` })],
  ['an expired token', () => ({ authorization: `Bearer ${tokens.expired}` })],
  ["a signed-out account's token", () => ({ authorization: `Bearer ${tokens.signedOut}` })],
];

describe.each(ENDPOINTS.map((endpoint) => [endpoint.name, endpoint] as const))('%s', (_name, endpoint) => {
  test.each(BAD_CREDENTIALS)('with %s: 401 unauthorized', async (_what, headers) => {
    const response = await send(endpoint, headers());
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ type: '/problems/unauthorized', status: 401 });
  });

  test.each(EVERY_ROLE)('as %s (npm run token)', async (role) => {
    const response = await send(endpoint, { authorization: `Bearer ${tokens[role]}` });
    if (endpoint.roles.includes(role)) {
      expect([401, 403]).not.toContain(response.statusCode);
    } else {
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ type: '/problems/forbidden' });
    }
  });

  test.each(EVERY_ROLE)("as %s (an account's sign-in)", async (role) => {
    const token = await signIn(accounts[role]!, ACCOUNT_PASSWORD_CHANGED);
    const response = await send(endpoint, { authorization: `Bearer ${token}` });
    if (endpoint.roles.includes(role)) {
      expect([401, 403]).not.toContain(response.statusCode);
    } else {
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ type: '/problems/forbidden' });
    }
  });

  test('as an account that must change its password first', async () => {
    const response = await send(endpoint, { authorization: `Bearer ${await mustChangeToken()}` });
    if (endpoint.beforePasswordChange) {
      expect([401, 403]).not.toContain(response.statusCode);
    } else {
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ type: '/problems/password-change-required' });
    }
  });

  if (endpoint.hospitalScoped) {
    test("as a hospital that is not the case's: 404, nothing learned", async () => {
      const response = await send(endpoint, { authorization: `Bearer ${tokens.otherHospital}` });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ type: '/problems/not-found' });
      const missing = await api.call({ method: endpoint.method, url: endpoint.url().replace(caseId, 'no-such-case-here'), token: tokens.otherHospital, ...(endpoint.payload ? { payload: endpoint.payload() as object } : {}) });
      expect(missing.json().detail.replace('no-such-case-here', caseId)).toBe(response.json().detail);
    });
  }
});

test('a case opened by an account names the account as its actor, whatever the body says', async () => {
  const token = await signIn(accounts.officer!, ACCOUNT_PASSWORD_CHANGED);
  const opened = await api.call({ method: 'POST', url: '/v1/cases', token, payload: newCase() });
  expect(opened.statusCode).toBe(201);
  const events = await api.call({ method: 'GET', url: `/v1/cases/${opened.json().caseId}/events`, token });
  // The stored actor is the account (its display name rides along in the view).
  expect(events.json().items[0].actor).toMatchObject({ role: 'officer', sub: accounts.officer });
  const claimed = await api.call({ method: 'POST', url: '/v1/cases', token, payload: { ...newCase(), actor: { role: 'admin', sub: 'someone-else' } } });
  expect(claimed.statusCode).toBe(400);
});

test("a hospital's list shows its own cases only", async () => {
  const own = await api.call({ method: 'GET', url: '/v1/cases?limit=200', token: tokens.hospital });
  expect(own.json().items.every((item: { hospitalId: string }) => item.hospitalId === 'wuwei-hand-foot')).toBe(true);
  const other = await api.call({ method: 'GET', url: '/v1/cases?limit=200', token: tokens.otherHospital });
  expect(other.json().items.some((item: { caseId: string }) => item.caseId === caseId)).toBe(false);
  const asking = await api.call({ method: 'GET', url: '/v1/cases?hospitalId=wuwei-hand-foot', token: tokens.otherHospital });
  expect(asking.json()).toEqual({ items: [], nextCursor: null });
});

test('a hospital token without hospitalId is refused', async () => {
  const { SignJWT } = await import('jose');
  const token = await new SignJWT({ role: 'hospital' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('his')
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(api.secret));
  const response = await api.call({ method: 'GET', url: '/v1/cases', token });
  expect(response.statusCode).toBe(401);
});

test('a token signed with alg none is refused', async () => {
  const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify({ sub: 'x', role: 'admin', exp: Math.floor(Date.now() / 1000) + 600 })).toString('base64url');
  const response = await api.call({ method: 'GET', url: '/v1/admin/stuck', headers: { authorization: `Bearer ${header}.${payload}.` } });
  expect(response.statusCode).toBe(401);
});

test('service endpoints need no token (but /metrics, in the matrix above)', async () => {
  for (const url of ['/healthz', '/readyz', '/openapi.json', '/v1/auth/methods']) {
    const response = await api.call({ method: 'GET', url });
    expect(response.statusCode).toBe(200);
  }
});

describe('tokens the API refuses even with a good signature', () => {
  async function signed(claims: Record<string, unknown>): Promise<string> {
    return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(api.secret));
  }
  const now = () => Math.floor(Date.now() / 1000);

  test.each([
    ['one that expires more than 30 days ahead', () => ({ sub: 'x', role: 'admin', iat: now(), exp: now() + 31 * 86_400 })],
    ['one issued in the future', () => ({ sub: 'x', role: 'admin', iat: now() + 3_600, exp: now() + 7_200 })],
    ['one without iat', () => ({ sub: 'x', role: 'admin', exp: now() + 600 })],
    ['one issued a year ago for a year and two weeks (valid now by its exp alone)', () => ({ sub: 'x', role: 'admin', iat: now() - 365 * 86_400, exp: now() + 14 * 86_400 })],
    ['a hospital token for a hospital not in the registry', () => ({ sub: 'x', role: 'hospital', hospitalId: 'no-such-hospital', iat: now(), exp: now() + 600 })],
  ])('%s: 401', async (_what, claims) => {
    const response = await api.call({ method: 'GET', url: '/v1/cases', token: await signed(claims()) });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ type: '/problems/unauthorized' });
  });

  test('a token within the limits is accepted', async () => {
    const response = await api.call({ method: 'GET', url: '/v1/cases', token: await signed({ sub: 'x', role: 'officer', iat: now(), exp: now() + 29 * 86_400 }) });
    expect(response.statusCode).toBe(200);
  });
});
