/**
 * The Chinese details are derived from the English sentences the domain writes: these tests take
 * the sentences from the domain code itself, so a reworded refusal that no pattern matches any
 * more fails here rather than reaching a clerk as a bare title.
 */
import { decide } from '../../programs/surgery/domain/case-commands';
import { evolve } from '../../programs/surgery/domain/case-state';
import type { CaseEvent } from '../../programs/surgery/domain/events';
import { manualResolutionProblem } from '../../programs/surgery/domain/policy/index';
import { problemDetail, problemTitle } from '../../http/i18n/problem-texts';
import '../../programs/surgery/api/problem-texts';
import { HttpProblem } from '../../http/problems';
import { admissionOk, surgeryOk, workedExampleCase } from '../fixtures/cases';

const at = '2026-11-28T10:00:00.000Z';
const officer = { role: 'officer' as const, sub: 'officer-li' };
const opened = evolve(undefined, { type: 'CaseOpened', seq: 1, occurredAt: at, actor: officer, data: { caseId: 'c-1', input: workedExampleCase(), hospitalLevel: 'TERTIARY_A' } } as CaseEvent);

function refusalDetail(decision: ReturnType<typeof decide>): string {
  if (decision.kind !== 'refuse') throw new Error(`expected a refusal, got ${decision.kind}`);
  return decision.refusal.detail;
}

test('stage conflicts of the transitions', () => {
  const detail = refusalDetail(decide(opened, { action: 'surgery', input: surgeryOk }, officer, at));
  expect(problemDetail('stage-conflict', detail, 'zh-CN')).toBe('手术需要案件处于“待手术”阶段；案件当前处于“待筛查”阶段');
  expect(problemDetail('stage-conflict', detail, 'en')).toBe(detail);
  const admission = refusalDetail(decide(opened, { action: 'admission', input: admissionOk }, officer, at));
  expect(problemDetail('stage-conflict', admission, 'zh-CN')).toBe('入院需要案件处于“待入院”阶段；案件当前处于“待筛查”阶段');
});

test('amounts resolved by hand', () => {
  expect(problemDetail('unprocessable', manualResolutionProblem('BASIC_MEDICAL_INSURANCE', { status: 'PAID', amountFen: 500 }, 300)!, 'zh-CN')).toBe(
    '金额 ¥5.00 超过尚欠的 ¥3.00',
  );
  expect(problemDetail('unprocessable', manualResolutionProblem('PROVINCIAL_CHARITY', { status: 'PAID', amountFen: 100 }, 300)!, 'zh-CN')).toBe(
    '省慈善总会须支付全部尚欠金额 ¥3.00，不能是 ¥1.00',
  );
});

test('a detail no pattern knows gets the Chinese title, never English', () => {
  expect(problemDetail('unprocessable', 'something nobody translated', 'zh-CN')).toBe(problemTitle('unprocessable', 'zh-CN'));
});

test('a document keeps its type, status, paths and extra members in every language', () => {
  const problem = new HttpProblem('stage-conflict', 'the cascade is not waiting on MEDICAL_ASSISTANCE', { currentStage: 'REIMBURSING' });
  expect(problem.toDocument('zh-CN')).toEqual({
    type: '/problems/stage-conflict',
    title: '案件当前所处阶段不允许此操作',
    status: 409,
    detail: '报销流程当前没有在等待医疗救助',
    currentStage: 'REIMBURSING',
  });
  expect(problem.toDocument('en').detail).toBe('the cascade is not waiting on MEDICAL_ASSISTANCE');
});
