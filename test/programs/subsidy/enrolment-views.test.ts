/**
 * The enrolment as each role reads it: which numbers are masked for whom, and the months with what
 * the payroll did to each. Amounts are written out by hand from the default policy (grade 1:
 * 10000 fen a month, 11000 from 2026-07).
 */
import type { Role } from '../../../domain/actor';
import { maskAccountNumber } from '../../../domain/disclosure';
import { decide, type EnrolmentCommand } from '../../../programs/subsidy/domain/enrolment-commands';
import { evolve, type EnrolmentState } from '../../../programs/subsidy/domain/enrolment-state';
import type { EnrolmentEvent, NewEnrolmentEvent } from '../../../programs/subsidy/domain/events';
import type { SubsidyActor } from '../../../programs/subsidy/domain/actor';
import { presentEnrolment, presentEnrolmentEvent, type LedgerMonth } from '../../../programs/subsidy/api/enrolment-views';
import { defaultSubsidyPolicy, severelyDisabledOnDibao } from './fixtures';

const policy = defaultSubsidyPolicy();
const officer: SubsidyActor = { role: 'officer', sub: 'officer-li' };
const civil: SubsidyActor = { role: 'civil', sub: 'civil-zhao' };
const system: SubsidyActor = { role: 'system', sub: 'workflow' };
const ACCOUNT = '6228480000000001234';
const person = { name: '张三', idNumber: '62060219800101001X', town: '黄羊镇' };
const review = { approved: true, reviewedBy: 'town clerk Ma' };

let events: EnrolmentEvent[] = [];

function run(state: EnrolmentState | undefined, command: EnrolmentCommand, actor: SubsidyActor, now: string): EnrolmentState {
  const decision = decide(state, command, actor, policy, now);
  if (decision.kind !== 'apply') throw new Error(`expected apply, got ${JSON.stringify(decision)}`);
  return decision.events.reduce<EnrolmentState | undefined>((current, event: NewEnrolmentEvent) => {
    const stored = { ...event, seq: (current?.seq ?? 0) + 1 } as EnrolmentEvent;
    events.push(stored);
    return evolve(current, stored);
  }, state)!;
}

/** Applied 2 March 2026, active from March after the notice. */
function activeEnrolment(): EnrolmentState {
  events = [];
  let state = run(
    undefined,
    { action: 'apply', input: { enrolmentId: 'enr-v', program: 'NURSING_SUBSIDY', personId: 'p-1', appliedOn: '2026-03-02', bankAccount: { bank: '农村信用社', accountNo: ACCOUNT } }, person: severelyDisabledOnDibao },
    officer,
    '2026-03-02T02:00:00.000Z',
  );
  state = run(state, { action: 'town-review', input: review }, officer, '2026-03-10T02:00:00.000Z');
  state = run(state, { action: 'cdpf-review', input: review }, officer, '2026-03-20T02:00:00.000Z');
  state = run(state, { action: 'decision', input: { approved: true } }, civil, '2026-04-10T02:00:00.000Z');
  return run(state, { action: 'activate' }, system, '2026-04-15T02:00:00.000Z');
}

const ROLES_READING: Role[] = ['officer', 'civil', 'finance', 'admin'];

describe('masking', () => {
  test.each(ROLES_READING)('as %s', (role) => {
    const view = presentEnrolment(activeEnrolment(), person, policy, [], '2026-04', role);
    expect(view.bankAccount.accountNo).toBe(role === 'finance' ? ACCOUNT : '***************1234');
    expect(view.person.idNumber).toBe(role === 'finance' ? '620602********001X' : '62060219800101001X');
  });

  test('an account number keeps its last four characters only, a short one none', () => {
    expect(maskAccountNumber('6228480000000001234')).toBe('***************1234');
    expect(maskAccountNumber('1234')).toBe('****');
  });

  test("the timeline masks the account number of the application and of a correction, but for finance", () => {
    let state = activeEnrolment();
    state = run(state, { action: 'bank-account', input: { bank: '邮储银行', accountNo: '6210980000000005678' } }, officer, '2026-05-01T02:00:00.000Z');
    const applied = events[0]!;
    const corrected = events.at(-1)!;
    expect(corrected.type).toBe('BankAccountChanged');
    expect(presentEnrolmentEvent(applied, 'officer').data).toMatchObject({ input: { bankAccount: { accountNo: '***************1234' } } });
    expect(presentEnrolmentEvent(corrected, 'civil').data).toMatchObject({ accountNo: '***************5678' });
    expect(presentEnrolmentEvent(corrected, 'finance').data).toMatchObject({ accountNo: '6210980000000005678' });
    expect(presentEnrolmentEvent(applied, 'finance').data).toMatchObject({ input: { bankAccount: { accountNo: ACCOUNT } } });
    expect(state.stage).toBe('ACTIVE');
  });
});

describe('months', () => {
  test('every month owed through the current one, with what the payroll did to each', () => {
    const ledger: LedgerMonth[] = [
      { month: '2026-03', amountFen: 10000, status: 'PAID', payrollId: 'payroll-NURSING_SUBSIDY-2026-05' },
      { month: '2026-04', amountFen: 10000, status: 'RETURNED', payrollId: 'payroll-NURSING_SUBSIDY-2026-05' },
      { month: '2026-05', amountFen: 10000, status: 'IN_PAYROLL', payrollId: 'payroll-NURSING_SUBSIDY-2026-06' },
      // The projection's own row says nothing the entitlement does not.
      { month: '2026-06', amountFen: 10000, status: 'PAYABLE', payrollId: null },
    ];
    const view = presentEnrolment(activeEnrolment(), person, policy, ledger, '2026-07', 'civil');
    expect(view.months).toEqual([
      { month: '2026-03', amountFen: 10000, status: 'PAID', payrollId: 'payroll-NURSING_SUBSIDY-2026-05' },
      { month: '2026-04', amountFen: 10000, status: 'RETURNED', payrollId: 'payroll-NURSING_SUBSIDY-2026-05' },
      { month: '2026-05', amountFen: 10000, status: 'IN_PAYROLL', payrollId: 'payroll-NURSING_SUBSIDY-2026-06' },
      { month: '2026-06', amountFen: 10000, status: 'PAYABLE', payrollId: null },
      { month: '2026-07', amountFen: 11000, status: 'PAYABLE', payrollId: null },
    ]);
    expect(view.paidFen).toBe(10000);
  });

  test('suspended months show as suspended; none are listed before the notice has ended', () => {
    let state = activeEnrolment();
    state = run(state, { action: 'suspend', input: { fromMonth: '2026-05', reason: '外出务工未核实' } }, civil, '2026-05-03T02:00:00.000Z');
    const view = presentEnrolment(state, person, policy, [], '2026-06', 'officer');
    expect(view.months.map((month) => [month.month, month.status])).toEqual([
      ['2026-03', 'PAYABLE'],
      ['2026-04', 'PAYABLE'],
      ['2026-05', 'SUSPENDED'],
      ['2026-06', 'SUSPENDED'],
    ]);
    expect(view.stage).toBe('SUSPENDED');

    events = [];
    const applied = run(
      undefined,
      { action: 'apply', input: { enrolmentId: 'enr-w', program: 'NURSING_SUBSIDY', personId: 'p-1', appliedOn: '2026-03-02', bankAccount: { bank: '农村信用社', accountNo: ACCOUNT } }, person: severelyDisabledOnDibao },
      officer,
      '2026-03-02T02:00:00.000Z',
    );
    const pending = presentEnrolment(applied, person, undefined, [], '2026-06', 'officer');
    expect(pending).toMatchObject({ stage: 'TOWN_REVIEW', months: [], paidFen: 0, decision: null, activeFrom: null, recovery: null, terminatedAfter: null, terminationReason: null });
  });
});
