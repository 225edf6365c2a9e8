/**
 * The public-notice list (公示名单) through the API on the real stack: the enrolments of a program
 * approved in the month, each with name, town, masked ID number, subsidy, grade and category,
 * monthly amount and day approved; Chinese by default, English when asked; UTF-8 with a BOM.
 *
 * Amounts from the shipped policy for November 2026: nursing grade 1 11000 fen (110.00 yuan),
 * grade 2 9000 fen (90.00 yuan).
 */
import { startApiHarness, type ApiHarness } from '../../api/harness';
import { idNumber } from '../../api/fixtures';
import { uniqueId } from '../../support/stack';

let api: ApiHarness;
const token: Record<'officer' | 'civil' | 'admin' | 'finance', string> = {} as never;
/** A town of this file's own: the list holds only this file's lines for it. */
const TOWN = `公示镇${Math.random().toString(36).slice(2, 6)}`;

beforeAll(async () => {
  api = await startApiHarness({ worker: true, env: { SUBSIDY_NOTICE: '1h' } });
  for (const role of ['officer', 'civil', 'admin', 'finance'] as const) token[role] = await api.token(role);
}, 120_000);
afterAll(async () => {
  await api?.close();
}, 120_000);

async function enrol(name: string, grade: number, program: string, decide: boolean): Promise<{ enrolmentId: string; idNumber: string; decidedAt?: string }> {
  const person = { personId: uniqueId('ps'), idNumber: idNumber(), name, town: TOWN, assistanceCategory: 'DIBAO', disability: { certificateNo: `CDPF-6206020008${grade}`, category: 'PHYSICAL', grade, longTermCare: true } };
  expect((await api.call({ method: 'POST', url: '/v1/persons', token: token.officer, payload: person })).statusCode).toBe(201);
  const enrolmentId = uniqueId('en');
  const application = { enrolmentId, program, personId: person.personId, appliedOn: '2026-11-02', bankAccount: { bank: '农村信用社凉州支行', accountNo: '6228480000000003456' } };
  expect((await api.call({ method: 'POST', url: '/v1/enrolments', token: token.officer, payload: application })).statusCode).toBe(201);
  for (const action of ['town-review', 'cdpf-review']) {
    expect((await api.call({ method: 'POST', url: `/v1/enrolments/${enrolmentId}/${action}`, token: token.officer, payload: { approved: true, reviewedBy: '审核人' } })).statusCode).toBe(200);
  }
  if (!decide) return { enrolmentId, idNumber: person.idNumber };
  const decided = await api.call({ method: 'POST', url: `/v1/enrolments/${enrolmentId}/decision`, token: token.civil, payload: { approved: true } });
  expect(decided.statusCode).toBe(200);
  return { enrolmentId, idNumber: person.idNumber, decidedAt: decided.json().decision.decidedAt };
}

/** The day in Liangzhou, written out independently of the code under test. */
function shanghaiDay(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
}

function masked(id: string): string {
  return `${id.slice(0, 6)}********${id.slice(14)}`;
}

test("the month's approved enrolments of the program, masked, in Chinese and in English", async () => {
  const first = await enrol('马兰', 1, 'NURSING_SUBSIDY', true);
  const second = await enrol('李四, "小李"', 2, 'NURSING_SUBSIDY', true);
  await enrol('王五', 1, 'NURSING_SUBSIDY', false);
  await enrol('赵六', 1, 'LIVING_SUBSIDY', true);
  const month = shanghaiDay(first.decidedAt!).slice(0, 7);

  const response = await api.call({ method: 'GET', url: `/v1/enrolments/notice.csv?program=NURSING_SUBSIDY&month=${month}`, token: token.civil });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  const lines = response.body.replace(/^\ufeff/, '').split('\r\n');
  expect(lines[0]).toBe('姓名,乡镇,身份证号,补贴项目,残疾等级/救助类别,每月金额（元）,批准日期');
  expect(lines.at(-1)).toBe('');
  expect(lines.filter((line) => line.includes(TOWN))).toEqual([
    `马兰,${TOWN},${masked(first.idNumber)},重度残疾人护理补贴,一级/低保对象,110.00,${shanghaiDay(first.decidedAt!)}`,
    `"李四, ""小李""",${TOWN},${masked(second.idNumber)},重度残疾人护理补贴,二级/低保对象,90.00,${shanghaiDay(second.decidedAt!)}`,
  ]);
  // No full ID number anywhere in the list.
  expect(response.body).not.toContain(first.idNumber);
  expect(response.body).not.toContain(second.idNumber);

  const english = await api.call({ method: 'GET', url: `/v1/enrolments/notice.csv?program=NURSING_SUBSIDY&month=${month}`, token: token.admin, headers: { 'accept-language': 'en' } });
  expect(english.statusCode).toBe(200);
  const englishLines = english.body.replace(/^\ufeff/, '').split('\r\n');
  expect(englishLines[0]).toBe('Name,Town,ID number,Subsidy,Grade / category,Monthly amount (yuan),Approved on');
  expect(englishLines.filter((line) => line.includes(TOWN))).toEqual([
    `马兰,${TOWN},${masked(first.idNumber)},Nursing subsidy for severe disability,grade 1/minimum-living-allowance recipient (dibao),110.00,${shanghaiDay(first.decidedAt!)}`,
    `"李四, ""小李""",${TOWN},${masked(second.idNumber)},Nursing subsidy for severe disability,grade 2/minimum-living-allowance recipient (dibao),90.00,${shanghaiDay(second.decidedAt!)}`,
  ]);

  const living = await api.call({ method: 'GET', url: `/v1/enrolments/notice.csv?program=LIVING_SUBSIDY&month=${month}`, token: token.civil });
  expect(living.body.split('\r\n').filter((line) => line.includes(TOWN))).toEqual([expect.stringMatching(/^赵六,.*,困难残疾人生活补贴,一级\/低保对象,/)]);
  // A town clerk's list: the town's lines only.
  const clerk = await api.token('civil', { town: TOWN });
  const ofTown = (await api.call({ method: 'GET', url: `/v1/enrolments/notice.csv?program=NURSING_SUBSIDY&month=${month}`, token: clerk })).body.replace(/^\ufeff/, '').split('\r\n');
  expect(ofTown.slice(1, -1)).toEqual(lines.filter((line) => line.includes(TOWN)));
  const elsewhere = await api.token('civil', { town: `别镇${TOWN}` });
  expect((await api.call({ method: 'GET', url: `/v1/enrolments/notice.csv?program=NURSING_SUBSIDY&month=${month}`, token: elsewhere })).body).toBe(`\ufeff${lines[0]}\r\n`);
  const earlier = await api.call({ method: 'GET', url: '/v1/enrolments/notice.csv?program=NURSING_SUBSIDY&month=2026-01', token: token.civil });
  expect(earlier.body.split('\r\n').filter((line) => line.includes(TOWN))).toEqual([]);
}, 90_000);

test('only civil affairs and administrators print it; a bad month is 400', async () => {
  for (const role of ['officer', 'finance'] as const) {
    expect((await api.call({ method: 'GET', url: '/v1/enrolments/notice.csv?program=NURSING_SUBSIDY&month=2026-11', token: token[role] })).statusCode).toBe(403);
  }
  expect((await api.call({ method: 'GET', url: '/v1/enrolments/notice.csv?program=NURSING_SUBSIDY&month=2026-13', token: token.civil })).statusCode).toBe(400);
  // Year 0000 once reached PostgreSQL and answered 500 (found by Schemathesis): refused at the edge.
  expect((await api.call({ method: 'GET', url: '/v1/enrolments/notice.csv?program=LIVING_SUBSIDY&month=0000-01', token: token.civil })).statusCode).toBe(400);
  expect((await api.call({ method: 'GET', url: '/v1/enrolments/notice.csv?month=2026-11', token: token.civil })).statusCode).toBe(400);
});
