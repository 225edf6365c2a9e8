/**
 * Fuzzing every endpoint with malformed JSON, wrong types, huge strings, unknown fields, odd media
 * types and odd path parameters: never a 5xx, every answer as documented, and nothing changes.
 */
import fc from 'fast-check';
import type { z } from 'zod';
import { admissionSchema, dischargeSchema, newCaseSchema, claimProposalSchema, sandboxPayerSettingSchema, screeningSchema, surgerySchema, withdrawSchema } from '../../programs/surgery/domain/schemas';
import { importJsonBodySchema } from '../../programs/surgery/api/route-schemas';
import { bankAccountSchema, decisionSchema, newEnrolmentSchema, repaymentSchema, reviewSchema, suspendSchema } from '../../programs/subsidy/api/schemas';
import { sql } from 'kysely';
import { ADMISSION, DISCHARGE, newCase, SCREENING, SURGERY } from './fixtures';
import { startApiHarness, type ApiHarness } from './harness';

let api: ApiHarness;
let tokens: Record<'officer' | 'hospital' | 'admin', string>;
let caseId: string;
let caseStateBefore: string;
const FUZZ_SUB = 'fuzz-officer';

interface Target {
  method: 'GET' | 'POST' | 'PUT';
  path: (id: string) => string;
  role: 'officer' | 'hospital' | 'admin';
  valid?: () => Record<string, unknown>;
  /** The body's schema: a "broken" body that happens to be valid (an optional member removed) is not sent. */
  schema?: z.ZodType;
}

const TARGETS: Target[] = [
  { method: 'POST', path: () => '/v1/cases', role: 'officer', valid: () => ({ ...newCase() }), schema: newCaseSchema },
  { method: 'POST', path: () => '/v1/cases/import', role: 'officer', valid: () => ({ cases: [newCase()] }), schema: importJsonBodySchema },
  { method: 'GET', path: () => '/v1/cases', role: 'officer' },
  { method: 'GET', path: (id) => `/v1/cases/${id}`, role: 'hospital' },
  { method: 'GET', path: (id) => `/v1/cases/${id}/events`, role: 'officer' },
  { method: 'POST', path: (id) => `/v1/cases/${id}/screening`, role: 'officer', valid: () => ({ ...SCREENING }), schema: screeningSchema },
  { method: 'POST', path: (id) => `/v1/cases/${id}/admission`, role: 'hospital', valid: () => ({ ...ADMISSION }), schema: admissionSchema },
  { method: 'POST', path: (id) => `/v1/cases/${id}/surgery`, role: 'hospital', valid: () => ({ ...SURGERY }), schema: surgerySchema },
  { method: 'POST', path: (id) => `/v1/cases/${id}/discharge`, role: 'hospital', valid: () => ({ ...DISCHARGE }), schema: dischargeSchema },
  { method: 'POST', path: (id) => `/v1/cases/${id}/withdraw`, role: 'officer', valid: () => ({ reason: '本人放弃' }), schema: withdrawSchema },
  { method: 'GET', path: () => '/v1/admin/stuck', role: 'admin' },
  {
    method: 'POST',
    path: (id) => `/v1/admin/cases/${id}/claims/MEDICAL_ASSISTANCE/proposals`,
    role: 'admin',
    valid: () => ({ status: 'PAID', amountFen: 1, reference: 'R' }),
    schema: claimProposalSchema,
  },
  { method: 'PUT', path: () => '/v1/admin/sandbox/payers/MEDICAL_ASSISTANCE', role: 'admin', valid: () => ({ mode: 'up', failureRate: 0, latencyMs: 0 }), schema: sandboxPayerSettingSchema },
  { method: 'GET', path: () => '/v1/stats', role: 'admin' },
  // Subsidy enrolments: the case id names no enrolment, so a valid body finds nothing (404).
  {
    method: 'POST',
    path: () => '/v1/enrolments',
    role: 'officer',
    valid: () => ({ enrolmentId: 'EN-FUZZ-1', program: 'NURSING_SUBSIDY', personId: 'ps-fuzz', appliedOn: '2026-03-02', bankAccount: { bank: '农村信用社', accountNo: '6228480000000001234' } }),
    schema: newEnrolmentSchema,
  },
  { method: 'GET', path: () => '/v1/enrolments', role: 'admin' },
  { method: 'GET', path: (id) => `/v1/enrolments/${id}`, role: 'officer' },
  { method: 'POST', path: (id) => `/v1/enrolments/${id}/town-review`, role: 'officer', valid: () => ({ approved: true, reviewedBy: '马' }), schema: reviewSchema },
  { method: 'POST', path: (id) => `/v1/enrolments/${id}/decision`, role: 'admin', valid: () => ({ approved: false, reason: '不符合条件' }), schema: decisionSchema },
  { method: 'POST', path: (id) => `/v1/enrolments/${id}/suspend`, role: 'admin', valid: () => ({ fromMonth: '2026-05', reason: '待核实' }), schema: suspendSchema },
  { method: 'POST', path: (id) => `/v1/enrolments/${id}/bank-account`, role: 'officer', valid: () => ({ bank: '邮储银行', accountNo: '6210980000000005678' }), schema: bankAccountSchema },
  { method: 'POST', path: (id) => `/v1/enrolments/${id}/recovery/repayments`, role: 'admin', valid: () => ({ amountFen: 100, reference: 'RC-1' }), schema: repaymentSchema },
  { method: 'GET', path: () => '/v1/stats/subsidies', role: 'admin' },
];

/** Breaks a valid body: a wrong type somewhere, an unknown member, or a huge string. */
const brokenBody = (valid: Record<string, unknown>) =>
  fc.oneof(
    fc.record({ key: fc.constantFrom(...Object.keys(valid)), value: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string()), fc.double(), fc.object()) }).map(({ key, value }) => ({ ...valid, [key]: value })),
    fc.string({ minLength: 1, maxLength: 20 }).filter((key) => !(key in valid)).map((key) => ({ ...valid, [key]: 'unexpected' })),
    fc.record({ key: fc.constantFrom(...Object.keys(valid)), length: fc.integer({ min: 600, max: 200_000 }) }).map(({ key, length }) => ({ ...valid, [key]: '字'.repeat(length) })),
    fc.constantFrom(...Object.keys(valid)).map((key) => Object.fromEntries(Object.entries(valid).filter(([k]) => k !== key))),
  );

const anyJson = fc.jsonValue({ maxDepth: 3 });
const malformedJson = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('{', '{"a":', '[1,2', '{"applicant":{}}}', 'null', 'true', '"str"', '\u0000', '{"__proto__":{"admin":true}}'));
const oddMediaType = fc.constantFrom('text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'text/csv', 'application/json; charset=latin1');
const oddPathSegment = fc.oneof(
  fc.string({ maxLength: 80 }).map((s) => encodeURIComponent(s)),
  fc.constantFrom('..', '%2e%2e', '%00', '%', '%zz', 'a'.repeat(300), '%E4%B8%AD', 'case-' + '9'.repeat(18), '__proto__', 'constructor', ' '),
);

beforeAll(async () => {
  api = await startApiHarness({ worker: true });
  tokens = { officer: await api.token('officer', { sub: FUZZ_SUB }), hospital: await api.token('hospital'), admin: await api.token('admin') };
  const opened = await api.call({ method: 'POST', url: '/v1/cases', token: await api.token('officer'), payload: newCase() });
  caseId = opened.json().caseId;
  caseStateBefore = JSON.stringify(opened.json());
});
afterAll(async () => {
  await api?.close();
});

async function send(target: Target, path: string, payload: string | undefined, contentType: string | undefined) {
  const response = await api.call({
    method: target.method,
    url: path,
    token: tokens[target.role],
    ...(payload !== undefined ? { payload, headers: { 'content-type': contentType ?? 'application/json' } } : {}),
  });
  expect(response.statusCode).toBeLessThan(500);
  if (target.method !== 'GET' && response.statusCode < 400) {
    // Only a roster may answer 200 to a bad request: every row then failed, none opened.
    expect(path).toBe('/v1/cases/import');
    expect(response.json()).toMatchObject({ created: 0, existing: 0 });
  }
  return response;
}

const RUNS = 40;

describe.each(TARGETS.map((target) => [`${target.method} ${target.path(':caseId')}`, target] as const))('%s', (_name, target) => {
  if (target.valid) {
    test('malformed JSON and wrong types', async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(malformedJson, anyJson.map((value) => JSON.stringify(value))), async (body) => {
          await send(target, target.path(caseId), body, 'application/json');
        }),
        { numRuns: RUNS },
      );
    });

    test('a valid body broken one way or another', async () => {
      await fc.assert(
        fc.asyncProperty(brokenBody(target.valid!()).filter((body) => !target.schema!.safeParse(body).success), async (body) => {
          await send(target, target.path(caseId), JSON.stringify(body), 'application/json');
        }),
        { numRuns: RUNS },
      );
    });

    test('odd media types', async () => {
      await fc.assert(
        fc.asyncProperty(oddMediaType, fc.string({ maxLength: 200 }), async (contentType, body) => {
          await send(target, target.path(caseId), body, contentType);
        }),
        { numRuns: RUNS / 2 },
      );
    });
  }

  const takesPathParameter = target.path('\u0001') !== target.path('\u0002');
  if (!takesPathParameter && target.method !== 'GET') return;
  test('odd path parameters and query strings', async () => {
    await fc.assert(
      fc.asyncProperty(oddPathSegment, fc.string({ maxLength: 60 }), async (segment, query) => {
        const path = target.path(segment);
        const url = `${path}${target.method === 'GET' ? `?${encodeURIComponent(query)}=${encodeURIComponent(query)}&limit=${encodeURIComponent(query)}` : ''}`;
        await send(target, url, target.valid ? JSON.stringify(target.valid()) : undefined, 'application/json');
      }),
      { numRuns: RUNS },
    );
  });
});

test('the NUL character, which PostgreSQL cannot store, is refused wherever it is', async () => {
  const withNul = newCase({ diagnosis: 'a\u0000b' });
  const body = await send(TARGETS[0]!, '/v1/cases', JSON.stringify(withNul), 'application/json');
  expect(body.statusCode).toBe(400);
  expect(body.json().errors).toEqual([{ path: 'diagnosis', message: expect.stringMatching(/NUL/) }]);
  const query = await send(TARGETS[2]!, '/v1/cases?town=%C3%A6%00x&limit=148', undefined, undefined);
  expect(query.statusCode).toBe(400);
  expect(query.json().errors[0].path).toBe('query.town');
  const surrogate = await send(TARGETS[0]!, '/v1/cases', JSON.stringify(newCase({ diagnosis: 'a\ud800b' })), 'application/json');
  expect(surrogate.statusCode).toBe(400);
  expect(surrogate.json().errors).toEqual([{ path: 'diagnosis', message: expect.stringMatching(/不成对的代理字符/) }]);
  const roster = await send(TARGETS[1]!, '/v1/cases/import', `caseId,name,idNumber,town,diagnosis,hospitalId,assistanceCategory\nx,\u0000,y,z,d,h,a\n`, 'text/csv');
  expect(roster.statusCode).toBe(400);
});

test('a body over the size limit is a validation problem, not a 413 or a 5xx', async () => {
  const body = JSON.stringify({ ...newCase(), diagnosis: 'x'.repeat(2 * 1024 * 1024) });
  const response = await send(TARGETS[0]!, '/v1/cases', body, 'application/json');
  expect(response.statusCode).toBe(400);
  expect(response.json().type).toBe('/problems/validation');
});

test('nothing changed: the case is as it was and no case was opened by the fuzzing officer', async () => {
  const after = await api.call({ method: 'GET', url: `/v1/cases/${caseId}`, token: tokens.officer });
  expect(JSON.stringify(after.json())).toBe(caseStateBefore);
  const events = await api.call({ method: 'GET', url: `/v1/cases/${caseId}/events`, token: tokens.officer });
  expect(events.json().items).toHaveLength(1);
  const opened = await sql<{ count: number }>`select count(*)::int as count from case_events where type = 'CaseOpened' and actor->>'sub' = ${FUZZ_SUB}`.execute(api.db);
  expect(opened.rows[0]!.count).toBe(0);
  const applied = await sql<{ count: number }>`select count(*)::int as count from enrolment_events where actor->>'sub' = ${FUZZ_SUB}`.execute(api.db);
  expect(applied.rows[0]!.count).toBe(0);
});
