/**
 * The monthly data match on the real stack (API, worker, Temporal, PostgreSQL): a month's list with
 * a death of a person whose nursing subsidy was paid beyond the death month (terminated, recovery
 * opened for exactly those months), a move of a person with an open surgery case (withdrawn), a
 * name that differs from the registry's (queued, then accepted and applied), an unknown ID number,
 * an unreadable row; the same file twice (nothing applied twice); a Chinese-header GB18030 file;
 * the report; the reviews.
 */
import { startApiHarness, type ApiHarness } from '../api/harness';
import { idNumber, newCase } from '../api/fixtures';
import { eventually } from '../support/eventually';
import { uniqueId } from '../support/stack';
import { markMonthsPaid } from '../../programs/subsidy/store/enrolment-months';

let api: ApiHarness;
const token: Record<'officer' | 'civil' | 'admin' | 'finance', string> = {} as never;
const TOWN = `比对镇${Math.random().toString(36).slice(2, 8)}`;
/** The shipped policy's nursing subsidy for grade 1 with long-term care, a month. */
const MONTHLY_FEN = 11000;

beforeAll(async () => {
  api = await startApiHarness({ worker: true, env: { SUBSIDY_NOTICE: '2s' } });
  for (const role of ['officer', 'civil', 'admin', 'finance'] as const) token[role] = await api.token(role);
}, 120_000);
afterAll(async () => {
  await api?.close();
}, 120_000);

async function registerPerson(name: string): Promise<{ personId: string; idNumber: string }> {
  const body = {
    personId: uniqueId('ps'),
    idNumber: idNumber(),
    name,
    town: TOWN,
    assistanceCategory: 'DIBAO',
    disability: { certificateNo: 'CDPF-62060200077', category: 'PHYSICAL', grade: 1, longTermCare: true },
  };
  const response = await api.call({ method: 'POST', url: '/v1/persons', token: token.officer, payload: body });
  expect(response.statusCode).toBe(201);
  return { personId: body.personId, idNumber: body.idNumber };
}

async function readEnrolment(enrolmentId: string) {
  const response = await api.call({ method: 'GET', url: `/v1/enrolments/${enrolmentId}`, token: token.officer });
  expect(response.statusCode).toBe(200);
  return response.json();
}

/** A nursing subsidy from September, ACTIVE. */
async function activeEnrolment(personId: string): Promise<string> {
  const enrolmentId = uniqueId('en');
  const act = (action: string, body: object, as: string) => api.call({ method: 'POST', url: `/v1/enrolments/${enrolmentId}/${action}`, token: as, payload: body });
  const applied = await api.call({
    method: 'POST',
    url: '/v1/enrolments',
    token: token.officer,
    payload: { enrolmentId, program: 'NURSING_SUBSIDY', personId, appliedOn: '2026-09-15', bankAccount: { bank: '农村信用社凉州支行', accountNo: '6228480000000001234' } },
  });
  expect(applied.statusCode).toBe(201);
  expect((await act('town-review', { approved: true, reviewedBy: '乡镇民政助理 马' }, token.officer)).statusCode).toBe(200);
  expect((await act('cdpf-review', { approved: true, reviewedBy: '区残联 李' }, token.officer)).statusCode).toBe(200);
  expect((await act('decision', { approved: true }, token.civil)).statusCode).toBe(200);
  await eventually('the public notice ends', async () => ((await readEnrolment(enrolmentId)).stage === 'ACTIVE' ? true : undefined), 20_000, 250);
  return enrolmentId;
}

/** A surgery case of a registered person, before discharge. */
async function openCase(person: { idNumber: string; name: string }): Promise<string> {
  const body = newCase({ applicant: { name: person.name, idNumber: person.idNumber, phone: '13800000000', town: TOWN, village: '新店村' } });
  const opened = await api.call({ method: 'POST', url: '/v1/cases', token: token.officer, payload: body });
  expect(opened.statusCode).toBe(201);
  return body.caseId!;
}

function importList(payload: string | Buffer, contentType = 'text/csv', headers: Record<string, string> = {}) {
  return api.call({ method: 'POST', url: '/v1/persons/life-events/import?fileName=2026-11.csv', token: token.officer, payload, headers: { 'content-type': contentType, ...headers } });
}

describe('a month\'s list', () => {
  let died: { personId: string; idNumber: string };
  let moved: { personId: string; idNumber: string };
  let misnamed: { personId: string; idNumber: string };
  let enrolmentId: string;
  let movedCaseId: string;
  let misnamedCaseId: string;
  const unknownIdNumber = idNumber();
  let csv: string;
  let batchId: string;

  beforeAll(async () => {
    died = await registerPerson('马兰');
    enrolmentId = await activeEnrolment(died.personId);
    const paidThrough = ['2026-09', '2026-10', '2026-11'];
    expect(await markMonthsPaid(api.db, enrolmentId, paidThrough, 'payroll-NURSING_SUBSIDY-test')).toEqual(paidThrough);
    moved = await registerPerson('张三');
    movedCaseId = await openCase({ ...moved, name: '张三' });
    misnamed = await registerPerson('王芳');
    misnamedCaseId = await openCase({ ...misnamed, name: '王芳' });
    csv = [
      '\uFEFFidNumber,name,type,on,source',
      `${died.idNumber},马兰,DIED,2026-10-10,公安局`,
      `${moved.idNumber},张三,MOVED_OUT,2026-11-02,公安局`,
      `${misnamed.idNumber},王方,DIED,2026-11-05,民政局`,
      `${unknownIdNumber},李四,DIED,2026-11-06,民政局`,
      `${idNumber()},赵六,DIED,2026-13-01,民政局`,
      '',
    ].join('\r\n');
  }, 120_000);

  test('is applied: the death terminates the subsidy and opens a recovery of the months paid beyond it; the move withdraws the case; the rest are counted', async () => {
    const response = await importList(csv);
    expect(response.statusCode).toBe(200);
    const result = response.json();
    batchId = result.batchId;
    expect(batchId).toMatch(/^LB-[0-9a-f]{24}$/);
    expect(result).toMatchObject({
      status: 'DONE',
      rows: 5,
      applied: 2,
      alreadyApplied: 0,
      notInRegistry: 1,
      queued: 1,
      // Paid through November, died in October: November alone was not owed.
      effects: { enrolmentsTerminated: 1, casesWithdrawn: 1, pairingsClosed: 0, overpaymentFen: MONTHLY_FEN },
    });
    expect(result.failed).toEqual([{ row: 5, line: 6, errors: [{ path: 'on', message: '不是日历上存在的日期' }] }]);

    const enrolment = await readEnrolment(enrolmentId);
    expect(enrolment).toMatchObject({ stage: 'TERMINATED', terminatedAfter: '2026-10', terminationReason: 'DIED' });
    expect(enrolment.recovery).toEqual({ owedFen: MONTHLY_FEN, recoveredFen: 0, waivedFen: 0, status: 'OPEN' });
    const movedCase = (await api.call({ method: 'GET', url: `/v1/cases/${movedCaseId}`, token: token.officer })).json();
    expect(movedCase).toMatchObject({ stage: 'WITHDRAWN', withdrawal: { reason: 'MOVED_OUT' } });
    const misnamedCase = (await api.call({ method: 'GET', url: `/v1/cases/${misnamedCaseId}`, token: token.officer })).json();
    expect(misnamedCase.stage).toBe('SCREENING');
    const person = (await api.call({ method: 'GET', url: `/v1/persons/${died.personId}`, token: token.officer })).json();
    expect(person).toMatchObject({ status: 'DECEASED' });
  });

  test('the same file again is the same batch: nothing is applied twice', async () => {
    const eventsBefore = (await api.call({ method: 'GET', url: `/v1/enrolments/${enrolmentId}/events`, token: token.civil })).json().items.length;
    const again = await importList(csv);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ batchId, rows: 5, applied: 2, notInRegistry: 1, queued: 1, effects: { enrolmentsTerminated: 1, casesWithdrawn: 1, overpaymentFen: MONTHLY_FEN } });
    const eventsAfter = (await api.call({ method: 'GET', url: `/v1/enrolments/${enrolmentId}/events`, token: token.civil })).json().items.length;
    expect(eventsAfter).toBe(eventsBefore);
    expect((await readEnrolment(enrolmentId)).recovery.owedFen).toBe(MONTHLY_FEN);
    const read = await api.call({ method: 'GET', url: `/v1/persons/life-events/imports/${batchId}`, token: token.admin, headers: { 'accept-language': 'en' } });
    expect(read.statusCode).toBe(200);
    expect(read.json().failed[0].errors[0]).toEqual({ path: 'on', message: 'is not a day of the calendar' });
  });

  test('a differing name waits for a review; accepted, it applies as the import would have; deciding twice is a conflict', async () => {
    const listed = await api.call({ method: 'GET', url: `/v1/admin/match-reviews?batchId=${batchId}`, token: token.officer });
    expect(listed.statusCode).toBe(200);
    const { items } = listed.json();
    expect(items).toHaveLength(1);
    const [review] = items;
    expect(review).toMatchObject({ batchId, row: 3, listName: '王方', registryName: '王芳', personId: misnamed.personId, type: 'DIED', on: '2026-11-05', status: 'QUEUED' });
    expect(review.idNumber).not.toBe(misnamed.idNumber);
    expect(review.idNumber).toBe(`${misnamed.idNumber.slice(0, 6)}********${misnamed.idNumber.slice(14)}`);
    // Nobody outside the keepers decides.
    expect((await api.call({ method: 'POST', url: `/v1/admin/match-reviews/${review.id}/accept`, token: token.civil })).statusCode).toBe(403);

    const accepted = await api.call({ method: 'POST', url: `/v1/admin/match-reviews/${review.id}/accept`, token: token.officer });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'ACCEPTED', decidedBy: 'officer-test', effects: { casesWithdrawn: 1, enrolmentsTerminated: 0, pairingsClosed: 0, overpaymentFen: 0 }, changes: [{ program: 'SURGERY', id: misnamedCaseId, stageAfter: 'WITHDRAWN', overpaymentFen: 0 }] });
    const twice = await api.call({ method: 'POST', url: `/v1/admin/match-reviews/${review.id}/reject`, token: token.admin, payload: { reason: '重名' } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ type: '/problems/stage-conflict', currentStage: 'ACCEPTED' });

    const batch = (await api.call({ method: 'GET', url: `/v1/persons/life-events/imports/${batchId}`, token: token.officer })).json();
    expect(batch).toMatchObject({ applied: 3, queued: 0, effects: { enrolmentsTerminated: 1, casesWithdrawn: 2, overpaymentFen: MONTHLY_FEN } });
    // The event id is the batch's: the registry has the death once.
    const person = (await api.call({ method: 'GET', url: `/v1/persons/${misnamed.personId}`, token: token.officer })).json();
    expect(person.status).toBe('DECEASED');
  });

  test('the monthly report lists who was stopped, from which month, what was overpaid; ID numbers masked', async () => {
    const report = await api.call({ method: 'GET', url: `/v1/persons/life-events/imports/${batchId}/report.csv`, token: token.officer });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toMatch(/^text\/csv/);
    const text = report.body;
    expect(text.startsWith('\uFEFF批次,行号,姓名,身份证号')).toBe(true);
    for (const full of [died.idNumber, moved.idNumber, misnamed.idNumber, unknownIdNumber]) expect(text).not.toContain(full);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(4);
    const subsidyLine = lines.find((line) => line.includes(enrolmentId))!;
    expect(subsidyLine).toContain(`${died.idNumber.slice(0, 6)}********${died.idNumber.slice(14)}`);
    expect(subsidyLine).toContain(',死亡,2026-10-10,公安局,');
    expect(subsidyLine).toContain(',ACTIVE,TERMINATED,2026-11,110.00,');
    expect(lines.find((line) => line.includes(movedCaseId))).toContain(',迁出,2026-11-02,');

    const english = await api.call({ method: 'GET', url: `/v1/persons/life-events/imports/${batchId}/report.csv?lang=en`, token: token.admin });
    expect(english.body.startsWith('\uFEFFbatch,row,name,idNumber,town,event')).toBe(true);
    expect(english.body).toContain(',died,2026-10-10,');
  });

  test('the batches are listed newest first', async () => {
    const listed = await api.call({ method: 'GET', url: '/v1/persons/life-events/imports?limit=50', token: token.officer });
    expect(listed.statusCode).toBe(200);
    const mine = listed.json().items.find((item: { batchId: string }) => item.batchId === batchId);
    expect(mine).toMatchObject({ importedBy: 'officer-test', fileName: '2026-11.csv', rows: 5, applied: 3, queued: 0, notInRegistry: 1, status: 'DONE', progress: { done: 5, total: 5 } });
  });
});

describe('a list as a Chinese office sends it', () => {
  // 身份证号,姓名,事件,日期,来源 / 马兰 / 死亡 / 公安局, in GB18030.
  const HEADER = Buffer.from('c9edb7ddd6a4bac52cd0d5c3fb2ccac2bcfe2cc8d5c6da2cc0b4d4b4', 'hex');
  const MA_LAN = Buffer.from('c2edc0bc', 'hex');
  const DIED = Buffer.from('cbc0cdf6', 'hex');
  const POLICE = Buffer.from('b9abb0b2bed6', 'hex');

  test('with Chinese headers and values in GB18030 is applied', async () => {
    const person = await registerPerson('马兰');
    const list = Buffer.concat([HEADER, Buffer.from(`\r\n${person.idNumber},`), MA_LAN, Buffer.from(','), DIED, Buffer.from(',2026-11-20,'), POLICE, Buffer.from('\r\n')]);
    const response = await importList(list);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ rows: 1, applied: 1, notInRegistry: 0, queued: 0, failed: [] });
    const read = (await api.call({ method: 'GET', url: `/v1/persons/${person.personId}`, token: token.officer })).json();
    expect(read).toMatchObject({ status: 'DECEASED' });
  });

  test('a change of category by its Chinese label is applied to the registry', async () => {
    const person = await registerPerson('刘备');
    const list = `\uFEFF身份证号,姓名,事件,日期,来源,救助类别\r\n${person.idNumber},刘备,救助类别变更,2026-11-20,民政局,特困供养人员\r\n`;
    const response = await importList(list, 'text/csv; charset=utf-8');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ rows: 1, applied: 1 });
    const read = (await api.call({ method: 'GET', url: `/v1/persons/${person.personId}`, token: token.officer })).json();
    expect(read).toMatchObject({ status: 'ACTIVE', assistanceCategory: 'TEKUN' });
  });
});

describe('a town clerk', () => {
  test('matches only the persons of their town: another town\'s are not in their registry', async () => {
    const person = await registerPerson('陈明');
    const clerk = await api.token('officer', { sub: 'clerk-elsewhere', town: '另一个镇' });
    const list = `idNumber,name,type,on,source\r\n${person.idNumber},陈明,MOVED_OUT,2026-11-21,公安局\r\n`;
    const response = await api.call({ method: 'POST', url: '/v1/persons/life-events/import', token: clerk, payload: list, headers: { 'content-type': 'text/csv' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ rows: 1, applied: 0, notInRegistry: 1 });
    const read = (await api.call({ method: 'GET', url: `/v1/persons/${person.personId}`, token: token.officer })).json();
    expect(read.status).toBe('ACTIVE');
  });
});

describe('refusals', () => {
  test('a header that is not the list\'s is refused, naming the columns', async () => {
    const response = await importList('idNumber,name\r\n1,2\r\n');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((issue: { path: string }) => issue.path)).toEqual(['header', 'header', 'header']);
  });

  test('row 50,001 is one too many: nothing is stored', async () => {
    const row = `${idNumber()},某人,DIED,2026-11-01,民政局`;
    const list = `idNumber,name,type,on,source\r\n${`${row}\r\n`.repeat(50_001)}`;
    const before = (await api.call({ method: 'GET', url: '/v1/persons/life-events/imports?limit=200', token: token.admin })).json().items.length;
    const response = await importList(list, 'text/csv', { 'accept-language': 'en' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].message).toBe('at most 50000 rows; row 50001 is one too many');
    const after = (await api.call({ method: 'GET', url: '/v1/persons/life-events/imports?limit=200', token: token.admin })).json().items.length;
    expect(after).toBe(before);
  }, 60_000);
});
