/**
 * An enrolment brought to ACTIVE through the HTTP API, as the district's desks do it: the person
 * registered, the application (with its bank account), the town's and the disabled persons'
 * federation's reviews, civil affairs' decision, and the public notice run out. The payroll tests
 * that go through the API (and the payroll's replay recorder) start from these.
 */
import type { ApiHarness } from '../../../api/harness';
import { idNumber } from '../../../api/fixtures';
import { eventually } from '../../../support/eventually';
import { uniqueId } from '../../../support/stack';

export interface EnrolmentDesks {
  api: ApiHarness;
  /** Registers, applies and reviews. */
  officer: string;
  /** Decides. */
  civil: string;
}

export interface ActiveEnrolment {
  enrolmentId: string;
  personId: string;
  idNumber: string;
  name: string;
}

/** Needs the harness's `SUBSIDY_NOTICE` short (e.g. '1s'): the notice must end within the wait. */
export async function activeEnrolment(
  { api, officer, civil }: EnrolmentDesks,
  { appliedOn, accountNo, program = 'NURSING_SUBSIDY', name = '马兰' }: { appliedOn: string; accountNo: string; program?: string; name?: string },
): Promise<ActiveEnrolment> {
  const personId = uniqueId('ps');
  const personIdNumber = idNumber();
  const person = await api.call({
    method: 'POST',
    url: '/v1/persons',
    token: officer,
    payload: { personId, idNumber: personIdNumber, name, town: '黄羊镇', assistanceCategory: 'DIBAO', disability: { certificateNo: 'CDPF-1', category: 'PHYSICAL', grade: 1, longTermCare: true } },
  });
  expect(person.statusCode).toBe(201);
  const enrolmentId = uniqueId('en');
  const applied = await api.call({
    method: 'POST',
    url: '/v1/enrolments',
    token: officer,
    payload: { enrolmentId, program, personId, appliedOn, bankAccount: { bank: '农村信用社凉州支行', accountNo } },
  });
  expect(applied.statusCode).toBe(201);
  const review = { approved: true, reviewedBy: '乡镇民政助理 马' };
  expect((await api.call({ method: 'POST', url: `/v1/enrolments/${enrolmentId}/town-review`, token: officer, payload: review })).statusCode).toBe(200);
  expect((await api.call({ method: 'POST', url: `/v1/enrolments/${enrolmentId}/cdpf-review`, token: officer, payload: review })).statusCode).toBe(200);
  expect((await api.call({ method: 'POST', url: `/v1/enrolments/${enrolmentId}/decision`, token: civil, payload: { approved: true } })).statusCode).toBe(200);
  await eventually(
    'the notice ends',
    async () => ((await api.call({ method: 'GET', url: `/v1/enrolments/${enrolmentId}`, token: officer })).json().stage === 'ACTIVE' ? true : undefined),
    30_000,
    250,
  );
  return { enrolmentId, personId, idNumber: personIdNumber, name };
}
