/**
 * Explanations in 简体中文, with the glossary's terms, so that a clerk or a patient's family can check
 * each amount by hand: the same figures as the English sentence, in the order the policy uses them.
 */
import { CATEGORY_TERMS } from '../../../../domain/glossary';
import { HOSPITAL_LEVEL_TERMS, PAYER_TERMS } from '../glossary';
import { formatBp, formatYuan } from '../../../../domain/money';
import type { BandLine, CriticalDeductible, ExplanationData, Remainder } from './explanation';

const money = formatYuan;
const ZERO = money(0);
const BASIS: Record<Remainder['basis'], string> = { policyScope: '政策范围内费用', total: '总费用' };

const payer = (p: keyof typeof PAYER_TERMS) => PAYER_TERMS[p]['zh-CN'];
const category = (c: keyof typeof CATEGORY_TERMS) => CATEGORY_TERMS[c]['zh-CN'];

export function explainInChinese(data: ExplanationData): string {
  const capNote = (computedFen: number, capFen: number) => (computedFen > capFen ? `，超过封顶线，按封顶线 ${money(capFen)} 支付` : '');
  switch (data.key) {
    case 'basic.notInsured':
      return `未参加城乡居民基本医疗保险：城乡居民基本医疗保险支付 ${ZERO}。`;
    case 'basic.belowDeductible':
      return `城乡居民基本医疗保险（${HOSPITAL_LEVEL_TERMS[data.hospitalLevel]['zh-CN']}）：政策范围内费用 ${money(data.policyScopeFen)} 未超过起付线 ${money(data.deductibleFen)}，支付 ${ZERO}。`;
    case 'basic.formula':
      return `城乡居民基本医疗保险（${HOSPITAL_LEVEL_TERMS[data.hospitalLevel]['zh-CN']}）：（政策范围内费用 ${money(data.policyScopeFen)} − 起付线 ${money(data.deductibleFen)}）× 报销比例 ${formatBp(data.ratioBp)} = ${money(data.computedFen)}${capNote(data.computedFen, data.capFen)}。`;
    case 'critical.notInsured':
      return `未参加城乡居民基本医疗保险：大病保险支付 ${ZERO}。`;
    case 'critical.belowDeductible':
      return `${criticalIntro(data.owed, data.deductible)}；${money(data.owed.owedFen)} 未超过起付线，支付 ${ZERO}。`;
    case 'critical.bands': {
      const parts = data.bands;
      const total = parts.length > 1 ? `合计 ${parts.map((part) => money(part.amountFen)).join(' + ')} = ${money(data.totalFen)}` : '';
      const note =
        data.totalFen <= data.capFen ? '' : data.uncapped ? `；特殊困难群体不设封顶线（封顶线 ${money(data.capFen)} 不适用）` : `，超过封顶线，按封顶线 ${money(data.capFen)} 支付`;
      return `${criticalIntro(data.owed, data.deductible)}。分段：${parts.map(bandText).join('；')}${total ? `。${total}` : ''}${note}。`;
    }
    case 'assistance.categoryNone':
      return `救助类别为“无”：医疗救助仅限政策所列类别（${listed(data.listed)}），支付 ${ZERO}。`;
    case 'assistance.categoryNotListed':
      return `救助类别为${category(data.category)}：政策 ${data.policyVersion} 的医疗救助仅限${listed(data.listed)}，支付 ${ZERO}。`;
    case 'assistance.belowDeductible':
      return `医疗救助（${category(data.category)}）：政策范围内费用尚未报销部分 = ${remainderText(data.owed)}，未超过起付线 ${money(data.deductibleFen)}，支付 ${ZERO}。`;
    case 'assistance.formula': {
      const formula =
        data.deductibleFen > 0
          ? `（${money(data.owed.owedFen)} − 起付线 ${money(data.deductibleFen)}）× 救助比例 ${formatBp(data.ratioBp)}`
          : `${money(data.owed.owedFen)} × 救助比例 ${formatBp(data.ratioBp)}`;
      return `医疗救助（${category(data.category)}）：政策范围内费用尚未报销部分 = ${remainderText(data.owed)}；${formula} = ${money(data.computedFen)}${capNote(data.computedFen, data.capFen)}。`;
    }
    case 'disability.noCertificate':
      return `未登记残疾人证，而政策要求持证：残疾人救助支付 ${ZERO}。`;
    case 'disability.formula': {
      const basis = data.certified ? '已持残疾人证' : '政策不要求持残疾人证';
      return `残疾人救助（${basis}）：尚未支付部分 = ${remainderText(data.owed)}；${money(data.owed.owedFen)} × 救助比例 ${formatBp(data.ratioBp)} = ${money(data.computedFen)}${capNote(data.computedFen, data.capFen)}。`;
    }
    case 'charity.rest':
      return `省慈善总会支付剩余部分：${remainderText(data.owed)}，个人自付 ${ZERO}。`;
    case 'manual.proposal':
      return (
        (data.status === 'PAID'
          ? `人工处理：在尚欠的 ${money(data.owedFen)} 中支付 ${money(data.amountFen)}，凭证号 ${data.reference}`
          : `人工处理：拒付，原因：${data.reason}，凭证号 ${data.reference}`) +
        `；由 ${data.proposedBy} 提出，${data.approvedBy} 批准` +
        (data.overridePolicy ? `；按政策应付 ${money(data.policyAmountFen)}，未按政策处理，理由：${data.note}` : data.note ? `（${data.note}）` : '') +
        '。'
      );
  }
}

function criticalIntro(owed: Remainder, deductible: CriticalDeductible): string {
  const deductibleText =
    deductible.vulnerableCategory !== null
      ? `${category(deductible.vulnerableCategory)}享受倾斜政策：起付线 ${money(deductible.baseFen)} × ${formatBp(deductible.factorBp)} = ${money(deductible.deductibleFen)}` +
        (deductible.bonusBp > 0 ? `，各分段报销比例提高 ${points(deductible.bonusBp)}` : '')
      : `起付线 ${money(deductible.deductibleFen)}`;
  return `大病保险：政策范围内费用尚未报销部分 = ${remainderText(owed)}。${deductibleText}`;
}

function bandText(part: BandLine): string {
  const ratioText =
    part.bonusBp > 0
      ? `${formatBp(part.ratioBp)}（${formatBp(part.baseRatioBp)} + ${points(part.bonusBp)}${part.ratioBp < part.baseRatioBp + part.bonusBp ? '，最高 100%' : ''}）`
      : formatBp(part.ratioBp);
  // No space after a full-width parenthesis, as Chinese typesetting has it.
  return `${money(part.loFen)} 至 ${money(part.hiFen)}：${money(part.widthFen)} × ${ratioText}${ratioText.endsWith('）') ? '' : ' '}= ${money(part.amountFen)}`;
}

function remainderText(owed: Remainder): string {
  const terms = owed.earlier.map((entry) => ` − ${payer(entry.payer)} ${money(entry.amountFen)}`).join('');
  const result = owed.exactFen < 0 ? `${money(owed.exactFen)}，按 ${ZERO} 计` : money(owed.owedFen);
  return terms === '' ? `${BASIS[owed.basis]} ${money(owed.startFen)}` : `${BASIS[owed.basis]} ${money(owed.startFen)}${terms} = ${result}`;
}

/** 500 bp → "5 个百分点". */
function points(bp: number): string {
  return `${formatBp(bp).replace('%', '')} 个百分点`;
}

function listed(categories: readonly string[]): string {
  return categories.map((c) => (c in CATEGORY_TERMS ? category(c as keyof typeof CATEGORY_TERMS) : c)).join('、') || '无';
}
