/**
 * Subsidy enrolments through the HTTP API, on the real stack (Temporal dev server, PostgreSQL, a
 * worker running the enrolment workflow): the path to ACTIVE with a short public notice, the
 * refusals (not eligible, duplicate, inactive person, wrong role, wrong stage, bad fields in both
 * languages), repeats that change nothing, masking per role, and the statistics.
 *
 * Amounts are written out from the shipped policy: the nursing subsidy pays grade 1 11000 fen a
 * month from 2026-07 (10000 before).
 */
import { addMonths, compareMonths, monthOfInstant } from '../../../programs/subsidy/domain/month';
import { markMonthsPaid } from '../../../programs/subsidy/store/enrolment-months';
import { livingSubsidyProgram, nursingSubsidyProgram } from '../../../programs/subsidy/program';
import { eventually } from '../../support/eventually';
import { uniqueId } from '../../support/stack';
import { idNumber } from '../../api/fixtures';
import { startApiHarness, type ApiHarness } from '../../api/harness';

let api: ApiHarness;
const token: Record<'officer' | 'civil' | 'finance' | 'admin' | 'hospital' | 'official', string> = {} as never;
/** A town of this file's own: the statistics by town count only what this file enrolled. */
const TOWN = `测试镇${Math.random().toString(36).slice(2, 8)}`;
const ACCOUNT = '6228480000000001234';
const APPLIED_ON = '2026-09-15';
/** Every ID number this file registered: none may reach a log line. */
const idNumbersSent: string[] = [];

beforeAll(async () => {
  api = await startApiHarness({ worker: true, env: { SUBSIDY_NOTICE: '2s' } });
  for (const role of Object.keys({ officer: 0, civil: 0, finance: 0, admin: 0, hospital: 0, official: 0 }) as (keyof typeof token)[]) token[role] = await api.token(role);
}, 120_000);
afterAll(async () => {
  await api?.close();
}, 120_000);

interface PersonBody {
  assistanceCategory?: string;
  disability?: { certificateNo: string; category: string; grade: number; longTermCare: boolean } | null;
}

async function registerPerson(overrides: PersonBody = {}): Promise<{ personId: string; idNumber: string }> {
  const body = {
    personId: uniqueId('ps'),
    idNumber: idNumber(),
    name: '马兰',
    town: TOWN,
    assistanceCategory: 'DIBAO',
    disability: { certificateNo: 'CDPF-62060200077', category: 'PHYSICAL', grade: 1, longTermCare: true },
    ...overrides,
  };
  idNumbersSent.push(body.idNumber);
  const response = await api.call({ method: 'POST', url: '/v1/persons', token: token.officer, payload: body });
  expect(response.statusCode).toBe(201);
  return { personId: body.personId, idNumber: body.idNumber };
}

function application(personId: string, overrides: Record<string, unknown> = {}) {
  return { enrolmentId: uniqueId('en'), program: 'NURSING_SUBSIDY', personId, appliedOn: APPLIED_ON, bankAccount: { bank: '农村信用社凉州支行', accountNo: ACCOUNT }, ...overrides };
}

function apply(body: object, as = token.officer, headers: Record<string, string> = {}) {
  return api.call({ method: 'POST', url: '/v1/enrolments', token: as, payload: body, headers });
}

function act(enrolmentId: string, action: string, body: object, as: string) {
  return api.call({ method: 'POST', url: `/v1/enrolments/${enrolmentId}/${action}`, token: as, payload: body });
}

async function read(enrolmentId: string, as = token.officer) {
  const response = await api.call({ method: 'GET', url: `/v1/enrolments/${enrolmentId}`, token: as });
  expect(response.statusCode).toBe(200);
  return response.json();
}

async function events(enrolmentId: string): Promise<{ seq: number; type: string }[]> {
  const response = await api.call({ method: 'GET', url: `/v1/enrolments/${enrolmentId}/events`, token: token.civil });
  expect(response.statusCode).toBe(200);
  return response.json().items;
}

const REVIEW = { approved: true, reviewedBy: '乡镇民政助理 马' };

/** Applied and reviewed twice: waiting for the civil-affairs decision. */
async function atDecision(person?: PersonBody, program = 'NURSING_SUBSIDY'): Promise<string> {
  const { personId } = await registerPerson(person);
  const body = application(personId, { program });
  expect((await apply(body)).statusCode).toBe(201);
  expect((await act(body.enrolmentId, 'town-review', REVIEW, token.officer)).json().stage).toBe('CDPF_REVIEW');
  expect((await act(body.enrolmentId, 'cdpf-review', { ...REVIEW, reviewedBy: '区残联 李' }, token.officer)).json().stage).toBe('DECISION');
  return body.enrolmentId;
}

async function activeEnrolment(): Promise<string> {
  const enrolmentId = await atDecision();
  const decided = await act(enrolmentId, 'decision', { approved: true }, token.civil);
  expect(decided.statusCode).toBe(200);
  await eventually('the public notice ends', async () => ((await read(enrolmentId)).stage === 'ACTIVE' ? true : undefined), 20_000, 250);
  return enrolmentId;
}

/** The months from the application's through the current one, each at 11000 fen: figures of the shipped policy. */
function expectedMonths(status = 'PAYABLE') {
  const months = [];
  const current = monthOfInstant(new Date().toISOString());
  for (let month = '2026-09'; compareMonths(month, current) <= 0; month = addMonths(month, 1)) months.push({ month, amountFen: 11000, status, payrollId: null });
  return months;
}

test('the whole path to ACTIVE, with each role seeing what it may', async () => {
  const { personId, idNumber: personIdNumber } = await registerPerson();
  const body = application(personId);
  const applied = await apply(body);
  expect(applied.statusCode).toBe(201);
  expect(applied.headers.location).toBe(`/v1/enrolments/${body.enrolmentId}`);
  expect(applied.json()).toMatchObject({
    enrolmentId: body.enrolmentId,
    program: 'NURSING_SUBSIDY',
    personId,
    stage: 'TOWN_REVIEW',
    appliedOn: APPLIED_ON,
    overdue: false,
    person: { name: '马兰', idNumber: personIdNumber, town: TOWN },
    bankAccount: { bank: '农村信用社凉州支行', accountNo: '***************1234' },
    decision: null,
    activeFrom: null,
    months: [],
    paidFen: 0,
    recovery: null,
  });

  expect((await act(body.enrolmentId, 'town-review', REVIEW, token.officer)).json()).toMatchObject({ stage: 'CDPF_REVIEW', townReview: { approved: true, reviewedBy: REVIEW.reviewedBy, recordedBy: 'officer-test' } });
  expect((await act(body.enrolmentId, 'cdpf-review', REVIEW, token.admin)).json().stage).toBe('DECISION');
  const decided = await act(body.enrolmentId, 'decision', { approved: true }, token.civil);
  expect(decided.statusCode).toBe(200);
  expect(decided.json()).toMatchObject({ stage: 'PUBLIC_NOTICE', decision: { approved: true, monthlyFen: 11000, policyVersion: 'gansu-2026-illustrative', reasons: [], decidedBy: 'civil-test' } });

  const active = await eventually('the public notice ends', async () => {
    const view = await read(body.enrolmentId);
    return view.stage === 'ACTIVE' ? view : undefined;
  }, 20_000, 250);
  expect(active).toMatchObject({ activeFrom: '2026-09', terminatedAfter: null, terminationReason: null, paidFen: 0, recovery: null });
  expect(active.months).toEqual(expectedMonths());
  expect((await events(body.enrolmentId)).map((event) => [event.seq, event.type])).toEqual([
    [1, 'EnrolmentApplied'],
    [2, 'TownReviewed'],
    [3, 'CdpfReviewed'],
    [4, 'EnrolmentDecided'],
    [5, 'NoticeStarted'],
    [6, 'EnrolmentActivated'],
  ]);

  // Finance pays into the account, and does not need the ID number; civil affairs the other way round.
  expect((await read(body.enrolmentId, token.finance)).bankAccount.accountNo).toBe(ACCOUNT);
  expect((await read(body.enrolmentId, token.finance)).person.idNumber).toBe(`${personIdNumber.slice(0, 6)}********${personIdNumber.slice(14)}`);
  expect((await read(body.enrolmentId, token.civil)).person.idNumber).toBe(personIdNumber);
  expect((await read(body.enrolmentId, token.civil)).bankAccount.accountNo).toBe('***************1234');
  const timeline = await api.call({ method: 'GET', url: `/v1/enrolments/${body.enrolmentId}/events`, token: token.officer });
  expect(JSON.stringify(timeline.json())).not.toContain(ACCOUNT);
  const listed = await api.call({ method: 'GET', url: `/v1/enrolments?personId=${personId}`, token: token.finance });
  expect(listed.json().items).toMatchObject([{ enrolmentId: body.enrolmentId, stage: 'ACTIVE', bankAccount: { accountNo: ACCOUNT } }]);
  expect(listed.json().items[0].person.idNumber).not.toBe(personIdNumber);

  for (const [role, status] of [['hospital', 403], ['official', 403]] as const) {
    const refused = await api.call({ method: 'GET', url: `/v1/enrolments/${body.enrolmentId}`, token: token[role] });
    expect(refused.statusCode).toBe(status);
    expect(refused.json()).toMatchObject({ type: '/problems/forbidden' });
  }
}, 90_000);

test('a repeated request answers the same and writes nothing; another body for the same action is a conflict', async () => {
  const { personId } = await registerPerson();
  const body = application(personId);
  const first = await apply(body);
  expect(first.statusCode).toBe(201);
  const again = await apply(body, token.admin);
  expect(again.statusCode).toBe(200);
  expect(again.json()).toEqual(first.json());
  expect(await events(body.enrolmentId)).toHaveLength(1);
  const otherBody = await apply({ ...body, appliedOn: '2026-09-16' });
  expect(otherBody.statusCode).toBe(409);
  expect(otherBody.json()).toMatchObject({ type: '/problems/idempotency-conflict' });

  const reviewed = await act(body.enrolmentId, 'town-review', REVIEW, token.officer);
  const reviewedAgain = await act(body.enrolmentId, 'town-review', REVIEW, token.officer);
  expect(reviewedAgain.statusCode).toBe(200);
  expect(reviewedAgain.json()).toEqual(reviewed.json());
  expect(await events(body.enrolmentId)).toHaveLength(2);
  const reviewedOtherwise = await act(body.enrolmentId, 'town-review', { approved: false, reason: '户籍不在本镇', reviewedBy: 'x' }, token.officer);
  expect(reviewedOtherwise.statusCode).toBe(409);
  expect(reviewedOtherwise.json()).toMatchObject({ type: '/problems/idempotency-conflict' });
  expect(await events(body.enrolmentId)).toHaveLength(2);

  // Withdrawn: the enrolment is closed; the same withdrawal again is still answered, another is refused.
  const withdrawn = await act(body.enrolmentId, 'withdraw', { reason: '本人放弃申请' }, token.officer);
  expect(withdrawn.json()).toMatchObject({ stage: 'WITHDRAWN', withdrawal: { reason: '本人放弃申请', by: 'officer-test' } });
  const withdrawnAgain = await act(body.enrolmentId, 'withdraw', { reason: '本人放弃申请' }, token.officer);
  expect(withdrawnAgain.statusCode).toBe(200);
  expect(withdrawnAgain.json().stage).toBe('WITHDRAWN');
  expect(await events(body.enrolmentId)).toHaveLength(3);
  // The application itself, repeated after the enrolment closed: the same answer, and nothing new.
  const appliedAfterClosing = await apply(body);
  expect(appliedAfterClosing.statusCode).toBe(200);
  expect(appliedAfterClosing.json()).toMatchObject({ enrolmentId: body.enrolmentId, stage: 'WITHDRAWN' });
  expect((await apply({ ...body, appliedOn: '2026-09-16' })).json()).toMatchObject({ type: '/problems/idempotency-conflict' });
  expect(await events(body.enrolmentId)).toHaveLength(3);
  const reviewedLate = await act(body.enrolmentId, 'cdpf-review', REVIEW, token.officer);
  expect(reviewedLate.statusCode).toBe(409);
  expect(reviewedLate.json()).toMatchObject({ type: '/problems/stage-conflict', currentStage: 'WITHDRAWN' });
}, 90_000);

test('actions that come round again are new each time: a second suspension and reinstatement, an account changed back', async () => {
  const enrolmentId = await activeEnrolment();
  const current = monthOfInstant(new Date().toISOString());
  for (let round = 1; round <= 2; round++) {
    const suspended = await act(enrolmentId, 'suspend', { fromMonth: current, reason: '待核实是否长期外出' }, token.civil);
    expect(suspended.json().stage).toBe('SUSPENDED');
    expect(suspended.json().months.at(-1)).toEqual({ month: current, amountFen: 11000, status: 'SUSPENDED', payrollId: null });
    const reinstated = await act(enrolmentId, 'reinstate', { backPay: true }, token.civil);
    expect(reinstated.json().stage).toBe('ACTIVE');
    expect(reinstated.json().months).toEqual(expectedMonths());
  }
  const second = '6210980000000005678';
  expect((await act(enrolmentId, 'bank-account', { bank: '邮储银行', accountNo: '6210 9800 0000 0005 678' }, token.officer)).statusCode).toBe(200);
  expect((await read(enrolmentId, token.finance)).bankAccount).toEqual({ bank: '邮储银行', accountNo: second });
  expect((await act(enrolmentId, 'bank-account', { bank: '农村信用社凉州支行', accountNo: ACCOUNT }, token.officer)).statusCode).toBe(200);
  expect((await read(enrolmentId, token.finance)).bankAccount.accountNo).toBe(ACCOUNT);
  // A repeat of the last correction changes nothing.
  expect((await act(enrolmentId, 'bank-account', { bank: '农村信用社凉州支行', accountNo: ACCOUNT }, token.officer)).statusCode).toBe(200);
  expect((await events(enrolmentId)).slice(6).map((event) => event.type)).toEqual([
    'EnrolmentSuspended',
    'EnrolmentReinstated',
    'EnrolmentSuspended',
    'EnrolmentReinstated',
    'BankAccountChanged',
    'BankAccountChanged',
  ]);
}, 90_000);

test('approving a person the policy does not make eligible: 422 not-eligible with every reason', async () => {
  const cases: Array<[PersonBody, string, string[]]> = [
    [{ assistanceCategory: 'TEKUN', disability: { certificateNo: 'CDPF-1', category: 'VISUAL', grade: 3, longTermCare: false } }, 'NURSING_SUBSIDY', ['GRADE', 'LONG_TERM_CARE', 'CATEGORY_EXCLUDED']],
    [{ assistanceCategory: 'NONE', disability: null }, 'NURSING_SUBSIDY', ['NO_DISABILITY']],
    [{ assistanceCategory: 'NONE', disability: { certificateNo: 'CDPF-2', category: 'HEARING', grade: 2, longTermCare: false } }, 'LIVING_SUBSIDY', ['CATEGORY_REQUIRED']],
  ];
  for (const [person, program, reasons] of cases) {
    const enrolmentId = await atDecision(person, program);
    const refused = await act(enrolmentId, 'decision', { approved: true }, token.civil);
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ type: '/problems/not-eligible', title: '不符合补贴政策规定的条件', reasons });
    expect(refused.json().detail).toMatch(/^按补贴政策（gansu-2026-illustrative），此人不符合条件：/);
    expect((await read(enrolmentId)).stage).toBe('DECISION');
    const rejected = await act(enrolmentId, 'decision', { approved: false, reason: '不符合条件' }, token.civil);
    expect(rejected.json()).toMatchObject({ stage: 'REJECTED', decision: { approved: false, reasons } });
  }
}, 120_000);

test('a second open enrolment in the program: 409 duplicate-enrolment naming the open one', async () => {
  const { personId } = await registerPerson();
  const first = application(personId);
  expect((await apply(first)).statusCode).toBe(201);
  const second = await apply(application(personId));
  expect(second.statusCode).toBe(409);
  expect(second.json()).toMatchObject({ type: '/problems/duplicate-enrolment', existingEnrolmentId: first.enrolmentId, title: '此人在该项补贴中已有未办结的申请' });
  expect(second.json().detail).toBe(`此人在重度残疾人护理补贴中已有未办结的申请 ${first.enrolmentId}`);
  // Once that one is closed, the person may apply again.
  expect((await act(first.enrolmentId, 'withdraw', { reason: '材料不全，补齐后重新申请' }, token.officer)).json().stage).toBe('WITHDRAWN');
  expect((await apply(application(personId))).statusCode).toBe(201);
}, 60_000);

test('a person who died or moved out may not apply: 422 person-inactive', async () => {
  const { personId } = await registerPerson();
  const died = await api.call({ method: 'POST', url: `/v1/persons/${personId}/life-events`, token: token.officer, payload: { type: 'DIED', on: '2026-10-03' } });
  expect(died.statusCode).toBe(200);
  const refused = await apply(application(personId), token.officer, { 'accept-language': 'en' });
  expect(refused.statusCode).toBe(422);
  expect(refused.json()).toMatchObject({ type: '/problems/person-inactive', status: 422, personStatus: 'DECEASED', title: 'The person has died or moved out of the district' });
  expect((await api.call({ method: 'GET', url: `/v1/enrolments?personId=${personId}`, token: token.officer })).json().items).toEqual([]);
}, 60_000);

test('a role that may not take the action: 403; an action out of its stage: 409 stage-conflict', async () => {
  const { personId } = await registerPerson();
  const body = application(personId);
  expect((await apply(body, token.civil)).statusCode).toBe(403);
  expect((await apply(body, token.finance)).statusCode).toBe(403);
  expect((await apply(body)).statusCode).toBe(201);
  for (const [action, payload, as] of [
    ['town-review', REVIEW, token.civil],
    ['decision', { approved: true }, token.officer],
    ['suspend', { fromMonth: '2026-10', reason: 'x' }, token.finance],
    ['recovery/waive', { reason: '确无能力退回' }, token.civil],
  ] as const) {
    const refused = await act(body.enrolmentId, action, payload, as);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ type: '/problems/forbidden' });
  }
  for (const [action, payload, as] of [
    ['cdpf-review', REVIEW, token.officer],
    ['decision', { approved: true }, token.civil],
    ['suspend', { fromMonth: '2026-10', reason: '待核实' }, token.civil],
    ['reinstate', { backPay: false }, token.civil],
  ] as const) {
    const refused = await act(body.enrolmentId, action, payload, as);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ type: '/problems/stage-conflict', currentStage: 'TOWN_REVIEW' });
  }
  const noRecovery = await act(body.enrolmentId, 'recovery/repayments', { amountFen: 100, reference: 'RC-1' }, token.civil);
  expect(noRecovery.statusCode).toBe(409);
  expect(noRecovery.json()).toMatchObject({ type: '/problems/stage-conflict', currentStage: 'TOWN_REVIEW', detail: '此申请没有待追回的多发款项' });
  expect(await events(body.enrolmentId)).toHaveLength(1);
  const unknown = await act('EN-NO-SUCH-ONE', 'withdraw', { reason: 'x' }, token.officer);
  expect(unknown.statusCode).toBe(404);
}, 60_000);

test('bad fields are named, in Chinese by default and in English when asked', async () => {
  const { personId } = await registerPerson();
  const bad = { ...application(personId), appliedOn: '2026-02-30', bankAccount: { bank: '农村信用社', accountNo: '62-28' } };
  const zh = await apply(bad);
  expect(zh.statusCode).toBe(400);
  expect(zh.json()).toMatchObject({ type: '/problems/validation', title: '请求内容无效' });
  expect(zh.json().errors).toEqual(
    expect.arrayContaining([
      { path: 'appliedOn', message: '不是日历上存在的日期' },
      { path: 'bankAccount.accountNo', message: '必须是 8–32 位数字（空格和连字符不计）' },
    ]),
  );
  const en = await apply(bad, token.officer, { 'accept-language': 'en' });
  expect(en.json().errors).toEqual(
    expect.arrayContaining([
      { path: 'appliedOn', message: 'is not a day of the calendar' },
      { path: 'bankAccount.accountNo', message: 'must be 8–32 digits (spaces and hyphens are ignored)' },
    ]),
  );

  const future = await apply(application(personId, { appliedOn: '2099-01-01' }));
  expect(future.json().errors).toEqual([{ path: 'appliedOn', message: '不能晚于今天（北京时间）' }]);
  const nobody = await apply(application('ps-nobody-here'), token.officer, { 'accept-language': 'en' });
  expect(nobody.json().errors).toEqual([{ path: 'personId', message: 'is not a person in the registry' }]);
  const refusedWithoutReason = await apply(application(personId));
  expect(refusedWithoutReason.statusCode).toBe(201);
  const noReason = await act(refusedWithoutReason.json().enrolmentId, 'town-review', { approved: false, reviewedBy: '马' }, token.officer);
  expect(noReason.json().errors).toEqual([{ path: 'reason', message: '不同意（approved 为 false）时必须填写理由' }]);
  const badQuery = await api.call({ method: 'GET', url: '/v1/stats/subsidies?from=2026-13', token: token.civil, headers: { 'accept-language': 'en' } });
  expect(badQuery.statusCode).toBe(400);
  expect(badQuery.json().errors).toEqual([{ path: 'query.from', message: 'must be a month, YYYY-MM' }]);
}, 60_000);

test('statistics count what this file enrolled, by town', async () => {
  await activeEnrolment();
  const stats = await api.call({ method: 'GET', url: '/v1/stats/subsidies?program=NURSING_SUBSIDY&from=2026-01&to=2026-12', token: token.finance });
  expect(stats.statusCode).toBe(200);
  const figures = stats.json();
  const enrolledHere = (await api.call({ method: 'GET', url: `/v1/enrolments?town=${encodeURIComponent(TOWN)}&program=NURSING_SUBSIDY&limit=200`, token: token.officer })).json().items.filter(
    (item: { stage: string }) => item.stage === 'ACTIVE' || item.stage === 'SUSPENDED',
  ).length;
  expect(enrolledHere).toBeGreaterThanOrEqual(1);
  expect(figures.enrolledByTown[TOWN]).toBe(enrolledHere);
  expect(figures.active).toBeGreaterThanOrEqual(enrolledHere);
  const living = (await api.call({ method: 'GET', url: '/v1/stats/subsidies?program=LIVING_SUBSIDY', token: token.civil })).json();
  expect(living.enrolledByTown[TOWN]).toBeUndefined();
}, 60_000);

test('the list pages newest first with a cursor, and refuses a cursor it did not hand out', async () => {
  const { personId } = await registerPerson();
  const first = application(personId);
  expect((await apply(first)).statusCode).toBe(201);
  expect((await act(first.enrolmentId, 'withdraw', { reason: '重新申请' }, token.officer)).statusCode).toBe(200);
  const second = application(personId);
  expect((await apply(second)).statusCode).toBe(201);
  const page1 = (await api.call({ method: 'GET', url: `/v1/enrolments?personId=${personId}&limit=1`, token: token.civil })).json();
  expect(page1.items.map((item: { enrolmentId: string }) => item.enrolmentId)).toEqual([second.enrolmentId]);
  expect(page1.nextCursor).toEqual(expect.any(String));
  const page2 = (await api.call({ method: 'GET', url: `/v1/enrolments?personId=${personId}&limit=1&cursor=${page1.nextCursor}`, token: token.civil })).json();
  expect(page2).toMatchObject({ items: [{ enrolmentId: first.enrolmentId, stage: 'WITHDRAWN' }], nextCursor: null });
  const forged = await api.call({ method: 'GET', url: '/v1/enrolments?cursor=bm90LWEtY3Vyc29y', token: token.civil, headers: { 'accept-language': 'en' } });
  expect(forged.statusCode).toBe(400);
  expect(forged.json().errors).toEqual([{ path: 'query.cursor', message: 'is not a cursor this API returned' }]);
}, 60_000);

test("the catalogue's statistics path of each subsidy is this endpoint, for that subsidy", async () => {
  for (const entry of [nursingSubsidyProgram, livingSubsidyProgram]) {
    const answer = await api.call({ method: 'GET', url: entry.statisticsPath, token: token.civil });
    expect(answer.statusCode).toBe(200);
    expect(new URL(entry.statisticsPath, 'http://x').searchParams.get('program')).toBe(entry.id);
  }
});

test('months a payroll paid: PAID in the enrolment with the payroll, in paidFen, and in the monthly figures', async () => {
  const enrolmentId = await activeEnrolment();
  const figures = async () => (await api.call({ method: 'GET', url: '/v1/stats/subsidies?program=NURSING_SUBSIDY&from=2026-09&to=2026-10', token: token.civil })).json();
  const before = await figures();
  // The payroll is another part of the system; here its result is written as it writes it.
  expect(await markMonthsPaid(api.db, enrolmentId, ['2026-09', '2026-10'], 'payroll-NURSING_SUBSIDY-2026-10')).toEqual(['2026-09', '2026-10']);
  const view = await read(enrolmentId, token.finance);
  expect(view.paidFen).toBe(22000);
  expect(view.months.slice(0, 2)).toEqual([
    { month: '2026-09', amountFen: 11000, status: 'PAID', payrollId: 'payroll-NURSING_SUBSIDY-2026-10' },
    { month: '2026-10', amountFen: 11000, status: 'PAID', payrollId: 'payroll-NURSING_SUBSIDY-2026-10' },
  ]);
  expect(view.months.slice(2).every((month: { status: string }) => month.status === 'PAYABLE')).toBe(true);
  const listed = (await api.call({ method: 'GET', url: `/v1/enrolments?personId=${view.personId}`, token: token.officer })).json();
  expect(listed.items[0].paidFen).toBe(22000);
  const after = await figures();
  for (const month of ['2026-09', '2026-10']) {
    expect((after.paidFenByMonth[month] ?? 0) - (before.paidFenByMonth[month] ?? 0)).toBe(11000);
    expect((after.personsPaidByMonth[month] ?? 0) - (before.personsPaidByMonth[month] ?? 0)).toBe(1);
  }
  expect(Object.keys(after.paidFenByMonth).every((month) => month >= '2026-09' && month <= '2026-10')).toBe(true);
}, 60_000);

test('an overpayment is recovered through the API: repayments by reference, never more than owed, the rest waived by an administrator', async () => {
  const enrolmentId = await activeEnrolment();
  const paidThrough = ['2026-09', '2026-10', '2026-11'];
  expect(await markMonthsPaid(api.db, enrolmentId, paidThrough, 'payroll-NURSING_SUBSIDY-test')).toEqual(paidThrough);
  // A death on 10 October, reported after the payroll paid November: October is still owed, November is not.
  const overpaidFen = 11000;
  const figures = async () => (await api.call({ method: 'GET', url: '/v1/stats/subsidies?program=NURSING_SUBSIDY', token: token.admin })).json();
  const before = await figures();
  const personId = (await read(enrolmentId)).personId;
  const died = await api.call({ method: 'POST', url: `/v1/persons/${personId}/life-events`, token: token.officer, payload: { type: 'DIED', on: '2026-10-10' } });
  expect(died.statusCode).toBe(200);
  expect(died.json().effects).toEqual([{ program: 'NURSING_SUBSIDY', id: enrolmentId, stageBefore: 'ACTIVE', stageAfter: 'TERMINATED', overpaymentFen: overpaidFen }]);
  const terminated = await read(enrolmentId);
  expect(terminated).toMatchObject({ stage: 'TERMINATED', terminatedAfter: '2026-10', terminationReason: 'DIED', paidFen: 33000 });
  expect(terminated.recovery).toEqual({ owedFen: overpaidFen, recoveredFen: 0, waivedFen: 0, status: 'OPEN' });
  expect(terminated.months.map((month: { month: string }) => month.month)).toEqual(['2026-09', '2026-10']);

  const repaid = await act(enrolmentId, 'recovery/repayments', { amountFen: 5000, reference: 'RC-2026-001' }, token.civil);
  expect(repaid.json().recovery).toEqual({ owedFen: overpaidFen, recoveredFen: 5000, waivedFen: 0, status: 'OPEN' });
  const count = (await events(enrolmentId)).length;
  expect((await act(enrolmentId, 'recovery/repayments', { amountFen: 5000, reference: 'RC-2026-001' }, token.civil)).statusCode).toBe(200);
  expect(await events(enrolmentId)).toHaveLength(count);
  const tooMuch = await act(enrolmentId, 'recovery/repayments', { amountFen: overpaidFen, reference: 'RC-2026-002' }, token.civil);
  expect(tooMuch.statusCode).toBe(422);
  expect(tooMuch.json()).toMatchObject({ type: '/problems/unprocessable', detail: '退回金额 ¥110.00 超过尚欠的 ¥60.00' });
  expect((await act(enrolmentId, 'recovery/waive', { reason: '家庭确无能力退回' }, token.civil)).statusCode).toBe(403);
  const waived = await act(enrolmentId, 'recovery/waive', { reason: '家庭确无能力退回' }, token.admin);
  expect(waived.json().recovery).toEqual({ owedFen: overpaidFen, recoveredFen: 5000, waivedFen: overpaidFen - 5000, status: 'CLOSED' });

  // Nothing is outstanding: the enrolment has closed, and a further repayment finds no recovery open.
  const late = await act(enrolmentId, 'recovery/repayments', { amountFen: 100, reference: 'RC-2026-003' }, token.civil);
  expect(late.statusCode).toBe(409);
  expect(late.json()).toMatchObject({ type: '/problems/stage-conflict', currentStage: 'TERMINATED' });
  const after = await figures();
  expect(after.overpaymentOwedFen - before.overpaymentOwedFen).toBe(overpaidFen);
  expect(after.recoveredFen - before.recoveredFen).toBe(5000);
  expect(after.waivedFen - before.waivedFen).toBe(overpaidFen - 5000);
}, 90_000);

test('no account number and no ID number reached a log line, while the log names the enrolments', () => {
  const logs = api.logs.join('\n');
  expect(logs).toContain('enrolment applied');
  for (const secret of [ACCOUNT, '6210980000000005678', ...idNumbersSent]) expect(logs).not.toContain(secret);
});
