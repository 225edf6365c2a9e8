/**
 * An opening that dies between its registration and its workflow's start (the API killed at that
 * instant) leaves a registration without a workflow. A retry of the same request starts the case;
 * otherwise, once nobody has tried for ABANDONED_AFTER_MS, the registration stops blocking the
 * person's ID number. Never while a workflow exists, never while someone is still trying.
 */
import { ABANDONED_AFTER_MS } from '../../programs/surgery/store/registrations';
import { canonicalJson } from '../../domain/canonical-json';
import { idNumberIndex } from '../../store/persons';
import { seal } from '../../store/sealed-columns';
import { newCaseSchema } from '../../programs/surgery/domain/schemas';
import { caseId, idNumber, newCase, type NewCaseBody } from './fixtures';
import { startApiHarness, type ApiHarness } from './harness';

let api: ApiHarness;
let officer: string;
let admin: string;

beforeAll(async () => {
  api = await startApiHarness({ worker: true });
  [officer, admin] = await Promise.all([api.token('officer'), api.token('admin')]);
});
afterAll(async () => {
  await api?.close();
});

/** A new case for `person`; without `id` the API picks the case id, as the console does. */
function caseFor(person: string, id?: string): NewCaseBody {
  const body = newCase();
  return { ...body, caseId: id, applicant: { ...body.applicant, idNumber: person } };
}

const LONG_AGO = () => new Date(Date.now() - ABANDONED_AFTER_MS - 60_000);

/** A registration as the API writes it, whose workflow was never started. */
async function leftover(id: string, body: NewCaseBody, times: { attemptedAt?: Date; createdAt?: Date } = {}): Promise<void> {
  const { caseId: _ignored, ...fields } = newCaseSchema.parse(body);
  await api.db
    .insertInto('case_registrations')
    .values({ case_id: id, id_number_index: idNumberIndex(body.applicant.idNumber), fingerprint: seal('fingerprint', canonicalJson(fields)), attempted_at: times.attemptedAt, created_at: times.createdAt })
    .execute();
}

async function registration(id: string) {
  return api.db.selectFrom('case_registrations').select(['case_id', 'open', 'attempted_at']).where('case_id', '=', id).executeTakeFirst();
}

function open(body: NewCaseBody) {
  return api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: body });
}

test('an abandoned leftover no longer blocks the person: a new opening removes it and goes ahead', async () => {
  const lost = caseId('lost');
  const person = idNumber();
  await leftover(lost, caseFor(person, lost), { attemptedAt: LONG_AGO() });

  const opened = await open(caseFor(person));
  expect(opened.statusCode).toBe(201);
  expect(await registration(lost)).toBeUndefined();
  expect(api.logs.some((line) => line.includes('removed a registration whose workflow never started') && line.includes(lost))).toBe(true);
});

test('a recent leftover still blocks: its request may be starting the workflow right now', async () => {
  const recent = caseId('recent');
  const person = idNumber();
  await leftover(recent, caseFor(person, recent));

  const refused = await open(caseFor(person));
  expect(refused.statusCode).toBe(409);
  expect(refused.json()).toMatchObject({ type: '/problems/duplicate-case', existingCaseId: recent });
  expect(await registration(recent)).toMatchObject({ open: true });
});

test('a registration whose workflow exists is never taken for abandoned, however old', async () => {
  const person = idNumber();
  const first = await open(caseFor(person));
  expect(first.statusCode).toBe(201);
  const existing = first.json().caseId as string;
  await api.db.updateTable('case_registrations').set({ attempted_at: LONG_AGO() }).where('case_id', '=', existing).execute();

  const refused = await open(caseFor(person));
  expect(refused.statusCode).toBe(409);
  expect(refused.json()).toMatchObject({ existingCaseId: existing });
  expect(await registration(existing)).toMatchObject({ open: true });
});

test('a retry of the request that died starts the case, and renews the attempt', async () => {
  const retried = caseId('retried');
  const body = newCase({ caseId: retried });
  await leftover(retried, body, { attemptedAt: LONG_AGO() });

  const answer = await open(body);
  expect(answer.statusCode).toBe(200);
  expect(answer.json()).toMatchObject({ caseId: retried, stage: 'SCREENING' });
  const renewed = await registration(retried);
  expect(renewed!.attempted_at.getTime()).toBeGreaterThan(Date.now() - 60_000);
});

test('the stuck report removes abandoned leftovers it finds among the oldest registrations', async () => {
  const ancient = caseId('ancient');
  await leftover(ancient, newCase({ caseId: ancient }), { attemptedAt: LONG_AGO(), createdAt: new Date(Date.UTC(1999, 0, 1)) });

  const report = await api.call({ method: 'GET', url: '/v1/admin/stuck', token: admin });
  expect(report.statusCode).toBe(200);
  expect(await registration(ancient)).toBeUndefined();
});
