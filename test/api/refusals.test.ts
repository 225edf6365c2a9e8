/** Every refusal of the API, the replays of a retried request, and the races of the issue. */
import { ADMISSION, idNumber, newCase, SCREENING, SURGERY, withBadCheckDigit } from './fixtures';
import { startApiHarness, type ApiHarness } from './harness';

let api: ApiHarness;
let officer: string;
let hospital: string;

beforeAll(async () => {
  api = await startApiHarness({ worker: true });
  [officer, hospital] = await Promise.all([api.token('officer'), api.token('hospital', { hospitalId: 'wuwei-hand-foot' })]);
});
afterAll(async () => {
  await api?.close();
});

async function open(body = newCase()): Promise<string> {
  const response = await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: body });
  expect(response.statusCode).toBe(201);
  return response.json().caseId;
}

async function eventCount(caseId: string): Promise<number> {
  return (await api.call({ method: 'GET', url: `/v1/cases/${caseId}/events`, token: officer })).json().items.length;
}

describe('validation (400) with field paths', () => {
  async function expectValidation(payload: unknown, url = '/v1/cases', token = officer) {
    const response = await api.call({ method: 'POST', url, token, payload: payload as object });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json();
    expect(problem).toMatchObject({ type: '/problems/validation', title: expect.any(String), status: 400, detail: expect.any(String) });
    return problem.errors as Array<{ path: string; message: string }>;
  }

  test('a bad check digit', async () => {
    const body = newCase();
    const bad = withBadCheckDigit(body.applicant.idNumber);
    const errors = await expectValidation({ ...body, applicant: { ...body.applicant, idNumber: bad } });
    expect(errors).toEqual([{ path: 'applicant.idNumber', message: '身份证号校验位不正确，请核对' }]);
    // The refusal never echoes the number.
    expect(JSON.stringify(errors)).not.toContain(bad);
  });

  test('a minor without a guardian', async () => {
    const errors = await expectValidation(newCase({ applicant: { name: '小明', idNumber: idNumber('20150601'), town: '黄羊镇' } }));
    expect(errors).toEqual([{ path: 'applicant.guardian', message: '申请人未满 18 周岁，必须填写监护人' }]);
  });

  test('a minor with a guardian opens', async () => {
    const body = newCase({ applicant: { name: '小明', idNumber: idNumber('20150601'), town: '黄羊镇', guardian: { name: '王芳', phone: '13900000000', relation: '母亲' } } });
    await open(body);
  });

  test('an unknown hospital', async () => {
    const errors = await expectValidation(newCase({ hospitalId: 'no-such-hospital' }));
    expect(errors).toEqual([{ path: 'hospitalId', message: expect.any(String) }]);
  });

  test('a non-zero deposit', async () => {
    const caseId = await open();
    const errors = await expectValidation({ ...ADMISSION, depositFen: 500 }, `/v1/cases/${caseId}/admission`, hospital);
    expect(errors).toEqual([{ path: 'depositFen', message: expect.stringMatching(/0/) }]);
  });

  test('several fields at once, unknown members and a missing body', async () => {
    const errors = await expectValidation({ applicant: { name: '', idNumber: 'x', town: 'y', extra: 1 }, diagnosis: 'd', hospitalId: 'wuwei-hand-foot', assistanceCategory: 'RICH' });
    const paths = errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['applicant.name', 'applicant.idNumber', 'assistanceCategory', 'applicant']));
    const empty = await api.call({ method: 'POST', url: '/v1/cases', token: officer, headers: { 'content-type': 'application/json' }, payload: '' });
    expect(empty.statusCode).toBe(400);
    const malformed = await api.call({ method: 'POST', url: '/v1/cases', token: officer, headers: { 'content-type': 'application/json' }, payload: '{"applicant":' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().type).toBe('/problems/validation');
  });

  test('a case id that is itself an ID number', async () => {
    const errors = await expectValidation(newCase({ caseId: idNumber() }));
    expect(errors).toEqual([{ path: 'caseId', message: expect.any(String) }]);
  });

  test('query and path parameters', async () => {
    const list = await api.call({ method: 'GET', url: '/v1/cases?limit=0&stage=NOWHERE', token: officer });
    expect(list.statusCode).toBe(400);
    expect(list.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['query.limit', 'query.stage']);
    const cursor = await api.call({ method: 'GET', url: '/v1/cases?cursor=garbage', token: officer });
    expect(cursor.statusCode).toBe(400);
    const badId = await api.call({ method: 'GET', url: '/v1/cases/a%20b', token: officer });
    expect(badId.statusCode).toBe(400);
    expect(badId.json().errors[0].path).toBe('params.caseId');
  });
});

describe('conflicts', () => {
  test('stage-conflict carries currentStage and changes nothing', async () => {
    const caseId = await open();
    const before = await eventCount(caseId);
    const response = await api.call({ method: 'POST', url: `/v1/cases/${caseId}/surgery`, token: hospital, payload: SURGERY });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ type: '/problems/stage-conflict', currentStage: 'SCREENING' });
    expect(await eventCount(caseId)).toBe(before);
  });

  test('duplicate-case carries existingCaseId; a withdrawn case frees the number', async () => {
    const first = newCase();
    const caseId = await open(first);
    const duplicate = await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: newCase({ applicant: first.applicant }) });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json()).toMatchObject({ type: '/problems/duplicate-case', existingCaseId: caseId });

    const withdrawn = await api.call({ method: 'POST', url: `/v1/cases/${caseId}/withdraw`, token: officer, payload: { reason: '本人放弃' } });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ stage: 'WITHDRAWN', withdrawal: { reason: '本人放弃', withdrawnBy: 'officer-test' } });
    await open(newCase({ applicant: first.applicant }));
  });

  test('an ineligible case frees the number', async () => {
    const first = newCase();
    const caseId = await open(first);
    const screened = await api.call({ method: 'POST', url: `/v1/cases/${caseId}/screening`, token: officer, payload: { ...SCREENING, eligible: false, reason: '不符合条件' } });
    expect(screened.json().stage).toBe('INELIGIBLE');
    await open(newCase({ applicant: first.applicant }));
  });

  test('idempotency-conflict for a case id reused with another body', async () => {
    const body = newCase();
    await open(body);
    const same = await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: body });
    expect(same.statusCode).toBe(200);
    expect(same.json().caseId).toBe(body.caseId);
    const changed = await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: { ...body, diagnosis: '另一个诊断' } });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().type).toBe('/problems/idempotency-conflict');
  });

  test('a transition replayed answers 200 and writes nothing; another body is idempotency-conflict', async () => {
    const caseId = await open();
    await api.call({ method: 'POST', url: `/v1/cases/${caseId}/screening`, token: officer, payload: SCREENING });
    await api.call({ method: 'POST', url: `/v1/cases/${caseId}/admission`, token: hospital, payload: ADMISSION });
    const before = await eventCount(caseId);
    const replay = await api.call({ method: 'POST', url: `/v1/cases/${caseId}/screening`, token: officer, payload: SCREENING });
    expect(replay.statusCode).toBe(200);
    expect(replay.json().stage).toBe('AWAITING_SURGERY');
    const conflict = await api.call({ method: 'POST', url: `/v1/cases/${caseId}/admission`, token: hospital, payload: { ...ADMISSION, admissionNo: 'ZY-9999' } });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().type).toBe('/problems/idempotency-conflict');
    expect(await eventCount(caseId)).toBe(before);
  });

  test('actions on a closed case are answered from the projection: replay 200, others 409', async () => {
    const caseId = await open();
    const reason = { ...SCREENING, eligible: true, consent: false, reason: '本人不同意' };
    expect((await api.call({ method: 'POST', url: `/v1/cases/${caseId}/screening`, token: officer, payload: reason })).json().stage).toBe('INELIGIBLE');
    // Wait until the workflow has closed, then act on it.
    const handle = api.client.workflow.getHandle(`case-${caseId}`);
    await handle.result();
    const replay = await api.call({ method: 'POST', url: `/v1/cases/${caseId}/screening`, token: officer, payload: reason });
    expect(replay.statusCode).toBe(200);
    expect(replay.json().stage).toBe('INELIGIBLE');
    const withdraw = await api.call({ method: 'POST', url: `/v1/cases/${caseId}/withdraw`, token: officer, payload: { reason: 'x' } });
    expect(withdraw.statusCode).toBe(409);
    expect(withdraw.json()).toMatchObject({ type: '/problems/stage-conflict', currentStage: 'INELIGIBLE' });
    const admission = await api.call({ method: 'POST', url: `/v1/cases/${caseId}/admission`, token: hospital, payload: ADMISSION });
    expect(admission.json()).toMatchObject({ type: '/problems/stage-conflict', currentStage: 'INELIGIBLE' });
  });

  test('a case that does not exist is 404 for every action', async () => {
    for (const [url, token, payload] of [
      ['/v1/cases/nope-404/screening', officer, SCREENING],
      ['/v1/cases/nope-404/withdraw', officer, { reason: 'x' }],
      ['/v1/cases/nope-404/admission', hospital, ADMISSION],
    ] as const) {
      const response = await api.call({ method: 'POST', url, token, payload });
      expect(response.statusCode).toBe(404);
    }
    expect((await api.call({ method: 'GET', url: '/v1/cases/nope-404', token: officer })).statusCode).toBe(404);
    expect((await api.call({ method: 'GET', url: '/v1/cases/nope-404/events', token: officer })).statusCode).toBe(404);
  });
});

describe('races', () => {
  test('concurrent identical POSTs: one 201, the rest 200, one workflow', async () => {
    const body = newCase();
    const responses = await Promise.all(Array.from({ length: 8 }, () => api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: body })));
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(responses.map((r) => r.json().caseId))).toEqual(new Set([body.caseId]));
    expect(await eventCount(body.caseId!)).toBe(1);
  });

  test('concurrent POSTs for one ID number under different case ids: one 201, the rest 409', async () => {
    const applicant = newCase().applicant;
    const bodies = Array.from({ length: 8 }, () => newCase({ applicant }));
    const responses = await Promise.all(bodies.map((payload) => api.call({ method: 'POST', url: '/v1/cases', token: officer, payload })));
    const created = responses.filter((r) => r.statusCode === 201);
    expect(created).toHaveLength(1);
    const refused = responses.filter((r) => r.statusCode === 409);
    expect(refused).toHaveLength(7);
    for (const response of refused) expect(response.json()).toMatchObject({ type: '/problems/duplicate-case', existingCaseId: created[0]!.json().caseId });
  });

  test('concurrent identical hospital reports: all 200, one event', async () => {
    const caseId = await open();
    await api.call({ method: 'POST', url: `/v1/cases/${caseId}/screening`, token: officer, payload: SCREENING });
    const responses = await Promise.all(Array.from({ length: 8 }, () => api.call({ method: 'POST', url: `/v1/cases/${caseId}/admission`, token: hospital, payload: ADMISSION })));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
    const events = (await api.call({ method: 'GET', url: `/v1/cases/${caseId}/events`, token: officer })).json().items as Array<{ type: string }>;
    expect(events.filter((e) => e.type === 'Admitted')).toHaveLength(1);
  });
});

test('lists page newest first with filters and a cursor', async () => {
  const town = `测试镇-${Date.now().toString(36)}`;
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) ids.push(await open(newCase({ applicant: { name: `甲${i}`, idNumber: idNumber(), town } })));
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/v1/cases?town=${encodeURIComponent(town)}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
    const page = (await api.call({ method: 'GET', url, token: officer })).json();
    expect(page.items.length).toBeLessThanOrEqual(2);
    seen.push(...page.items.map((item: { caseId: string }) => item.caseId));
    cursor = page.nextCursor;
  } while (cursor);
  expect(seen).toEqual([...ids].reverse());
  const screening = (await api.call({ method: 'GET', url: `/v1/cases?town=${encodeURIComponent(town)}&stage=SCREENING&overdue=false`, token: officer })).json();
  expect(screening.items).toHaveLength(5);
  const none = (await api.call({ method: 'GET', url: `/v1/cases?town=${encodeURIComponent(town)}&overdue=true`, token: officer })).json();
  expect(none.items).toHaveLength(0);
});
