/**
 * Explanations in English. With `formatAmount` as the money format this writes exactly the sentence
 * the engine has always stored in an event's `explanation` (kept byte for byte, for compatibility);
 * readers get it with `formatYuan` (¥ before every amount, as in Chinese).
 */
import { formatBp } from '../../../../domain/money';
import type { Payer } from '../stages';
import type { BandLine, CriticalDeductible, ExplanationData, Remainder } from './explanation';

type Money = (fen: number) => string;

/** How each payer is named inside English explanations. */
export const PAYER_LABELS: Record<Payer, string> = {
  BASIC_MEDICAL_INSURANCE: 'basic insurance',
  CRITICAL_ILLNESS_INSURANCE: 'critical-illness insurance',
  MEDICAL_ASSISTANCE: 'medical assistance',
  DISABILITY_ASSISTANCE: 'disability assistance',
  PROVINCIAL_CHARITY: 'provincial charity',
};

const BASIS_LABELS: Record<Remainder['basis'], string> = { policyScope: 'policy-scope', total: 'total' };

export function explainInEnglish(data: ExplanationData, money: Money): string {
  const zero = money(0);
  const capNote = (computedFen: number, capFen: number) => (computedFen > capFen ? `, capped at ${money(capFen)}` : '');
  switch (data.key) {
    case 'basic.notInsured':
      return `Not enrolled in resident medical insurance: basic medical insurance pays ${zero}.`;
    case 'basic.belowDeductible':
      return `Basic medical insurance (${data.hospitalLevel} hospital): policy-scope ${money(data.policyScopeFen)} does not exceed the deductible ${money(data.deductibleFen)}, so it pays ${zero}.`;
    case 'basic.formula':
      return `Basic medical insurance (${data.hospitalLevel} hospital): (policy-scope ${money(data.policyScopeFen)} − deductible ${money(data.deductibleFen)}) × ${formatBp(data.ratioBp)} = ${money(data.computedFen)}${capNote(data.computedFen, data.capFen)}.`;
    case 'critical.notInsured':
      return `Not enrolled in resident medical insurance: critical-illness insurance pays ${zero}.`;
    case 'critical.belowDeductible':
      return `${criticalIntro(data.owed, data.deductible, money)}; ${money(data.owed.owedFen)} does not exceed it, so it pays ${zero}.`;
    case 'critical.bands': {
      const parts = data.bands;
      const total = parts.length > 1 ? ` Total ${parts.map((part) => money(part.amountFen)).join(' + ')} = ${money(data.totalFen)}` : '';
      const bandsText = `${parts.length > 1 ? 'Bands' : 'Band'}: ${parts.map((part) => bandText(part, money)).join('; ')}.${total}`;
      const note =
        data.totalFen <= data.capFen ? '' : data.uncapped ? `; no cap for vulnerable households (the ${money(data.capFen)} cap does not apply)` : `, capped at ${money(data.capFen)}`;
      return `${criticalIntro(data.owed, data.deductible, money)}. ${bandsText}${note}.`;
    }
    case 'assistance.categoryNone':
      return `Assistance category NONE: medical assistance is only for the categories the policy lists (${listed(data.listed)}), so it pays ${zero}.`;
    case 'assistance.categoryNotListed':
      return `Assistance category ${data.category}: policy ${data.policyVersion} gives medical assistance only to ${listed(data.listed)}, so it pays ${zero}.`;
    case 'assistance.belowDeductible':
      return `Medical assistance (${data.category}): still owed in policy scope = ${remainderText(data.owed, money)}; it does not exceed the deductible ${money(data.deductibleFen)}, so it pays ${zero}.`;
    case 'assistance.formula': {
      const formula =
        data.deductibleFen > 0
          ? `(${money(data.owed.owedFen)} − deductible ${money(data.deductibleFen)}) × ${formatBp(data.ratioBp)}`
          : `${money(data.owed.owedFen)} × ${formatBp(data.ratioBp)}`;
      return `Medical assistance (${data.category}): still owed in policy scope = ${remainderText(data.owed, money)}; ${formula} = ${money(data.computedFen)}${capNote(data.computedFen, data.capFen)}.`;
    }
    case 'disability.noCertificate':
      return `No disability certificate on file, and the policy requires one: disability assistance pays ${zero}.`;
    case 'disability.formula': {
      const basis = data.certified ? 'certificate on file' : 'the policy requires no certificate';
      return `Disability assistance (${basis}): still owed = ${remainderText(data.owed, money)}; ${money(data.owed.owedFen)} × ${formatBp(data.ratioBp)} = ${money(data.computedFen)}${capNote(data.computedFen, data.capFen)}.`;
    }
    case 'charity.rest':
      return `Provincial charity pays the rest: ${remainderText(data.owed, money)}, so the patient pays nothing.`;
    case 'manual.proposal':
      return (
        (data.status === 'PAID'
          ? `Resolved by hand: paid ¥${stripYen(money(data.amountFen))} of ¥${stripYen(money(data.owedFen))} still owed, reference ${data.reference}`
          : `Rejected by hand: ${data.reason}, reference ${data.reference}`) +
        `; proposed by ${data.proposedBy}, approved by ${data.approvedBy}` +
        (data.overridePolicy ? `; the policy would have paid ¥${stripYen(money(data.policyAmountFen))}, set aside: ${data.note}` : data.note ? ` (${data.note})` : '')
      );
  }
}

function criticalIntro(owed: Remainder, deductible: CriticalDeductible, money: Money): string {
  const deductibleText =
    deductible.vulnerableCategory !== null
      ? `Vulnerable household (${deductible.vulnerableCategory}): deductible ${money(deductible.baseFen)} × ${formatBp(deductible.factorBp)} = ${money(deductible.deductibleFen)}` +
        (deductible.bonusBp > 0 ? `, and +${points(deductible.bonusBp)} on every band's ratio` : '')
      : `Deductible ${money(deductible.deductibleFen)}`;
  return `Critical-illness insurance: still owed in policy scope = ${remainderText(owed, money)}. ${deductibleText}`;
}

function bandText(part: BandLine, money: Money): string {
  const ratioText =
    part.bonusBp > 0
      ? `${formatBp(part.ratioBp)} (${formatBp(part.baseRatioBp)} + ${points(part.bonusBp)}${part.ratioBp < part.baseRatioBp + part.bonusBp ? ', at most 100%' : ''})`
      : formatBp(part.ratioBp);
  return `${money(part.loFen)} to ${money(part.hiFen)}: ${money(part.widthFen)} × ${ratioText} = ${money(part.amountFen)}`;
}

/** The subtraction written out for a person to check. */
function remainderText(owed: Remainder, money: Money): string {
  const label = BASIS_LABELS[owed.basis];
  const terms = owed.earlier.map((entry) => ` − ${PAYER_LABELS[entry.payer]} ${money(entry.amountFen)}`).join('');
  const result = owed.exactFen < 0 ? `${money(owed.exactFen)}, so ${money(0)}` : money(owed.owedFen);
  return terms === '' ? `${label} ${money(owed.startFen)}` : `${label} ${money(owed.startFen)}${terms} = ${result}`;
}

/** 500 bp → "5 points" (percentage points added to a ratio). */
function points(bp: number): string {
  return `${formatBp(bp).replace('%', '')} points`;
}

function listed(categories: readonly string[]): string {
  return categories.join(', ') || 'none';
}

/** Resolutions by hand were always written with ¥; whichever money format is asked, one ¥ only. */
function stripYen(text: string): string {
  return text.replace(/^¥/, '');
}
