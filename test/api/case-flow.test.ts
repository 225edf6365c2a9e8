/**
 * A case from POST /v1/cases to SETTLED through the API alone, with a real worker, using
 * the policy's worked example; the logs of the whole case never contain the ID number.
 */
import { PAYERS } from '../../programs/surgery/domain/stages';
import { ADMISSION, DISCHARGE, newCase, SCREENING, SURGERY } from './fixtures';
import { startApiHarness, type ApiHarness } from './harness';

let api: ApiHarness;
let officer: string;
let hospital: string;
let admin: string;

beforeAll(async () => {
  api = await startApiHarness({ worker: true });
  [officer, hospital, admin] = await Promise.all([api.token('officer'), api.token('hospital', { hospitalId: 'wuwei-hand-foot' }), api.token('admin')]);
});
afterAll(async () => {
  await api?.close();
});

async function waitForStage(caseId: string, stage: string, timeoutMs = 30_000): Promise<Record<string, any>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await api.call({ method: 'GET', url: `/v1/cases/${caseId}`, token: officer });
    const body = response.json();
    if (body.stage === stage) return body;
    if (Date.now() > deadline) throw new Error(`case ${caseId} is in ${body.stage}, not ${stage}, after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

test('the worked example goes from POST to SETTLED with the policy amounts and explanations', async () => {
  const body = newCase();
  const caseId = body.caseId!;
  const idNumber = body.applicant.idNumber;

  const opened = await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: body });
  expect(opened.statusCode).toBe(201);
  expect(opened.headers.location).toBe(`/v1/cases/${caseId}`);
  expect(opened.json()).toMatchObject({ caseId, stage: 'SCREENING', overdue: false, hospitalId: 'wuwei-hand-foot', insured: true, screening: null, reimbursement: null });
  expect(opened.json().applicant.idNumber).toBe(idNumber);

  const screened = await api.call({ method: 'POST', url: `/v1/cases/${caseId}/screening`, token: officer, payload: SCREENING });
  expect(screened.statusCode).toBe(200);
  expect(screened.json()).toMatchObject({ stage: 'AWAITING_ADMISSION', screening: { eligible: true, consent: true, reason: null } });

  // Read-your-writes: the GET right after the 200 shows the screening.
  const read = await api.call({ method: 'GET', url: `/v1/cases/${caseId}`, token: officer });
  expect(read.json().stage).toBe('AWAITING_ADMISSION');

  const admitted = await api.call({ method: 'POST', url: `/v1/cases/${caseId}/admission`, token: hospital, payload: ADMISSION });
  expect(admitted.statusCode).toBe(200);
  expect(admitted.json()).toMatchObject({ stage: 'AWAITING_SURGERY', admission: { admissionNo: 'ZY-0001', depositFen: 0 } });
  // The hospital sees the ID number masked: first 6 and last 4 kept.
  expect(admitted.json().applicant.idNumber).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(14)}`);

  const operated = await api.call({ method: 'POST', url: `/v1/cases/${caseId}/surgery`, token: hospital, payload: SURGERY });
  expect(operated.json()).toMatchObject({ stage: 'REHABILITATION', surgery: { outcome: 'SUCCESS' } });

  const discharged = await api.call({ method: 'POST', url: `/v1/cases/${caseId}/discharge`, token: hospital, payload: DISCHARGE });
  expect(discharged.statusCode).toBe(200);
  expect(discharged.json().stage).toMatch(/REIMBURSING|SETTLED/);

  const settled = await waitForStage(caseId, 'SETTLED');
  const claims = settled.reimbursement.claims as Array<Record<string, any>>;
  expect(claims.map((claim) => claim.payer)).toEqual([...PAYERS]);
  expect(claims.map((claim) => [claim.status, claim.amountFen])).toEqual([
    ['PAID', 5_759_000],
    ['PAID', 2_118_250],
    ['PAID', 785_925],
    ['PAID', 1_600_000],
    ['PAID', 1_736_825],
  ]);
  for (const claim of claims) {
    expect(claim.decidedBy).toBe('payer');
    expect(typeof claim.explanation).toBe('string');
    expect(claim.explanation.length).toBeGreaterThan(10);
  }
  expect(claims[0]!.explanation).toMatch(/65/);
  expect(settled.reimbursement.paidFen).toBe(12_000_000);
  expect(settled.reimbursement.outOfPocketFen).toBe(0);
  expect(settled.reimbursement.policyVersion).toEqual(expect.any(String));

  const events = await api.call({ method: 'GET', url: `/v1/cases/${caseId}/events`, token: officer });
  const items = events.json().items as Array<{ seq: number; type: string }>;
  expect(items.map((event) => event.seq)).toEqual(items.map((_, i) => i + 1));
  expect(items[0]!.type).toBe('CaseOpened');
  expect(items.at(-1)!.type).toBe('CaseSettled');
  expect(items.filter((event) => event.type === 'ClaimDecided')).toHaveLength(5);

  // The hospital's timeline has the ID number masked too.
  const hospitalEvents = await api.call({ method: 'GET', url: `/v1/cases/${caseId}/events`, token: hospital });
  expect(hospitalEvents.body).not.toContain(idNumber);

  const stats = await api.call({ method: 'GET', url: '/v1/stats', token: admin });
  expect(stats.statusCode).toBe(200);
  expect(stats.json().settledCases).toBeGreaterThanOrEqual(1);
  expect(stats.json().paidByPayerFen.PROVINCIAL_CHARITY).toBeGreaterThanOrEqual(1_736_825);

  // A settled case frees the ID number: a new case for the same person can open.
  const again = await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: newCase({ applicant: body.applicant }) });
  expect(again.statusCode).toBe(201);

  // The same POST as the first one, long after the workflow closed, still answers 200 with the case.
  const replay = await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: body });
  expect(replay.statusCode).toBe(200);
  expect(replay.json().stage).toBe('SETTLED');

  // Even a caller who puts the ID number in a URL or a request id does not get it logged.
  await api.call({ method: 'GET', url: `/v1/cases/${idNumber}`, token: officer, headers: { 'x-request-id': idNumber } });
  await api.call({ method: 'GET', url: `/v1/cases?town=${idNumber}`, token: officer });
  await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: { ...body, caseId: idNumber } });

  // No log line of the whole case carries the ID number.
  expect(api.logs.length).toBeGreaterThan(10);
  expect(api.logs.join('\n')).not.toContain(idNumber);
  expect(api.logs.join('\n')).not.toContain(idNumber.slice(6, 14));
}, 90_000);

test('metrics count the workflows started and the updates refused', async () => {
  const body = newCase();
  await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: body });
  await api.call({ method: 'POST', url: `/v1/cases/${body.caseId}/surgery`, token: hospital, payload: SURGERY });
  const metrics = (await api.call({ method: 'GET', url: '/metrics', token: admin })).body;
  expect(metrics).toMatch(/cases_workflows_started_total\{source="api"\} [1-9]/);
  expect(metrics).toMatch(/cases_updates_refused_total\{update="surgery",reason="stage-conflict"\} 1/);
  expect(metrics).toMatch(/http_request_duration_seconds_count\{method="POST",route="\/v1\/cases\/:caseId\/surgery",status="409"\} 1/);
});

test('no ID number reaches a hospital through other fields: the certificate masked, free text with one refused at input', async () => {
  const body = newCase({ disabilityCertificate: undefined });
  const id = body.applicant.idNumber;
  // The certificate number is the ID number and two digits: accepted, shown in full to officers only.
  const opened = await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: { ...body, disabilityCertificate: `${id}41` }, headers: { 'accept-language': 'en' } });
  expect(opened.statusCode).toBe(201);
  const caseId = opened.json().caseId as string;
  expect(opened.json().disabilityCertificate).toBe(`${id}41`);
  const asHospital = await api.call({ method: 'GET', url: `/v1/cases/${caseId}`, token: hospital });
  expect(asHospital.json().disabilityCertificate).toBe(`${id.slice(0, 6)}********${id.slice(14)}41`);
  expect(JSON.stringify(asHospital.json())).not.toContain(id);
  const timeline = await api.call({ method: 'GET', url: `/v1/cases/${caseId}/events`, token: hospital });
  expect(JSON.stringify(timeline.json())).not.toContain(id);

  // An ID number typed into free text is refused, naming the field; the ID number field and the certificate are the places for it.
  const other = newCase();
  const refused = await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: { ...other, diagnosis: `先天性马蹄内翻足，身份证 ${other.applicant.idNumber}` }, headers: { 'accept-language': 'en' } });
  expect(refused.statusCode).toBe(400);
  expect(refused.json().errors).toEqual([{ path: 'diagnosis', message: expect.stringMatching(/must not contain a resident ID number/) }]);
  expect(refused.body).not.toContain(other.applicant.idNumber);
  const inChinese = await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: { ...other, diagnosis: `诊断 ${other.applicant.idNumber}` } });
  expect(inChinese.json().errors).toEqual([{ path: 'diagnosis', message: expect.stringMatching(/不能包含身份证号/) }]);
  await api.call({ method: 'POST', url: `/v1/cases/${caseId}/withdraw`, token: officer, payload: { reason: '测试结束' } });
});

test('with no worker running, reads keep working and a transition answers 503 (safe to retry)', async () => {
  const body = newCase();
  await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: body });
  const impatient = await startApiHarness({ deps: { updateTimeoutMs: 1_500 }, env: { TASK_QUEUE: api.config.temporal.taskQueue } });
  try {
    await api.stopWorker();
    const read = await impatient.call({ method: 'GET', url: `/v1/cases/${body.caseId}`, token: await impatient.token('officer') });
    expect(read.statusCode).toBe(200);
    expect(read.json().stage).toBe('SCREENING');
    const screening = await impatient.call({ method: 'POST', url: `/v1/cases/${body.caseId}/screening`, token: await impatient.token('officer'), payload: SCREENING });
    expect(screening.statusCode).toBe(503);
    expect(screening.headers['retry-after']).toBeDefined();
    expect(screening.json().type).toBe('/problems/unavailable');
  } finally {
    await impatient.close();
  }
}, 30_000);
