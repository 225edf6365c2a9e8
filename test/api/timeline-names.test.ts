/**
 * A timeline names people, not user names: an event done by an account of this system carries the
 * account's display name beside the stored `sub`; an actor that is no account here keeps its `sub`
 * alone. The stored event itself does not change.
 */
import { createAccount } from '../../api/services/user-admin.service';
import { uniqueId } from '../support/stack';
import { newCase } from './fixtures';
import { startApiHarness, type ApiHarness } from './harness';

let api: ApiHarness;

beforeAll(async () => {
  api = await startApiHarness({ worker: true });
}, 120_000);
afterAll(async () => {
  await api?.close();
}, 120_000);

test("an event by an account shows the account's display name; one by another subject shows none", async () => {
  const username = uniqueId('clerk').toLowerCase().replace(/[^a-z0-9._-]/g, '').slice(0, 40);
  expect(await createAccount(api.db, { username, displayName: '李办事员', role: 'officer', initialPassword: 'a long enough password 1' })).toBe(true);
  const byAccount = await api.token('officer', { sub: username });
  const byNobody = await api.token('officer', { sub: 'no-such-account' });

  const opened = await api.call({ method: 'POST', url: '/v1/cases', token: byAccount, payload: newCase() });
  expect(opened.statusCode).toBe(201);
  const caseId = opened.json().caseId as string;
  const withdrawn = await api.call({ method: 'POST', url: `/v1/cases/${caseId}/withdraw`, token: byNobody, payload: { reason: '申请人放弃' } });
  expect(withdrawn.statusCode).toBe(200);

  const events = (await api.call({ method: 'GET', url: `/v1/cases/${caseId}/events`, token: byAccount })).json().items as Array<{ type: string; actor: Record<string, unknown> }>;
  expect(events.find((event) => event.type === 'CaseOpened')?.actor).toEqual({ role: 'officer', sub: username, displayName: '李办事员' });
  expect(events.find((event) => event.type === 'CaseWithdrawn')?.actor).toEqual({ role: 'officer', sub: 'no-such-account' });

  // What is stored keeps the account's name only.
  const stored = await api.db.selectFrom('case_events').select(['type', 'actor']).where('case_id', '=', caseId).execute();
  expect(stored.find((row) => row.type === 'CaseOpened')?.actor).toEqual({ role: 'officer', sub: username });
}, 120_000);
