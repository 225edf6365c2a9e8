/**
 * The enrolment's decisions and reducer, driven through the real commands. Amounts are written out
 * by hand from the default policy (grade 1: 10000 fen a month, 11000 from 2026-07; grade 2: 8000,
 * then 9000).
 */
import type { SubsidyActor } from '../../../programs/subsidy/domain/actor';
import { decide, type EnrolmentCommand, type EnrolmentDecision, type EnrolmentRefusal } from '../../../programs/subsidy/domain/enrolment-commands';
import { enrolmentEntitlement, evolve, replayEnrolmentEvents, type EnrolmentState } from '../../../programs/subsidy/domain/enrolment-state';
import type { EnrolmentEvent, NewEnrolmentEvent } from '../../../programs/subsidy/domain/events';
import type { PersonFacts } from '../../../programs/subsidy/domain/person-facts';
import type { EnrolmentStage } from '../../../programs/subsidy/domain/stages';
import { defaultSubsidyPolicy, severelyDisabledOnDibao } from './fixtures';

const policy = defaultSubsidyPolicy();
const officer: SubsidyActor = { role: 'officer', sub: 'officer-li' };
const civil: SubsidyActor = { role: 'civil', sub: 'civil-zhao' };
const admin: SubsidyActor = { role: 'admin', sub: 'admin-wang' };
const finance: SubsidyActor = { role: 'finance', sub: 'finance-sun' };
const system: SubsidyActor = { role: 'system', sub: 'workflow' };

const application = {
  enrolmentId: 'enr-1',
  program: 'NURSING_SUBSIDY' as const,
  personId: 'person-1',
  appliedOn: '2026-03-02',
  bankAccount: { bank: '农村信用社', accountNo: '6228480000000001234' },
};
const review = { approved: true, reviewedBy: 'town clerk Ma' };

/** Every event folded so far, to check that replaying them gives the same state (the projection's way). */
let history: EnrolmentEvent[] = [];

function decideAs(state: EnrolmentState | undefined, command: EnrolmentCommand, actor: SubsidyActor, now: string): EnrolmentDecision {
  return decide(state, command, actor, policy, now);
}

function run(state: EnrolmentState | undefined, command: EnrolmentCommand, actor: SubsidyActor, now = '2026-03-02T02:00:00.000Z'): EnrolmentState {
  const decision = decideAs(state, command, actor, now);
  if (decision.kind !== 'apply') throw new Error(`expected apply, got ${JSON.stringify(decision)}`);
  return decision.events.reduce<EnrolmentState | undefined>((current, event: NewEnrolmentEvent) => {
    const stored = { ...event, seq: (current?.seq ?? 0) + 1 } as EnrolmentEvent;
    history.push(stored);
    return evolve(current, stored);
  }, state)!;
}

function refusal(state: EnrolmentState | undefined, command: EnrolmentCommand, actor: SubsidyActor, now = '2026-04-10T02:00:00.000Z'): EnrolmentRefusal {
  const decision = decideAs(state, command, actor, now);
  if (decision.kind !== 'refuse') throw new Error(`expected a refusal, got ${JSON.stringify(decision)}`);
  return decision.refusal;
}

function applied(person: PersonFacts = severelyDisabledOnDibao): EnrolmentState {
  history = [];
  return run(undefined, { action: 'apply', input: application, person }, officer);
}

/** Applied on 2 March, reviewed in March, approved on 10 April, active from the end of the notice in May. */
function active(person: PersonFacts = severelyDisabledOnDibao): EnrolmentState {
  let state = run(applied(person), { action: 'town-review', input: review }, officer, '2026-03-10T02:00:00.000Z');
  state = run(state, { action: 'cdpf-review', input: { ...review, reviewedBy: 'CDPF clerk Ding' } }, officer, '2026-03-20T02:00:00.000Z');
  state = run(state, { action: 'decision', input: { approved: true } }, civil, '2026-04-30T02:00:00.000Z');
  return run(state, { action: 'activate' }, system, '2026-05-05T02:00:00.000Z');
}

const died = (on: string, eventId = 'life-1') => ({ eventId, type: 'DIED' as const, on });

describe('a subsidy enrolment', () => {
  it('goes from application through both reviews, the decision and the public notice to ACTIVE', () => {
    const stages: EnrolmentStage[] = [];
    let state = applied();
    stages.push(state.stage);
    state = run(state, { action: 'town-review', input: review }, officer);
    stages.push(state.stage);
    state = run(state, { action: 'cdpf-review', input: review }, officer);
    stages.push(state.stage);
    const decision = decideAs(state, { action: 'decision', input: { approved: true } }, civil, '2026-04-10T02:00:00.000Z');
    expect(decision.kind === 'apply' && decision.events.map((e) => e.type)).toEqual(['EnrolmentDecided', 'NoticeStarted']);
    state = run(state, { action: 'decision', input: { approved: true } }, civil, '2026-04-10T02:00:00.000Z');
    stages.push(state.stage);
    expect(state.noticeEndsAt).toBe('2026-04-15T02:00:00.000Z');
    expect(state.decision).toMatchObject({ approved: true, monthlyFen: 10000, policyVersion: 'gansu-2026-illustrative', reasons: [], decidedBy: 'civil-zhao' });
    state = run(state, { action: 'activate' }, system, '2026-05-05T02:00:00.000Z');
    stages.push(state.stage);
    expect(stages).toEqual(['TOWN_REVIEW', 'CDPF_REVIEW', 'DECISION', 'PUBLIC_NOTICE', 'ACTIVE']);
    expect(state.activeFrom).toBe('2026-03');
    expect(replayEnrolmentEvents(history)).toEqual(state);
  });

  it('applied in March and active in May is owed March, April and May', () => {
    const state = active();
    expect(enrolmentEntitlement(state, policy, '2026-05')).toEqual([
      { month: '2026-03', amountFen: 10000, status: 'PAYABLE' },
      { month: '2026-04', amountFen: 10000, status: 'PAYABLE' },
      { month: '2026-05', amountFen: 10000, status: 'PAYABLE' },
    ]);
  });

  it('is owed nothing before the public notice has ended', () => {
    let state = run(applied(), { action: 'town-review', input: review }, officer);
    state = run(state, { action: 'cdpf-review', input: review }, officer);
    state = run(state, { action: 'decision', input: { approved: true } }, civil);
    expect(enrolmentEntitlement(state, policy, '2026-05')).toEqual([]);
  });

  it('refuses an action in the wrong stage, naming the stages it is allowed in', () => {
    expect(refusal(applied(), { action: 'cdpf-review', input: review }, officer)).toEqual({
      kind: 'stage-conflict',
      currentStage: 'TOWN_REVIEW',
      allowedStages: ['CDPF_REVIEW'],
      detail: 'cdpf-review needs stage CDPF_REVIEW; the enrolment is in TOWN_REVIEW',
    });
    const refused = refusal(active(), { action: 'withdraw', input: { reason: 'moved in with family' } }, officer);
    expect(refused).toMatchObject({ kind: 'stage-conflict', currentStage: 'ACTIVE', allowedStages: ['TOWN_REVIEW', 'CDPF_REVIEW', 'DECISION', 'PUBLIC_NOTICE'] });
    expect(refusal(active(), { action: 'reinstate', input: { backPay: true } }, civil)).toMatchObject({ kind: 'stage-conflict', allowedStages: ['SUSPENDED'] });
  });

  it('refuses an action to a role that may not take it', () => {
    let state = run(applied(), { action: 'town-review', input: review }, officer);
    state = run(state, { action: 'cdpf-review', input: review }, officer);
    expect(refusal(state, { action: 'decision', input: { approved: true } }, officer)).toEqual({ kind: 'forbidden', detail: 'decision is for civil or admin, not officer' });
    expect(refusal(state, { action: 'decision', input: { approved: true } }, finance).kind).toBe('forbidden');
    expect(refusal(applied(), { action: 'town-review', input: review }, civil).kind).toBe('forbidden');
    expect(refusal(applied(), { action: 'activate' }, admin).kind).toBe('forbidden');
    expect(refusal(active(), { action: 'suspend', input: { fromMonth: '2026-06', reason: 'x' } }, officer).kind).toBe('forbidden');
    // An administrator may decide.
    expect(decideAs(state, { action: 'decision', input: { approved: true } }, admin, '2026-04-10T02:00:00.000Z').kind).toBe('apply');
  });

  it('refuses to approve an ineligible person, listing the reasons, and records a refusal', () => {
    const tekun: PersonFacts = { status: 'ACTIVE', assistanceCategory: 'TEKUN', disability: { grade: 3, longTermCare: false } };
    let state = run(applied(tekun), { action: 'town-review', input: review }, officer);
    state = run(state, { action: 'cdpf-review', input: review }, officer);
    expect(refusal(state, { action: 'decision', input: { approved: true } }, civil)).toMatchObject({ kind: 'not-eligible', reasons: ['GRADE', 'LONG_TERM_CARE', 'CATEGORY_EXCLUDED'] });
    state = run(state, { action: 'decision', input: { approved: false, reason: 'not eligible' } }, civil);
    expect(state.stage).toBe('REJECTED');
    expect(state.decision?.reasons).toEqual(['GRADE', 'LONG_TERM_CARE', 'CATEGORY_EXCLUDED']);
  });

  it('refuses the living subsidy to a person not on 低保', () => {
    history = [];
    const person: PersonFacts = { ...severelyDisabledOnDibao, assistanceCategory: 'NONE' };
    let state = run(undefined, { action: 'apply', input: { ...application, program: 'LIVING_SUBSIDY' }, person }, officer);
    state = run(state, { action: 'town-review', input: review }, officer);
    state = run(state, { action: 'cdpf-review', input: review }, officer);
    expect(refusal(state, { action: 'decision', input: { approved: true } }, civil)).toMatchObject({ kind: 'not-eligible', reasons: ['CATEGORY_REQUIRED'] });
  });

  it('ends at REJECTED when a review does not confirm', () => {
    const state = run(applied(), { action: 'town-review', input: { approved: false, reason: 'not resident', reviewedBy: 'Ma' } }, officer);
    expect(state.stage).toBe('REJECTED');
    expect(state.rejection).toMatchObject({ reason: 'not resident', by: 'officer-li' });
  });

  it('answers a repeated action as a replay, and the same action with another body as a conflict', () => {
    const state = run(applied(), { action: 'town-review', input: review }, officer);
    expect(decideAs(state, { action: 'town-review', input: review }, officer, '2026-03-11T00:00:00Z')).toEqual({ kind: 'replay' });
    expect(refusal(state, { action: 'town-review', input: { ...review, approved: false } }, officer).kind).toBe('idempotency-conflict');
    expect(decideAs(state, { action: 'apply', input: application, person: severelyDisabledOnDibao }, officer, '2026-03-11T00:00:00Z')).toEqual({ kind: 'replay' });
    expect(refusal(state, { action: 'apply', input: { ...application, appliedOn: '2026-03-03' }, person: severelyDisabledOnDibao }, officer).kind).toBe('idempotency-conflict');
  });

  it('takes a second decision after an objection as a new action, and a retry of it as a replay', () => {
    let state = run(applied(), { action: 'town-review', input: review }, officer);
    state = run(state, { action: 'cdpf-review', input: review }, officer);
    state = run(state, { action: 'decision', input: { approved: true } }, civil);
    expect(decideAs(state, { action: 'decision', input: { approved: true } }, civil, '2026-04-11T00:00:00Z')).toEqual({ kind: 'replay' });
    state = run(state, { action: 'objection', input: { reason: 'a neighbour says he moved away' } }, officer);
    expect(state.stage).toBe('DECISION');
    expect(state.noticeEndsAt).toBeNull();
    state = run(state, { action: 'decision', input: { approved: true } }, civil);
    expect(state.stage).toBe('PUBLIC_NOTICE');
    expect(decideAs(state, { action: 'decision', input: { approved: true } }, civil, '2026-04-11T00:00:00Z')).toEqual({ kind: 'replay' });
  });

  it('refuses an application for a person who is not active', () => {
    history = [];
    expect(refusal(undefined, { action: 'apply', input: application, person: { ...severelyDisabledOnDibao, status: 'DECEASED', statusSince: '2026-01-01' } }, officer)).toMatchObject({
      kind: 'person-inactive',
      status: 'DECEASED',
    });
  });

  it('withdraws before ACTIVE', () => {
    const state = run(applied(), { action: 'withdraw', input: { reason: 'the family declined' } }, officer);
    expect(state.stage).toBe('WITHDRAWN');
    expect(state.withdrawal).toMatchObject({ reason: 'the family declined', by: 'officer-li' });
  });

  it('changes the bank account while open; the same account again is a replay', () => {
    const state = run(applied(), { action: 'bank-account', input: { bank: '邮储银行', accountNo: '6210980000000005678' } }, officer);
    expect(state.bankAccount).toEqual({ bank: '邮储银行', accountNo: '6210980000000005678' });
    expect(decideAs(state, { action: 'bank-account', input: { bank: '邮储银行', accountNo: '6210980000000005678' } }, officer, '2026-03-03T00:00:00Z')).toEqual({ kind: 'replay' });
    const closed = run(state, { action: 'withdraw', input: { reason: 'x' } }, officer);
    expect(refusal(closed, { action: 'bank-account', input: application.bankAccount }, officer).kind).toBe('stage-conflict');
  });

  it('holds suspended months until reinstated, and pays them with back pay', () => {
    let state = run(active(), { action: 'suspend', input: { fromMonth: '2026-06', reason: 'in hospital out of the district' } }, civil, '2026-06-03T02:00:00.000Z');
    expect(state.stage).toBe('SUSPENDED');
    expect(decideAs(state, { action: 'suspend', input: { fromMonth: '2026-06', reason: 'in hospital out of the district' } }, civil, '2026-06-04T00:00:00Z')).toEqual({ kind: 'replay' });
    const withoutBackPay = run(state, { action: 'reinstate', input: { backPay: false } }, civil, '2026-08-05T02:00:00.000Z');
    expect(enrolmentEntitlement(withoutBackPay, policy, '2026-08').map((m) => [m.month, m.amountFen, m.status])).toEqual([
      ['2026-03', 10000, 'PAYABLE'],
      ['2026-04', 10000, 'PAYABLE'],
      ['2026-05', 10000, 'PAYABLE'],
      ['2026-06', 10000, 'SUSPENDED'],
      ['2026-07', 11000, 'SUSPENDED'],
      ['2026-08', 11000, 'PAYABLE'],
    ]);
    state = run(state, { action: 'reinstate', input: { backPay: true } }, civil, '2026-08-05T02:00:00.000Z');
    expect(state.stage).toBe('ACTIVE');
    expect(enrolmentEntitlement(state, policy, '2026-08').every((m) => m.status === 'PAYABLE')).toBe(true);
    // A second suspension is a new action, not a repeat of the first.
    state = run(state, { action: 'suspend', input: { fromMonth: '2026-06', reason: 'in hospital out of the district' } }, civil, '2026-09-03T02:00:00.000Z');
    expect(state.stage).toBe('SUSPENDED');
  });
});

describe('a life event on an enrolment', () => {
  it('before ACTIVE, a death withdraws the application with that reason', () => {
    const state = run(applied(), { action: 'life-event', input: died('2026-03-20'), paidMonths: [] }, officer);
    expect(state.stage).toBe('WITHDRAWN');
    expect(state.withdrawal?.reason).toBe('DIED');
  });

  it('before ACTIVE, a change of grade is recorded and read by the decision', () => {
    let state = run(applied(), { action: 'life-event', input: { eventId: 'life-2', type: 'DISABILITY_CHANGED', on: '2026-03-20', disability: { certificateNo: 'c', category: 'PHYSICAL', grade: 3, longTermCare: true } }, paidMonths: [] }, officer);
    expect(state.stage).toBe('TOWN_REVIEW');
    state = run(state, { action: 'town-review', input: review }, officer);
    state = run(state, { action: 'cdpf-review', input: review }, officer);
    expect(refusal(state, { action: 'decision', input: { approved: true } }, civil)).toMatchObject({ kind: 'not-eligible', reasons: ['GRADE'] });
  });

  it('a death on 17 June with June and July paid: terminated after June, July overpaid by exactly its amount', () => {
    const paidMonths = [
      { month: '2026-03', amountFen: 10000 },
      { month: '2026-04', amountFen: 10000 },
      { month: '2026-05', amountFen: 10000 },
      { month: '2026-06', amountFen: 10000 },
      { month: '2026-07', amountFen: 11000 },
    ];
    const decision = decideAs(active(), { action: 'life-event', input: died('2026-06-17'), paidMonths }, officer, '2026-07-20T02:00:00.000Z');
    expect(decision.kind === 'apply' && decision.events.map((e) => e.type)).toEqual(['LifeEventApplied', 'EnrolmentTerminated', 'OverpaymentFound']);
    const state = run(active(), { action: 'life-event', input: died('2026-06-17'), paidMonths }, officer, '2026-07-20T02:00:00.000Z');
    expect(state.stage).toBe('TERMINATED');
    expect(state.termination).toEqual({ on: '2026-06-17', reason: 'DIED', terminatedAfter: '2026-06' });
    expect(state.recovery).toEqual({ owedFen: 11000, recoveredFen: 0, waivedFen: 0, status: 'OPEN' });
    expect(history.find((e) => e.type === 'OverpaymentFound')?.data).toEqual({ months: [{ month: '2026-07', paidFen: 11000, owedFen: 0, overpaidFen: 11000 }], totalFen: 11000 });
    expect(enrolmentEntitlement(state, policy, '2026-09').map((m) => m.month)).toEqual(['2026-03', '2026-04', '2026-05', '2026-06']);
    // The same event again is a replay; another event on the closed enrolment is a stage conflict.
    expect(decideAs(state, { action: 'life-event', input: died('2026-06-17'), paidMonths }, officer, '2026-07-21T00:00:00Z')).toEqual({ kind: 'replay' });
    expect(refusal(state, { action: 'life-event', input: died('2026-06-17', 'life-9'), paidMonths }, officer).kind).toBe('stage-conflict');
  });

  it('recovers the overpayment by repayments, never below zero, and an administrator waives the rest', () => {
    let state = run(active(), { action: 'life-event', input: died('2026-06-17'), paidMonths: [{ month: '2026-07', amountFen: 11000 }] }, officer, '2026-07-20T02:00:00.000Z');
    expect(refusal(state, { action: 'repayment', input: { amountFen: 11001, reference: 'R-1' } }, civil)).toEqual({ kind: 'unprocessable', detail: 'amountFen 11001 is more than the 11000 fen still owed' });
    state = run(state, { action: 'repayment', input: { amountFen: 5000, reference: 'R-1' } }, civil);
    expect(state.recovery).toEqual({ owedFen: 11000, recoveredFen: 5000, waivedFen: 0, status: 'OPEN' });
    expect(decideAs(state, { action: 'repayment', input: { amountFen: 5000, reference: 'R-1' } }, civil, '2026-08-01T00:00:00Z')).toEqual({ kind: 'replay' });
    expect(refusal(state, { action: 'repayment', input: { amountFen: 4000, reference: 'R-1' } }, civil).kind).toBe('idempotency-conflict');
    expect(refusal(state, { action: 'waive', input: { reason: 'the family has no means' } }, civil).kind).toBe('forbidden');
    state = run(state, { action: 'waive', input: { reason: 'the family has no means' } }, admin);
    expect(state.recovery).toEqual({ owedFen: 11000, recoveredFen: 5000, waivedFen: 6000, status: 'CLOSED' });
    expect(refusal(state, { action: 'repayment', input: { amountFen: 1, reference: 'R-2' } }, civil).kind).toBe('recovery-not-open');
  });

  it('closes the recovery when repayments cover it', () => {
    let state = run(active(), { action: 'life-event', input: died('2026-06-17'), paidMonths: [{ month: '2026-07', amountFen: 11000 }] }, officer, '2026-07-20T02:00:00.000Z');
    state = run(state, { action: 'repayment', input: { amountFen: 11000, reference: 'R-1' } }, civil);
    expect(state.recovery).toEqual({ owedFen: 11000, recoveredFen: 11000, waivedFen: 0, status: 'CLOSED' });
  });

  it('a grade change from 1 to 2 in July pays grade 2 from August', () => {
    const change = { eventId: 'life-3', type: 'DISABILITY_CHANGED' as const, on: '2026-07-09', disability: { certificateNo: 'c', category: 'PHYSICAL' as const, grade: 2, longTermCare: true } };
    const state = run(active(), { action: 'life-event', input: change, paidMonths: [] }, officer, '2026-07-10T02:00:00.000Z');
    expect(state.stage).toBe('ACTIVE');
    expect(history.at(-1)).toMatchObject({ type: 'LifeEventApplied', data: { outcome: 'AMOUNT_CHANGED' } });
    // The certificate number is the holder's ID number and two digits: it stays in the registry.
    expect(JSON.stringify(history)).not.toContain('certificateNo');
    expect(JSON.stringify(state)).not.toContain('certificateNo');
    expect(enrolmentEntitlement(state, policy, '2026-09').slice(-4).map((m) => [m.month, m.amountFen])).toEqual([
      ['2026-06', 10000],
      ['2026-07', 11000],
      ['2026-08', 9000],
      ['2026-09', 9000],
    ]);
  });

  it('a grade that is no longer eligible terminates after the month of the change', () => {
    const change = { eventId: 'life-4', type: 'DISABILITY_CHANGED' as const, on: '2026-07-09', disability: { certificateNo: 'c', category: 'PHYSICAL' as const, grade: 3, longTermCare: true } };
    const state = run(active(), { action: 'life-event', input: change, paidMonths: [] }, officer, '2026-07-10T02:00:00.000Z');
    expect(state.stage).toBe('TERMINATED');
    expect(state.termination).toEqual({ on: '2026-07-09', reason: 'NO_LONGER_ELIGIBLE', terminatedAfter: '2026-07' });
    expect(history.at(-1)).toMatchObject({ type: 'EnrolmentTerminated', data: { reasons: ['GRADE'] } });
  });

  it('a suspended enrolment whose person becomes 特困 is terminated as no longer eligible', () => {
    const suspended = run(active(), { action: 'suspend', input: { fromMonth: '2026-06', reason: 'x' } }, civil, '2026-06-03T02:00:00.000Z');
    const state = run(suspended, { action: 'life-event', input: { eventId: 'life-5', type: 'ASSISTANCE_CHANGED', on: '2026-06-20', assistanceCategory: 'TEKUN' }, paidMonths: [] }, officer, '2026-06-21T02:00:00.000Z');
    expect(state.stage).toBe('TERMINATED');
    expect(state.termination?.reason).toBe('NO_LONGER_ELIGIBLE');
    expect(state.person.assistanceCategory).toBe('TEKUN');
  });

  it('counts an overpaid month once, however many findings reach it', () => {
    // Reported in September: a downgrade on 9 July, with August and September paid at grade 1.
    const paidMonths = [
      { month: '2026-08', amountFen: 11000 },
      { month: '2026-09', amountFen: 11000 },
    ];
    const change = { eventId: 'life-6', type: 'DISABILITY_CHANGED' as const, on: '2026-07-09', disability: { certificateNo: 'c', category: 'PHYSICAL' as const, grade: 2, longTermCare: true } };
    let state = run(active(), { action: 'life-event', input: change, paidMonths }, officer, '2026-09-20T02:00:00.000Z');
    expect(state.recovery).toEqual({ owedFen: 4000, recoveredFen: 0, waivedFen: 0, status: 'OPEN' });
    // Then a death on 20 August: September is now owed nothing, of which 2000 was already found.
    state = run(state, { action: 'life-event', input: died('2026-08-20', 'life-7'), paidMonths }, officer, '2026-09-21T02:00:00.000Z');
    expect(history.at(-1)).toMatchObject({ type: 'OverpaymentFound', data: { months: [{ month: '2026-09', paidFen: 11000, owedFen: 0, overpaidFen: 9000 }], totalFen: 9000 } });
    expect(state.recovery).toEqual({ owedFen: 13000, recoveredFen: 0, waivedFen: 0, status: 'OPEN' });
    expect(replayEnrolmentEvents(history)).toEqual(state);
  });
});
