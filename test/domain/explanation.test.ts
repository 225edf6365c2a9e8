/** Explanations rendered from the engine's data, in both languages, for the policy's worked example. */
import { settle } from '../../programs/surgery/domain/policy/index';
import type { ExplanationData } from '../../programs/surgery/domain/policy/explanation';
import { claimExplanation, renderExplanation } from '../../programs/surgery/domain/policy/explanation.render';
import { WORKED_EXAMPLE_EN, WORKED_EXAMPLE_ZH } from '../fixtures/worked-example-explanations';
import { caseContext, defaultPolicy } from './policy.fixtures';

const claims = settle(defaultPolicy, caseContext());
const data = claims.map((claim) => claim.explanationData as ExplanationData);

test('each claim records its template key and figures', () => {
  expect(data.map((d) => d.key)).toEqual(['basic.formula', 'critical.bands', 'assistance.formula', 'disability.formula', 'charity.rest']);
  expect(data[0]).toMatchObject({ hospitalLevel: 'TERTIARY_A', policyScopeFen: 9_000_000, deductibleFen: 140_000, ratioBp: 6500, computedFen: 5_759_000 });
  expect(data[3]).toMatchObject({ ratioBp: 10_000, computedFen: 3_336_825, capFen: 1_600_000 });
});

test('the worked example in 简体中文, exactly', () => {
  expect(data.map((d) => renderExplanation(d, 'zh-CN'))).toEqual(WORKED_EXAMPLE_ZH);
});

test('the worked example in English, exactly', () => {
  expect(data.map((d) => renderExplanation(d, 'en'))).toEqual(WORKED_EXAMPLE_EN);
});

test('the stored sentence stays the English one events always had (amounts without ¥)', () => {
  expect(claims[0]!.explanation).toBe('Basic medical insurance (TERTIARY_A hospital): (policy-scope 90,000.00 − deductible 1,400.00) × 65% = 57,590.00.');
});

test('a claim recorded before explanations were data shows its stored sentence in every language', () => {
  const old = { explanation: 'Provincial charity pays the rest: total 1.00, so the patient pays nothing.' };
  expect(claimExplanation(old, 'zh-CN')).toBe(old.explanation);
  expect(claimExplanation(old, 'en')).toBe(old.explanation);
});

test('rejections and caps read in Chinese too', () => {
  const uninsured = settle(defaultPolicy, caseContext({ insured: false, disabilityCertificate: null }));
  expect(renderExplanation(uninsured[0]!.explanationData!, 'zh-CN')).toBe('未参加城乡居民基本医疗保险：城乡居民基本医疗保险支付 ¥0.00。');
  expect(renderExplanation(uninsured[3]!.explanationData!, 'zh-CN')).toBe('未登记残疾人证，而政策要求持证：残疾人救助支付 ¥0.00。');
});

test('a resolution by hand, in both languages', () => {
  const data: ExplanationData = {
    key: 'manual.proposal',
    status: 'PAID',
    amountFen: 429_000,
    owedFen: 12_000_000,
    reason: null,
    reference: 'OFFLINE-42',
    proposedBy: 'admin-wang',
    approvedBy: 'admin-zhao',
    overridePolicy: false,
    policyAmountFen: 5_759_000,
    note: null,
  };
  expect(renderExplanation(data, 'zh-CN')).toBe('人工处理：在尚欠的 ¥120,000.00 中支付 ¥4,290.00，凭证号 OFFLINE-42；由 admin-wang 提出，admin-zhao 批准。');
  expect(renderExplanation(data, 'en')).toBe('Resolved by hand: paid ¥4,290.00 of ¥120,000.00 still owed, reference OFFLINE-42; proposed by admin-wang, approved by admin-zhao');
});
