/**
 * The reimbursement policy engine: one payer's claim, computed exactly as POLICY.md's Arithmetic
 * from the bill, the case and what the earlier payers ACTUALLY paid (a payer may reject, or an
 * administrator may resolve a claim by hand with any amount). Pure and free of I/O and of zod, so
 * the workflow can run it in Temporal's sandbox.
 */
import type { ClaimDecision } from '../events';
import { formatAmount, formatBp } from '../money';
import type { Bill } from '../schemas';
import { PAYERS, type AssistanceCategory, type HospitalLevel, type Payer } from '../stages';
import { FULL_RATIO_BP, pct, pos } from './policy.arithmetic';
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

/** How each payer is named inside explanations. */
export const PAYER_LABELS: Record<Payer, string> = {
  BASIC_MEDICAL_INSURANCE: 'basic insurance',
  CRITICAL_ILLNESS_INSURANCE: 'critical-illness insurance',
  MEDICAL_ASSISTANCE: 'medical assistance',
  DISABILITY_ASSISTANCE: 'disability assistance',
  PROVINCIAL_CHARITY: 'provincial charity',
};

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
  // POLICY.md's formulas never exceed what is owed (each is bounded by a remainder of the bill);
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
  if (!context.insured) {
    return rejected(REJECTION_REASONS.notInsured, 'Not enrolled in resident medical insurance: basic medical insurance pays 0.00.');
  }
  const level = policy.basicInsurance.byHospitalLevel[context.hospitalLevel];
  if (!level) {
    throw new PolicyError(
      [{ path: `basicInsurance.byHospitalLevel.${context.hospitalLevel}`, message: 'is missing, but the case is at a hospital of this level' }],
      `policy ${policy.version}`,
    );
  }
  const scope = context.bill.policyScopeFen;
  const intro = `Basic medical insurance (${context.hospitalLevel} hospital)`;
  if (scope <= level.deductibleFen) {
    return paid(0, `${intro}: policy-scope ${amount(scope)} does not exceed the deductible ${amount(level.deductibleFen)}, so it pays 0.00.`);
  }
  const computed = pct(scope - level.deductibleFen, level.ratioBp);
  const capFen = policy.basicInsurance.capFen;
  return paid(
    Math.min(capFen, computed),
    `${intro}: (policy-scope ${amount(scope)} − deductible ${amount(level.deductibleFen)}) × ${formatBp(level.ratioBp)} = ${amount(computed)}${capNote(computed, capFen)}.`,
  );
}

// ---- step 3: critical-illness insurance, by bands ----

function criticalIllnessClaim(policy: Policy, context: ClaimContext, ledger: Ledger): ClaimDecision {
  if (!context.insured) {
    return rejected(REJECTION_REASONS.notInsured, 'Not enrolled in resident medical insurance: critical-illness insurance pays 0.00.');
  }
  const rules = policy.criticalIllness;
  const owedInScope = remainder('policy-scope', context.bill.policyScopeFen, ledger.earlier);
  const vulnerable = (rules.vulnerable.categories as readonly AssistanceCategory[]).includes(context.assistanceCategory);
  const deductibleFen = vulnerable ? pct(rules.deductibleFen, rules.vulnerable.deductibleFactorBp) : rules.deductibleFen;
  const bonusBp = vulnerable ? rules.vulnerable.ratioBonusBp : 0;
  const deductibleText = vulnerable
    ? `Vulnerable household (${context.assistanceCategory}): deductible ${amount(rules.deductibleFen)} × ${formatBp(rules.vulnerable.deductibleFactorBp)} = ${amount(deductibleFen)}` +
      (bonusBp > 0 ? `, and +${points(bonusBp)} on every band's ratio` : '')
    : `Deductible ${amount(deductibleFen)}`;
  const intro = `Critical-illness insurance: still owed in policy scope = ${owedInScope.text}. ${deductibleText}`;
  if (owedInScope.fen <= deductibleFen) {
    return paid(0, `${intro}; ${amount(owedInScope.fen)} does not exceed it, so it pays 0.00.`);
  }

  const parts = bandParts(rules.bands, deductibleFen, owedInScope.fen, bonusBp);
  const totalFen = parts.reduce((sum, part) => sum + part.fen, 0);
  const total = parts.length > 1 ? ` Total ${parts.map((part) => amount(part.fen)).join(' + ')} = ${amount(totalFen)}` : '';
  const bandsText = `${parts.length > 1 ? 'Bands' : 'Band'}: ${parts.map((part) => part.text).join('; ')}.${total}`;
  const capFen = rules.capFen;
  const uncapped = vulnerable && rules.vulnerable.noCap;
  const decided = uncapped ? totalFen : Math.min(capFen, totalFen);
  const note = totalFen <= capFen ? '' : uncapped ? `; no cap for vulnerable households (the ${amount(capFen)} cap does not apply)` : `, capped at ${amount(capFen)}`;
  return paid(decided, `${intro}. ${bandsText}${note}.`);
}

interface BandPart {
  fen: number;
  text: string;
}

/** Band i covers [lo_i, hi_i): lo_0 = d, lo_i = max(fromFen_i, d), hi_i = fromFen_(i+1), the last open. */
function bandParts(bands: Policy['criticalIllness']['bands'], deductibleFen: number, owedFen: number, bonusBp: number): BandPart[] {
  const parts: BandPart[] = [];
  bands.forEach((band, i) => {
    const lo = i === 0 ? deductibleFen : Math.max(band.fromFen, deductibleFen);
    const next = bands[i + 1];
    const top = next ? Math.min(owedFen, next.fromFen) : owedFen;
    const width = pos(top - lo);
    if (width === 0) return;
    const ratio = Math.min(FULL_RATIO_BP, band.ratioBp + bonusBp);
    const ratioText =
      bonusBp > 0 ? `${formatBp(ratio)} (${formatBp(band.ratioBp)} + ${points(bonusBp)}${ratio < band.ratioBp + bonusBp ? ', at most 100%' : ''})` : formatBp(ratio);
    const fen = pct(width, ratio);
    parts.push({ fen, text: `${amount(lo)} to ${amount(top)}: ${amount(width)} × ${ratioText} = ${amount(fen)}` });
  });
  return parts;
}

// ---- step 5: medical assistance ----

function medicalAssistanceClaim(policy: Policy, context: ClaimContext, ledger: Ledger): ClaimDecision {
  const category = context.assistanceCategory;
  const listed = Object.keys(policy.medicalAssistance.byCategory).join(', ') || 'none';
  if (category === 'NONE') {
    return rejected(
      REJECTION_REASONS.notEligible,
      `Assistance category NONE: medical assistance is only for the categories the policy lists (${listed}), so it pays 0.00.`,
    );
  }
  const entry = policy.medicalAssistance.byCategory[category];
  if (!entry) {
    return rejected(
      REJECTION_REASONS.notEligible,
      `Assistance category ${category}: policy ${policy.version} gives medical assistance only to ${listed}, so it pays 0.00.`,
    );
  }
  const owedInScope = remainder('policy-scope', context.bill.policyScopeFen, ledger.earlier);
  const intro = `Medical assistance (${category}): still owed in policy scope = ${owedInScope.text}`;
  if (entry.deductibleFen > 0 && owedInScope.fen <= entry.deductibleFen) {
    return paid(0, `${intro}; it does not exceed the deductible ${amount(entry.deductibleFen)}, so it pays 0.00.`);
  }
  const computed = pct(pos(owedInScope.fen - entry.deductibleFen), entry.ratioBp);
  const formula =
    entry.deductibleFen > 0
      ? `(${amount(owedInScope.fen)} − deductible ${amount(entry.deductibleFen)}) × ${formatBp(entry.ratioBp)}`
      : `${amount(owedInScope.fen)} × ${formatBp(entry.ratioBp)}`;
  return paid(Math.min(entry.capFen, computed), `${intro}; ${formula} = ${amount(computed)}${capNote(computed, entry.capFen)}.`);
}

// ---- step 7: disability assistance ----

function disabilityAssistanceClaim(policy: Policy, context: ClaimContext, ledger: Ledger): ClaimDecision {
  const rules = policy.disabilityAssistance;
  const certified = hasCertificate(context);
  if (rules.requiresCertificate && !certified) {
    return rejected(REJECTION_REASONS.noCertificate, 'No disability certificate on file, and the policy requires one: disability assistance pays 0.00.');
  }
  const owed = remainder('total', context.bill.totalFen, ledger.earlier);
  const computed = pct(owed.fen, rules.ratioBp);
  const basis = certified ? 'certificate on file' : 'the policy requires no certificate';
  return paid(
    Math.min(rules.capFen, computed),
    `Disability assistance (${basis}): still owed = ${owed.text}; ${amount(owed.fen)} × ${formatBp(rules.ratioBp)} = ${amount(computed)}${capNote(computed, rules.capFen)}.`,
  );
}

// ---- step 8: the provincial charity settles the rest ----

function charityClaim(_policy: Policy, context: ClaimContext, ledger: Ledger): ClaimDecision {
  const owed = remainder('total', context.bill.totalFen, ledger.earlier);
  return paid(owed.fen, `Provincial charity pays the rest: ${owed.text}, so the patient pays nothing.`);
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

/** `pos(start − Σ earlier payments)`, and the subtraction written out for a person to check. */
function remainder(label: string, startFen: number, earlier: Ledger['earlier']): { fen: number; text: string } {
  const exact = earlier.reduce((rest, entry) => rest - entry.amountFen, startFen);
  const fen = pos(exact);
  const terms = earlier.map((entry) => ` − ${PAYER_LABELS[entry.payer]} ${amount(entry.amountFen)}`).join('');
  const result = exact < 0 ? `${amount(exact)}, so 0.00` : amount(fen);
  return { fen, text: terms === '' ? `${label} ${amount(startFen)}` : `${label} ${amount(startFen)}${terms} = ${result}` };
}

function hasCertificate(context: ClaimContext): boolean {
  return (context.disabilityCertificate ?? '').trim() !== '';
}

function capNote(computedFen: number, capFen: number): string {
  return computedFen > capFen ? `, capped at ${amount(capFen)}` : '';
}

/** 500 bp → "5 points" (percentage points added to a ratio). */
function points(bp: number): string {
  return `${formatBp(bp).replace('%', '')} points`;
}

const amount = formatAmount;

function paid(amountFen: number, explanation: string): ClaimDecision {
  return { status: 'PAID', amountFen, reason: null, reference: null, explanation };
}

function rejected(reason: RejectionReason, explanation: string): ClaimDecision {
  return { status: 'REJECTED', amountFen: 0, reason, reference: null, explanation };
}
