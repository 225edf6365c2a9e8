/**
 * The enrolment's refusals in Chinese: the sentences are taken from the subsidy core itself, so a
 * reworded refusal that no pattern matches any more fails here rather than reaching a clerk as a
 * bare title.
 */
import { decide, type EnrolmentCommand } from '../../../programs/subsidy/domain/enrolment-commands';
import { evolve, type EnrolmentState } from '../../../programs/subsidy/domain/enrolment-state';
import type { EnrolmentEvent, NewEnrolmentEvent } from '../../../programs/subsidy/domain/events';
import type { SubsidyActor } from '../../../programs/subsidy/domain/actor';
import { problemDetail } from '../../../http/i18n/problem-texts';
import { problems } from '../../../http/problems';
import { problemOfEnrolmentRefusal } from '../../../programs/subsidy/api/enrolment-problems';
import '../../../programs/subsidy/api/problem-texts';
import { defaultSubsidyPolicy, severelyDisabledOnDibao } from './fixtures';

const policy = defaultSubsidyPolicy();
const officer: SubsidyActor = { role: 'officer', sub: 'officer-li' };
const civil: SubsidyActor = { role: 'civil', sub: 'civil-zhao' };
const at = '2026-03-02T02:00:00.000Z';
const application = { enrolmentId: 'enr-t', program: 'NURSING_SUBSIDY' as const, personId: 'p-1', appliedOn: '2026-03-02', bankAccount: { bank: '农村信用社', accountNo: '6228480000000001234' } };

function applied(person = severelyDisabledOnDibao): EnrolmentState {
  const decision = decide(undefined, { action: 'apply', input: application, person }, officer, policy, at);
  if (decision.kind !== 'apply') throw new Error('not applied');
  return decision.events.reduce<EnrolmentState | undefined>((state, event: NewEnrolmentEvent) => evolve(state, { ...event, seq: (state?.seq ?? 0) + 1 } as EnrolmentEvent), undefined)!;
}

function zhOf(state: EnrolmentState | undefined, command: EnrolmentCommand, actor: SubsidyActor): string {
  const decision = decide(state, command, actor, policy, at);
  if (decision.kind !== 'refuse') throw new Error(`expected a refusal, got ${decision.kind}`);
  const problem = problemOfEnrolmentRefusal(decision.refusal);
  return problemDetail(problem.slug, problem.detail, 'zh-CN');
}

test('a wrong stage names the action and both stages', () => {
  expect(zhOf(applied(), { action: 'decision', input: { approved: true } }, civil)).toBe('民政审批需要申请处于“民政审批”阶段；申请当前处于“乡镇审核”阶段');
  expect(zhOf(applied(), { action: 'reinstate', input: { backPay: false } }, civil)).toBe('恢复发放需要申请处于“暂停发放”阶段；申请当前处于“乡镇审核”阶段');
});

test('a role the core refuses, a recovery that is not open, another body for an action done', () => {
  expect(zhOf(applied(), { action: 'town-review', input: { approved: true, reviewedBy: 'x' } }, civil)).toBe('乡镇审核须由经办人员、管理员办理，民政审批人员角色不能办理');
  expect(zhOf(applied(), { action: 'repayment', input: { amountFen: 100, reference: 'R-1' } }, civil)).toBe('此申请没有待追回的多发款项');
  expect(zhOf(applied(), { action: 'apply', input: { ...application, appliedOn: '2026-03-03' }, person: severelyDisabledOnDibao }, officer)).toBe('申请 enr-t 已存在，且内容不同');
});

test('not eligible lists every reason in Chinese', () => {
  let state = applied({ status: 'ACTIVE', assistanceCategory: 'TEKUN', disability: { grade: 3, longTermCare: false } });
  for (const command of [{ action: 'town-review' as const }, { action: 'cdpf-review' as const }]) {
    const decision = decide(state, { ...command, input: { approved: true, reviewedBy: 'x' } }, officer, policy, at);
    if (decision.kind !== 'apply') throw new Error('not reviewed');
    state = decision.events.reduce((current, event) => evolve(current, { ...event, seq: current.seq + 1 } as EnrolmentEvent), state);
  }
  expect(zhOf(state, { action: 'decision', input: { approved: true } }, civil)).toBe(
    '按补贴政策（gansu-2026-illustrative），此人不符合条件：残疾等级不在补贴范围内；未评定为需长期照护；所属救助类别不能享受此项补贴',
  );
});

test("the API's own refusals", () => {
  for (const [problem, zh] of [
    [problems.duplicateEnrolment('EN-1', 'LIVING_SUBSIDY'), '此人在困难残疾人生活补贴中已有未办结的申请 EN-1'],
    [problems.personInactive('p-9', 'DECEASED'), '此人已故，不能申请或登记新的状况变化'],
    [problems.notFound('no enrolment EN-404'), '没有申请 EN-404'],
    [problems.stageConflict('REJECTED', 'the enrolment is closed in stage REJECTED'), '申请已在“未通过”阶段结束'],
  ] as const) {
    expect(problemDetail(problem.slug, problem.detail, 'zh-CN')).toBe(zh);
    expect(problemDetail(problem.slug, problem.detail, 'en')).toBe(problem.detail);
  }
  expect(problems.personInactive('p-9', 'MOVED_OUT').toDocument('en')).toMatchObject({ type: '/problems/person-inactive', status: 422, personStatus: 'MOVED_OUT' });
  expect(problems.notEligible(['GRADE'], 'x').toDocument('zh-CN')).toMatchObject({ type: '/problems/not-eligible', status: 422, title: '不符合补贴政策规定的条件', reasons: ['GRADE'] });
  expect(problems.duplicateEnrolment('EN-1', 'NURSING_SUBSIDY').toDocument('en')).toMatchObject({ status: 409, title: 'The person already has an open enrolment in this program', existingEnrolmentId: 'EN-1' });
});
