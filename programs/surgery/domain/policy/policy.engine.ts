/**
 * The reimbursement policy engine: one payer's claim, computed exactly by the policy's arithmetic
 * from the bill, the case and what the earlier payers ACTUALLY paid (a payer may reject, or an
 * administrator may resolve a claim by hand with any amount). Pure and free of I/O and of zod, so
 * the workflow can run it in Temporal's sandbox.
 */
import type { ClaimDecision } from '../events';
import { formatAmount } from '../../../../domain/money';
import type { Bill } from '../schemas';
import { PAYERS, type HospitalLevel, type Payer } from '../stages';
import { type AssistanceCategory } from '../../../../domain/fields';
import { FULL_RATIO_BP, pct, pos } from './policy.arithmetic';
import type { BandLine, CriticalDeductible, ExplanationData, Remainder } from './explanation';
import { explainInEnglish } from './explanation.en';
import { PolicyError } from './policy.error';
import type { Policy } from './policy.schema';

export interface ClaimContext {
  bill: Bill;
  insured: boolean;
  assistanceCategory: AssistanceCategory;
  disabilityCertificate: string | null;
  hospitalLevel: HospitalLevel;
}

/** Amounts actually paid by the payers before this one (a rejected or absent payer paid 0). */
export type PaidSoFar = Partial<Record<Payer, number>>;

export const REJECTION_REASONS = {
  notInsured: 'NOT_INSURED',
  notEligible: 'NOT_ELIGIBLE',
  noCertificate: 'NO_CERTIFICATE',
} as const;
export type RejectionReason = (typeof REJECTION_REASONS)[keyof typeof REJECTION_REASONS];

export { PAYER_LABELS } from './explanation.en';

/** What the payers before one have paid, in cascade order, and what is still owed on the bill. */
interface Ledger {
  earlier: readonly { payer: Payer; amountFen: number }[];
  owedFen: number;
}

type ClaimStep = (policy: Policy, context: ClaimContext, ledger: Ledger) => ClaimDecision;

/**
 * One payer's decision. Only the payers before `payer` in the cascade are read from `paidSoFar`.
 * Throws a RangeError when the bill or the earlier payments are impossible (a caller's bug).
 */
export function computeClaim(policy: Policy, payer: Payer, context: ClaimContext, paidSoFar: PaidSoFar): ClaimDecision {
  assertBill(context.bill);
  const ledger = ledgerBefore(payer, context.bill, paidSoFar);
  const decision = CLAIM_STEPS[payer](policy, context, ledger);
  // The policy's formulas never exceed what is owed (each is bounded by a remainder of the bill);
  // this guard only makes that bound impossible to break by a future edit.
  if (decision.amountFen > ledger.owedFen) {
    throw new RangeError(`${payer}: computed ${decision.amountFen} fen but only ${ledger.owedFen} fen is still owed`);
  }
  return decision;
}

const CLAIM_STEPS: Record<Payer, ClaimStep> = {
  BASIC_MEDICAL_INSURANCE: basicInsuranceClaim,
  CRITICAL_ILLNESS_INSURANCE: criticalIllnessClaim,
  MEDICAL_ASSISTANCE: medicalAssistanceClaim,
  DISABILITY_ASSISTANCE: disabilityAssistanceClaim,
  PROVINCIAL_CHARITY: charityClaim,
};

// ---- step 1: basic medical insurance ----

function basicInsuranceClaim(policy: Policy, context: ClaimContext): ClaimDecision {
  if (!context.insured) return rejected(REJECTION_REASONS.notInsured, { key: 'basic.notInsured' });
  const level = policy.basicInsurance.byHospitalLevel[context.hospitalLevel];
  if (!level) {
    throw new PolicyError(
      [{ path: `basicInsurance.byHospitalLevel.${context.hospitalLevel}`, message: 'is missing, but the case is at a hospital of this level' }],
      `policy ${policy.version}`,
    );
  }
  const scope = context.bill.policyScopeFen;
  const figures = { hospitalLevel: context.hospitalLevel, policyScopeFen: scope, deductibleFen: level.deductibleFen };
  if (scope <= level.deductibleFen) return paid(0, { key: 'basic.belowDeductible', ...figures });
  const computed = pct(scope - level.deductibleFen, level.ratioBp);
  const capFen = policy.basicInsurance.capFen;
  return paid(Math.min(capFen, computed), { key: 'basic.formula', ...figures, ratioBp: level.ratioBp, computedFen: computed, capFen });
}

// ---- step 3: critical-illness insurance, by bands ----

function criticalIllnessClaim(policy: Policy, context: ClaimContext, ledger: Ledger): ClaimDecision {
  if (!context.insured) return rejected(REJECTION_REASONS.notInsured, { key: 'critical.notInsured' });
  const rules = policy.criticalIllness;
  const owed = remainder('policyScope', context.bill.policyScopeFen, ledger.earlier);
  const vulnerable = (rules.vulnerable.categories as readonly AssistanceCategory[]).includes(context.assistanceCategory);
  const deductibleFen = vulnerable ? pct(rules.deductibleFen, rules.vulnerable.deductibleFactorBp) : rules.deductibleFen;
  const bonusBp = vulnerable ? rules.vulnerable.ratioBonusBp : 0;
  const deductible: CriticalDeductible = {
    vulnerableCategory: vulnerable ? context.assistanceCategory : null,
    baseFen: rules.deductibleFen,
    factorBp: rules.vulnerable.deductibleFactorBp,
    deductibleFen,
    bonusBp,
  };
  if (owed.owedFen <= deductibleFen) return paid(0, { key: 'critical.belowDeductible', owed, deductible });

  const bands = bandLines(rules.bands, deductibleFen, owed.owedFen, bonusBp);
  const totalFen = bands.reduce((sum, band) => sum + band.amountFen, 0);
  const capFen = rules.capFen;
  const uncapped = vulnerable && rules.vulnerable.noCap;
  const decided = uncapped ? totalFen : Math.min(capFen, totalFen);
  return paid(decided, { key: 'critical.bands', owed, deductible, bands, totalFen, capFen, uncapped });
}

/** Band i covers [lo_i, hi_i): lo_0 = d, lo_i = max(fromFen_i, d), hi_i = fromFen_(i+1), the last open. */
function bandLines(bands: Policy['criticalIllness']['bands'], deductibleFen: number, owedFen: number, bonusBp: number): BandLine[] {
  const lines: BandLine[] = [];
  bands.forEach((band, i) => {
    const lo = i === 0 ? deductibleFen : Math.max(band.fromFen, deductibleFen);
    const next = bands[i + 1];
    const top = next ? Math.min(owedFen, next.fromFen) : owedFen;
    const width = pos(top - lo);
    if (width === 0) return;
    const ratio = Math.min(FULL_RATIO_BP, band.ratioBp + bonusBp);
    lines.push({ loFen: lo, hiFen: top, widthFen: width, baseRatioBp: band.ratioBp, bonusBp, ratioBp: ratio, amountFen: pct(width, ratio) });
  });
  return lines;
}

// ---- step 5: medical assistance ----

function medicalAssistanceClaim(policy: Policy, context: ClaimContext, ledger: Ledger): ClaimDecision {
  const category = context.assistanceCategory;
  const listed = Object.keys(policy.medicalAssistance.byCategory);
  if (category === 'NONE') return rejected(REJECTION_REASONS.notEligible, { key: 'assistance.categoryNone', listed });
  const entry = policy.medicalAssistance.byCategory[category];
  if (!entry) return rejected(REJECTION_REASONS.notEligible, { key: 'assistance.categoryNotListed', category, policyVersion: policy.version, listed });
  const owed = remainder('policyScope', context.bill.policyScopeFen, ledger.earlier);
  if (entry.deductibleFen > 0 && owed.owedFen <= entry.deductibleFen) {
    return paid(0, { key: 'assistance.belowDeductible', category, owed, deductibleFen: entry.deductibleFen });
  }
  const computed = pct(pos(owed.owedFen - entry.deductibleFen), entry.ratioBp);
  return paid(Math.min(entry.capFen, computed), {
    key: 'assistance.formula',
    category,
    owed,
    deductibleFen: entry.deductibleFen,
    ratioBp: entry.ratioBp,
    computedFen: computed,
    capFen: entry.capFen,
  });
}

// ---- step 7: disability assistance ----

function disabilityAssistanceClaim(policy: Policy, context: ClaimContext, ledger: Ledger): ClaimDecision {
  const rules = policy.disabilityAssistance;
  const certified = hasCertificate(context);
  if (rules.requiresCertificate && !certified) return rejected(REJECTION_REASONS.noCertificate, { key: 'disability.noCertificate' });
  const owed = remainder('total', context.bill.totalFen, ledger.earlier);
  const computed = pct(owed.owedFen, rules.ratioBp);
  return paid(Math.min(rules.capFen, computed), { key: 'disability.formula', certified, owed, ratioBp: rules.ratioBp, computedFen: computed, capFen: rules.capFen });
}

// ---- step 8: the provincial charity settles the rest ----

function charityClaim(_policy: Policy, context: ClaimContext, ledger: Ledger): ClaimDecision {
  const owed = remainder('total', context.bill.totalFen, ledger.earlier);
  return paid(owed.owedFen, { key: 'charity.rest', owed });
}

// ---- helpers ----

function ledgerBefore(payer: Payer, bill: Bill, paidSoFar: PaidSoFar): Ledger {
  const earlier = PAYERS.slice(0, PAYERS.indexOf(payer)).map((earlierPayer) => {
    const amountFen = paidSoFar[earlierPayer] ?? 0;
    if (!Number.isSafeInteger(amountFen) || amountFen < 0) {
      throw new RangeError(`${earlierPayer} paid ${amountFen}: a payment must be a non-negative integer number of fen`);
    }
    return { payer: earlierPayer, amountFen };
  });
  const paidFen = earlier.reduce((sum, entry) => sum + entry.amountFen, 0);
  if (paidFen > bill.totalFen) {
    throw new RangeError(`the payers before ${payer} paid ${paidFen} fen, more than the bill's total ${bill.totalFen} fen`);
  }
  return { earlier, owedFen: bill.totalFen - paidFen };
}

function assertBill(bill: Bill): void {
  const { totalFen, policyScopeFen } = bill;
  if (!Number.isSafeInteger(totalFen) || totalFen < 1) throw new RangeError(`bill.totalFen must be a positive integer number of fen, got ${totalFen}`);
  if (!Number.isSafeInteger(policyScopeFen) || policyScopeFen < 0 || policyScopeFen > totalFen) {
    throw new RangeError(`bill.policyScopeFen must be an integer 0…totalFen (${totalFen}), got ${policyScopeFen}`);
  }
}

/** `pos(start − Σ earlier payments)`, with the terms kept so the subtraction can be written out. */
function remainder(basis: Remainder['basis'], startFen: number, earlier: Ledger['earlier']): Remainder {
  const exactFen = earlier.reduce((rest, entry) => rest - entry.amountFen, startFen);
  return { basis, startFen, earlier: earlier.map((entry) => ({ ...entry })), exactFen, owedFen: pos(exactFen) };
}

function hasCertificate(context: ClaimContext): boolean {
  return (context.disabilityCertificate ?? '').trim() !== '';
}

/**
 * The stored `explanation` is the English sentence as it has always been written (amounts without ¥),
 * so events and the payers' books keep one format; readers render `explanationData` instead.
 */
function paid(amountFen: number, explanationData: ExplanationData): ClaimDecision {
  return { status: 'PAID', amountFen, reason: null, reference: null, explanation: explainInEnglish(explanationData, formatAmount), explanationData };
}

function rejected(reason: RejectionReason, explanationData: ExplanationData): ClaimDecision {
  return { status: 'REJECTED', amountFen: 0, reason, reference: null, explanation: explainInEnglish(explanationData, formatAmount), explanationData };
}
