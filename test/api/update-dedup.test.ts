/**
 * Transitions carry an Update id derived from the request, so identical retries are one Update:
 * Temporal deduplicates them and the case's history does not grow with every retry.
 */
import { caseWorkflowId } from '../../programs/surgery/workflow/definitions';
import { ADMISSION, newCase, SCREENING } from './fixtures';
import { startApiHarness, type ApiHarness } from './harness';
import { transitionUpdateId } from '../../http/update-id';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { testPayloadCodec } from '../support/stack';

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

async function screenedCase(): Promise<string> {
  const body = newCase();
  expect((await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: body })).statusCode).toBe(201);
  expect((await api.call({ method: 'POST', url: `/v1/cases/${body.caseId}/screening`, token: officer, payload: SCREENING })).statusCode).toBe(200);
  return body.caseId!;
}

async function admitTimes(caseId: string, times: number): Promise<void> {
  // Ten at a time: retries of a client that did not hear back, some of them concurrent.
  for (let sent = 0; sent < times; sent += 10) {
    const batch = Array.from({ length: Math.min(10, times - sent) }, () =>
      api.call({ method: 'POST', url: `/v1/cases/${caseId}/admission`, token: hospital, payload: ADMISSION }),
    );
    for (const response of await Promise.all(batch)) {
      expect(response.statusCode).toBe(200);
      expect(response.json().stage).toBe('AWAITING_SURGERY');
    }
  }
}

async function historyLength(caseId: string): Promise<number> {
  return ((await api.client.workflow.getHandle(caseWorkflowId(caseId)).fetchHistory()).events ?? []).length;
}

test('the Update id depends on the case, the action and the body, not on member order', () => {
  const id = transitionUpdateId('c-1', 'admission', { admissionNo: 'A', admittedAt: 't' });
  expect(transitionUpdateId('c-1', 'admission', { admittedAt: 't', admissionNo: 'A' })).toBe(id);
  expect(transitionUpdateId('c-2', 'admission', { admissionNo: 'A', admittedAt: 't' })).not.toBe(id);
  expect(transitionUpdateId('c-1', 'surgery', { admissionNo: 'A', admittedAt: 't' })).not.toBe(id);
  expect(transitionUpdateId('c-1', 'admission', { admissionNo: 'B', admittedAt: 't' })).not.toBe(id);
});

test('50 identical admissions leave a history no longer than 2 do', async () => {
  const [twice, fiftyTimes] = await Promise.all([screenedCase(), screenedCase()]);
  await admitTimes(twice, 2);
  await admitTimes(fiftyTimes, 50);
  const [twiceLength, fiftyLength] = await Promise.all([historyLength(twice), historyLength(fiftyTimes)]);
  expect(fiftyLength).toBeLessThanOrEqual(twiceLength);
}, 120_000);

test('a request refused once (stage conflict) is applied when sent again in the right stage', async () => {
  const body = newCase();
  const caseId = body.caseId!;
  await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: body });
  const early = await api.call({ method: 'POST', url: `/v1/cases/${caseId}/admission`, token: hospital, payload: ADMISSION });
  expect(early.statusCode).toBe(409);
  await api.call({ method: 'POST', url: `/v1/cases/${caseId}/screening`, token: officer, payload: SCREENING });
  const admitted = await api.call({ method: 'POST', url: `/v1/cases/${caseId}/admission`, token: hospital, payload: ADMISSION });
  expect(admitted.statusCode).toBe(200);
  expect(admitted.json().stage).toBe('AWAITING_SURGERY');
}, 60_000);

test("the API's Updates are answered with the outcome only, so the history does not carry the case; the HTTP answer is the whole case", async () => {
  const caseId = await screenedCase();
  const admitted = await api.call({ method: 'POST', url: `/v1/cases/${caseId}/admission`, token: hospital, payload: ADMISSION });
  expect(admitted.statusCode).toBe(200);
  expect(admitted.json()).toMatchObject({ caseId, stage: 'AWAITING_SURGERY', hospitalId: 'wuwei-hand-foot', admission: { admissionNo: ADMISSION.admissionNo } });
  expect(admitted.json().applicant).toBeDefined();

  const answers: unknown[] = [];
  for (const event of (await api.client.workflow.getHandle(caseWorkflowId(caseId)).fetchHistory()).events ?? []) {
    const payloads = event.workflowExecutionUpdateCompletedEventAttributes?.outcome?.success?.payloads as Payload[] | undefined;
    if (!payloads?.length) continue;
    const [decoded] = await testPayloadCodec().decode(payloads);
    answers.push(defaultPayloadConverter.fromPayload(decoded!));
  }
  // The opening (update-with-start) answers with the new case; every action after it with its outcome.
  expect(answers[0]).toHaveProperty('applicant');
  expect(answers.slice(1)).toEqual([
    { outcome: 'applied', caseId, stage: 'AWAITING_ADMISSION', updatedAt: expect.any(String) },
    { outcome: 'applied', caseId, stage: 'AWAITING_SURGERY', updatedAt: expect.any(String) },
  ]);
});
