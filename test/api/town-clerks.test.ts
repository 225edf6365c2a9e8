/**
 * Town clerks: a token of an account with a town reaches that town's cases, enrolments and
 * persons only. Lists hold the town's items only (a filter naming another town finds nothing);
 * another town's item is 404 exactly like one that does not exist; opening an item for another
 * town is 403. A token without a town reaches every town, as before.
 */
import { createAccount } from '../../api/services/user-admin.service';
import { parseTokenArgs } from '../../bin/token';
import { signToken, verifyToken } from '../../http/auth/tokens';
import { idNumber, newCase, SCREENING } from './fixtures';
import { startApiHarness, type ApiHarness } from './harness';
import { uniqueId } from '../support/stack';

let api: ApiHarness;
const suffix = Math.random().toString(36).slice(2, 6);
const TOWN_A = `甲镇${suffix}`;
const TOWN_B = `乙镇${suffix}`;
const tokens = {} as Record<'officer' | 'officerA' | 'civil' | 'civilA', string>;

beforeAll(async () => {
  api = await startApiHarness({ worker: true });
  tokens.officer = await api.token('officer');
  tokens.civil = await api.token('civil');
  tokens.officerA = await api.token('officer', { sub: 'clerk-a', town: TOWN_A });
  tokens.civilA = await api.token('civil', { sub: 'civil-a', town: TOWN_A });
}, 120_000);
afterAll(async () => {
  await api?.close();
}, 120_000);

function applicant(town: string) {
  return { name: '张三', idNumber: idNumber(), phone: '13800000000', town, village: '新店村' };
}

test("a token's town claim comes back from verification; none, none", async () => {
  const secret = 'x'.repeat(32);
  const { token } = await signToken(secret, { role: 'officer', sub: 'clerk', town: TOWN_A, ttlSeconds: 60 });
  expect(await verifyToken(secret, token)).toMatchObject({ sub: 'clerk', role: 'officer', town: TOWN_A });
  const { token: plain } = await signToken(secret, { role: 'officer', sub: 'clerk', ttlSeconds: 60 });
  expect(await verifyToken(secret, plain)).not.toHaveProperty('town');
  // An operator's token for a town clerk: npm run token -- --role officer --town <town>.
  expect(parseTokenArgs(['--role', 'officer', '--town', TOWN_A])).toMatchObject({ role: 'officer', town: TOWN_A });
  expect(parseTokenArgs(['--role', 'officer']).town).toBeUndefined();
  expect(() => parseTokenArgs(['--role', 'hospital', '--hospital', 'wuwei-hand-foot', '--town', TOWN_A])).toThrow(/--town is not for the hospital role/);
});

test("cases: a town clerk opens, lists, reads and acts on the town's cases only", async () => {
  const ownCase = newCase({ applicant: applicant(TOWN_A) });
  expect((await api.call({ method: 'POST', url: '/v1/cases', token: tokens.officerA, payload: ownCase })).statusCode).toBe(201);
  const refused = await api.call({ method: 'POST', url: '/v1/cases', token: tokens.officerA, payload: newCase({ applicant: applicant(TOWN_B) }) });
  expect(refused.statusCode).toBe(403);
  expect(refused.json()).toMatchObject({ type: '/problems/forbidden' });
  const otherCase = newCase({ applicant: applicant(TOWN_B) });
  expect((await api.call({ method: 'POST', url: '/v1/cases', token: tokens.officer, payload: otherCase })).statusCode).toBe(201);

  expect((await api.call({ method: 'GET', url: `/v1/cases/${ownCase.caseId}`, token: tokens.officerA })).json()).toMatchObject({ caseId: ownCase.caseId, applicant: { town: TOWN_A } });
  const hidden = await api.call({ method: 'GET', url: `/v1/cases/${otherCase.caseId}`, token: tokens.officerA });
  const missing = await api.call({ method: 'GET', url: '/v1/cases/C-NO-SUCH-CASE', token: tokens.officerA });
  expect(hidden.statusCode).toBe(404);
  expect(missing.statusCode).toBe(404);
  expect(hidden.json().type).toBe(missing.json().type);
  expect((await api.call({ method: 'GET', url: `/v1/cases/${otherCase.caseId}/events`, token: tokens.officerA })).statusCode).toBe(404);
  expect((await api.call({ method: 'POST', url: `/v1/cases/${otherCase.caseId}/screening`, token: tokens.officerA, payload: SCREENING })).statusCode).toBe(404);
  expect((await api.call({ method: 'POST', url: `/v1/cases/${ownCase.caseId}/screening`, token: tokens.officerA, payload: SCREENING })).statusCode).toBe(200);

  const listed = (await api.call({ method: 'GET', url: '/v1/cases?limit=200', token: tokens.officerA })).json().items as { caseId: string; applicant: { town: string } }[];
  expect(listed.map((item) => item.caseId)).toContain(ownCase.caseId);
  expect(listed.every((item) => item.applicant.town === TOWN_A)).toBe(true);
  expect((await api.call({ method: 'GET', url: `/v1/cases?town=${encodeURIComponent(TOWN_B)}`, token: tokens.officerA })).json().items).toEqual([]);
  // Without a town, as before: every town.
  const everyTown = (await api.call({ method: 'GET', url: `/v1/cases?town=${encodeURIComponent(TOWN_B)}`, token: tokens.officer })).json().items as { caseId: string }[];
  expect(everyTown.map((item) => item.caseId)).toEqual([otherCase.caseId]);
  expect((await api.call({ method: 'GET', url: `/v1/cases/${otherCase.caseId}`, token: tokens.officer })).statusCode).toBe(200);
});

async function registerPerson(town: string, token: string) {
  const body = { personId: uniqueId('ps'), idNumber: idNumber(), name: '马兰', town, assistanceCategory: 'DIBAO', disability: { certificateNo: 'CDPF-62060200090', category: 'PHYSICAL', grade: 1, longTermCare: true } };
  return { body, response: await api.call({ method: 'POST', url: '/v1/persons', token, payload: body }) };
}

function application(personId: string) {
  return { enrolmentId: uniqueId('en'), program: 'NURSING_SUBSIDY', personId, appliedOn: '2026-11-02', bankAccount: { bank: '农村信用社凉州支行', accountNo: '6228480000000007890' } };
}

test("enrolments and persons: a town clerk applies, lists, reads and acts in the town only", async () => {
  const own = await registerPerson(TOWN_A, tokens.officerA);
  expect(own.response.statusCode).toBe(201);
  const refusedPerson = await registerPerson(TOWN_B, tokens.officerA);
  expect(refusedPerson.response.statusCode).toBe(403);
  const other = await registerPerson(TOWN_B, tokens.officer);
  expect(other.response.statusCode).toBe(201);

  const ownEnrolment = application(own.body.personId);
  expect((await api.call({ method: 'POST', url: '/v1/enrolments', token: tokens.officerA, payload: ownEnrolment })).statusCode).toBe(201);
  const refused = await api.call({ method: 'POST', url: '/v1/enrolments', token: tokens.officerA, payload: application(other.body.personId) });
  expect(refused.statusCode).toBe(403);
  expect(refused.json()).toMatchObject({ type: '/problems/forbidden' });
  const otherEnrolment = application(other.body.personId);
  expect((await api.call({ method: 'POST', url: '/v1/enrolments', token: tokens.officer, payload: otherEnrolment })).statusCode).toBe(201);

  expect((await api.call({ method: 'GET', url: `/v1/enrolments/${ownEnrolment.enrolmentId}`, token: tokens.civilA })).statusCode).toBe(200);
  const hidden = await api.call({ method: 'GET', url: `/v1/enrolments/${otherEnrolment.enrolmentId}`, token: tokens.civilA });
  const missing = await api.call({ method: 'GET', url: '/v1/enrolments/EN-NO-SUCH', token: tokens.civilA });
  expect(hidden.statusCode).toBe(404);
  expect(hidden.json().type).toBe(missing.json().type);
  expect((await api.call({ method: 'GET', url: `/v1/enrolments/${otherEnrolment.enrolmentId}/events`, token: tokens.officerA })).statusCode).toBe(404);
  const review = { approved: true, reviewedBy: '乡镇 马' };
  expect((await api.call({ method: 'POST', url: `/v1/enrolments/${otherEnrolment.enrolmentId}/town-review`, token: tokens.officerA, payload: review })).statusCode).toBe(404);
  expect((await api.call({ method: 'POST', url: `/v1/enrolments/${ownEnrolment.enrolmentId}/town-review`, token: tokens.officerA, payload: review })).json().stage).toBe('CDPF_REVIEW');

  const listed = (await api.call({ method: 'GET', url: '/v1/enrolments?limit=200', token: tokens.civilA })).json().items as { enrolmentId: string; person: { town: string } }[];
  expect(listed.map((item) => item.enrolmentId)).toContain(ownEnrolment.enrolmentId);
  expect(listed.every((item) => item.person.town === TOWN_A)).toBe(true);
  expect((await api.call({ method: 'GET', url: `/v1/enrolments?town=${encodeURIComponent(TOWN_B)}`, token: tokens.civilA })).json().items).toEqual([]);
  const everyTown = (await api.call({ method: 'GET', url: `/v1/enrolments?town=${encodeURIComponent(TOWN_B)}`, token: tokens.civil })).json().items as { enrolmentId: string }[];
  expect(everyTown.map((item) => item.enrolmentId)).toEqual([otherEnrolment.enrolmentId]);

  // Persons of another town: not found, not listed, no life event.
  expect((await api.call({ method: 'GET', url: `/v1/persons/${other.body.personId}`, token: tokens.officerA })).statusCode).toBe(404);
  expect((await api.call({ method: 'GET', url: `/v1/persons/${own.body.personId}`, token: tokens.officerA })).statusCode).toBe(200);
  expect((await api.call({ method: 'POST', url: '/v1/persons/lookup', token: tokens.officerA, payload: { idNumber: other.body.idNumber } })).statusCode).toBe(404);
  expect((await api.call({ method: 'GET', url: `/v1/persons?town=${encodeURIComponent(TOWN_B)}`, token: tokens.officerA })).json().items).toEqual([]);
  const persons = (await api.call({ method: 'GET', url: '/v1/persons?limit=200', token: tokens.officerA })).json().items as { town: string }[];
  expect(persons.every((person) => person.town === TOWN_A)).toBe(true);
  expect((await api.call({ method: 'POST', url: `/v1/persons/${other.body.personId}/life-events`, token: tokens.officerA, payload: { type: 'MOVED_OUT', on: '2026-11-20' } })).statusCode).toBe(404);
  expect((await api.call({ method: 'GET', url: `/v1/persons/${other.body.personId}`, token: tokens.officer })).json()).toMatchObject({ status: 'ACTIVE' });
});

test('an account with a town signs in to a token of that town; a hospital account\'s town is no limit', async () => {
  const username = uniqueId('clerk').toLowerCase().replace(/[^a-z0-9._-]/g, '').slice(0, 40);
  expect(await createAccount(api.db, { username, displayName: '乡镇民政助理', role: 'officer', town: TOWN_A, initialPassword: 'first-password-123' })).toBe(true);
  const first = await api.call({ method: 'POST', url: '/v1/auth/login', payload: { username, password: 'first-password-123' } });
  expect(first.statusCode).toBe(200);
  const changed = await api.call({ method: 'POST', url: '/v1/auth/password', token: first.json().accessToken, payload: { currentPassword: 'first-password-123', newPassword: 'a-much-better-password-456' } });
  expect(changed.statusCode).toBe(200);
  const token = changed.json().accessToken as string;
  expect(JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString())).toMatchObject({ sub: username, role: 'officer', town: TOWN_A });
  expect((await api.call({ method: 'GET', url: `/v1/cases?town=${encodeURIComponent(TOWN_B)}`, token })).json().items).toEqual([]);
  expect((await api.call({ method: 'POST', url: '/v1/cases', token, payload: newCase({ applicant: applicant(TOWN_B) }) })).statusCode).toBe(403);
  // A roster row for another town is that row's error, naming the town.
  const roster = await api.call({ method: 'POST', url: '/v1/cases/import', token, payload: { cases: [newCase({ applicant: applicant(TOWN_B) })] } });
  expect(roster.statusCode).toBe(200);
  expect(JSON.stringify(roster.json())).toContain('applicant.town');

  const secret = 'y'.repeat(32);
  const { token: hospitalToken } = await signToken(secret, { role: 'hospital', sub: 'h', hospitalId: 'wuwei-hand-foot', town: TOWN_A, ttlSeconds: 60 });
  expect(await verifyToken(secret, hospitalToken)).not.toHaveProperty('town');
});

test("pairings: a town clerk pairs, lists and reads the town's pairings only", async () => {
  const own = await registerPerson(TOWN_A, tokens.officer);
  const other = await registerPerson(TOWN_B, tokens.officer);
  const official = { sub: uniqueId('official'), name: '李干部', unit: '凉州区民政局' };
  const ownPairing = await api.call({ method: 'POST', url: '/v1/pairings', token: tokens.officerA, payload: { personId: own.body.personId, category: 'SEVERE_DISABILITY', official } });
  expect(ownPairing.statusCode).toBe(201);
  const refused = await api.call({ method: 'POST', url: '/v1/pairings', token: tokens.officerA, payload: { personId: other.body.personId, category: 'SEVERE_DISABILITY', official } });
  expect(refused.statusCode).toBe(403);
  const otherPairing = await api.call({ method: 'POST', url: '/v1/pairings', token: tokens.officer, payload: { personId: other.body.personId, category: 'SEVERE_DISABILITY', official } });
  expect(otherPairing.statusCode).toBe(201);

  const otherId = otherPairing.json().pairingId as string;
  expect((await api.call({ method: 'GET', url: `/v1/pairings/${ownPairing.json().pairingId}`, token: tokens.officerA })).statusCode).toBe(200);
  expect((await api.call({ method: 'GET', url: `/v1/pairings/${otherId}`, token: tokens.officerA })).statusCode).toBe(404);
  expect((await api.call({ method: 'GET', url: `/v1/pairings/${otherId}/events`, token: tokens.officerA })).statusCode).toBe(404);
  const listed = (await api.call({ method: 'GET', url: `/v1/pairings?official=${official.sub}`, token: tokens.officerA })).json().items as { pairingId: string }[];
  expect(listed.map((item) => item.pairingId)).toEqual([ownPairing.json().pairingId]);
  expect((await api.call({ method: 'GET', url: `/v1/pairings?town=${encodeURIComponent(TOWN_B)}`, token: tokens.officerA })).json().items).toEqual([]);
  // Without a town: both.
  expect(((await api.call({ method: 'GET', url: `/v1/pairings?official=${official.sub}`, token: tokens.officer })).json().items as unknown[]).length).toBe(2);
});
