/**
 * Arrears on the real stack: a person applies in March, the enrolment goes through both reviews
 * and the decision and becomes ACTIVE in May (the API's clock says 20 May 2026; the public notice
 * lasts 2 seconds; tokens are checked against the real time), and the months owed are March, April and May — the months before the
 * activation are back pay at the standard of each month.
 *
 * The workflow stamps its events with the real time, so in the first test the decision itself is
 * taken today (its monthlyFen is today's standard); the second has the subsidy core decide every
 * step at an explicit instant from March to May and stores the events through the event store, so
 * the decision, the activation and the months table (what a payroll pays from) are all of May.
 *
 * Hand-computed from the shipped policy (subsidy-policy.default.json): the nursing subsidy pays
 * grade 1 10000 fen a month until 2026-06 (11000 from 2026-07), so 3 × 10000 = 30000 fen owed.
 */
import { decide, type EnrolmentCommand, type EnrolmentEvent, type EnrolmentState, type PersonFacts, type SubsidyActor } from '../../../programs/subsidy/domain/index';
import { DEFAULT_SUBSIDY_POLICY_FILE, loadSubsidyPolicy } from '../../../programs/subsidy/policy-file';
import { appendEnrolmentEvents } from '../../../programs/subsidy/store/event-store';
import { listEnrolmentMonths } from '../../../programs/subsidy/store/enrolment-months';
import { replayEnrolmentEvents } from '../../../programs/subsidy/domain/enrolment-state';
import { keepSubsidyPolicy } from '../../../programs/subsidy/store/subsidy-policies';
import { startApiHarness, type ApiHarness } from '../../api/harness';
import { idNumber } from '../../api/fixtures';
import { eventually } from '../../support/eventually';
import { uniqueId } from '../../support/stack';

/** 20 May 2026, 10:00 in Liangzhou: the API's today. */
const MAY_20 = new Date('2026-05-20T10:00:00+08:00');

let api: ApiHarness;
let officer: string;
let civil: string;

beforeAll(async () => {
  api = await startApiHarness({ worker: true, env: { SUBSIDY_NOTICE: '2s' }, deps: { clock: () => MAY_20 } });
  officer = await api.token('officer');
  civil = await api.token('civil');
}, 120_000);
afterAll(async () => {
  await api?.close();
}, 120_000);

async function registerPerson(): Promise<string> {
  const personId = uniqueId('ps');
  const person = { personId, idNumber: idNumber(), name: '马兰', town: '黄羊镇', assistanceCategory: 'DIBAO', disability: { certificateNo: 'CDPF-62060200078', category: 'PHYSICAL', grade: 1, longTermCare: true } };
  expect((await api.call({ method: 'POST', url: '/v1/persons', token: officer, payload: person })).statusCode).toBe(201);
  return personId;
}

const MAY_MONTHS = [
  { month: '2026-03', amountFen: 10000, status: 'PAYABLE', payrollId: null },
  { month: '2026-04', amountFen: 10000, status: 'PAYABLE', payrollId: null },
  { month: '2026-05', amountFen: 10000, status: 'PAYABLE', payrollId: null },
];

test('applied on 10 March and ACTIVE in May: March, April and May are owed, 10000 fen each', async () => {
  const personId = await registerPerson();
  const enrolmentId = uniqueId('en');
  const applied = await api.call({
    method: 'POST',
    url: '/v1/enrolments',
    token: officer,
    payload: { enrolmentId, program: 'NURSING_SUBSIDY', personId, appliedOn: '2026-03-10', bankAccount: { bank: '农村信用社凉州支行', accountNo: '6228480000000005678' } },
  });
  expect(applied.statusCode).toBe(201);
  expect(applied.json()).toMatchObject({ stage: 'TOWN_REVIEW', activeFrom: null, months: [] });
  for (const [action, payload, token] of [['town-review', { approved: true, reviewedBy: '乡镇 马' }, officer], ['cdpf-review', { approved: true, reviewedBy: '残联 李' }, officer], ['decision', { approved: true }, civil]] as const) {
    expect((await api.call({ method: 'POST', url: `/v1/enrolments/${enrolmentId}/${action}`, token, payload })).statusCode).toBe(200);
  }
  const active = await eventually('the public notice ends', async () => {
    const view = (await api.call({ method: 'GET', url: `/v1/enrolments/${enrolmentId}`, token: civil })).json();
    return view.stage === 'ACTIVE' ? view : undefined;
  }, 20_000, 250);
  expect(active).toMatchObject({ activeFrom: '2026-03', decision: { approved: true }, paidFen: 0 });
  expect(active.months).toEqual(MAY_MONTHS);
  expect(active.months.reduce((sum: number, month: { amountFen: number }) => sum + month.amountFen, 0)).toBe(30000);
}, 90_000);

test('decided step by step from March to May by the subsidy core and stored: the months table and the view hold March to May', async () => {
  const personId = await registerPerson();
  const enrolmentId = uniqueId('en');
  const policy = loadSubsidyPolicy(DEFAULT_SUBSIDY_POLICY_FILE);
  await keepSubsidyPolicy(api.db, policy);
  const officerActor: SubsidyActor = { role: 'officer', sub: 'officer-test' };
  const civilActor: SubsidyActor = { role: 'civil', sub: 'civil-test' };
  const person: PersonFacts = { status: 'ACTIVE', assistanceCategory: 'DIBAO', disability: { grade: 1, longTermCare: true } };
  const steps: [EnrolmentCommand, SubsidyActor, string][] = [
    [{ action: 'apply', input: { enrolmentId, program: 'NURSING_SUBSIDY', personId, appliedOn: '2026-03-10', bankAccount: { bank: '农村信用社凉州支行', accountNo: '6228480000000005678' } }, person }, officerActor, '2026-03-10T02:00:00.000Z'],
    [{ action: 'town-review', input: { approved: true, reviewedBy: '乡镇 马' } }, officerActor, '2026-04-02T02:00:00.000Z'],
    [{ action: 'cdpf-review', input: { approved: true, reviewedBy: '残联 李' } }, officerActor, '2026-04-20T02:00:00.000Z'],
    [{ action: 'decision', input: { approved: true } }, civilActor, '2026-05-08T02:00:00.000Z'],
    [{ action: 'activate' }, { role: 'system', sub: 'workflow' }, '2026-05-13T02:00:00.000Z'],
  ];
  let events: EnrolmentEvent[] = [];
  let state: EnrolmentState | undefined;
  for (const [command, actor, at] of steps) {
    const decision = decide(state, command, actor, policy, at);
    if (decision.kind !== 'apply') throw new Error(`${command.action} was not applied: ${JSON.stringify(decision)}`);
    const numbered = decision.events.map((event, i) => ({ ...event, seq: events.length + i + 1 }) as EnrolmentEvent);
    await appendEnrolmentEvents(api.db, enrolmentId, numbered);
    events = [...events, ...numbered];
    state = replayEnrolmentEvents(events);
  }
  expect(state).toMatchObject({ stage: 'ACTIVE', activeFrom: '2026-03' });

  expect(await listEnrolmentMonths(api.db, enrolmentId)).toEqual(MAY_MONTHS);
  const view = (await api.call({ method: 'GET', url: `/v1/enrolments/${enrolmentId}`, token: civil })).json();
  expect(view).toMatchObject({ stage: 'ACTIVE', activeFrom: '2026-03', decision: { approved: true, monthlyFen: 10000 }, paidFen: 0 });
  expect(view.months).toEqual(MAY_MONTHS);
});
