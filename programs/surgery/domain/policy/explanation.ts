/**
 * What the policy engine computed for one claim, as data: a template key and its numbers. Events
 * store it beside the English `explanation` sentence (kept for compatibility); readers render it in
 * the language asked for (explanation.render.ts). Pure types, so the workflow sandbox can carry it.
 */
import type { HospitalLevel, Payer } from '../stages';
import type { AssistanceCategory } from '../../../../domain/fields';

export interface EarlierPayment {
  payer: Payer;
  amountFen: number;
}

/** `pos(start − Σ earlier)`: what is still owed, with the subtraction written out. */
export interface Remainder {
  basis: 'policyScope' | 'total';
  startFen: number;
  earlier: EarlierPayment[];
  /** start − Σ earlier, which may be negative when the earlier payers paid more than the policy scope. */
  exactFen: number;
  owedFen: number;
}

/** The critical-illness deductible, halved (and the ratios raised) for a vulnerable household. */
export interface CriticalDeductible {
  /** The case's category when it is vulnerable; null otherwise. */
  vulnerableCategory: AssistanceCategory | null;
  baseFen: number;
  factorBp: number;
  deductibleFen: number;
  bonusBp: number;
}

export interface BandLine {
  loFen: number;
  hiFen: number;
  widthFen: number;
  baseRatioBp: number;
  bonusBp: number;
  /** base + bonus, at most 100 %. */
  ratioBp: number;
  amountFen: number;
}

export type ExplanationData =
  | { key: 'basic.notInsured' }
  | { key: 'basic.belowDeductible'; hospitalLevel: HospitalLevel; policyScopeFen: number; deductibleFen: number }
  | { key: 'basic.formula'; hospitalLevel: HospitalLevel; policyScopeFen: number; deductibleFen: number; ratioBp: number; computedFen: number; capFen: number }
  | { key: 'critical.notInsured' }
  | { key: 'critical.belowDeductible'; owed: Remainder; deductible: CriticalDeductible }
  | { key: 'critical.bands'; owed: Remainder; deductible: CriticalDeductible; bands: BandLine[]; totalFen: number; capFen: number; uncapped: boolean }
  | { key: 'assistance.categoryNone'; listed: string[] }
  | { key: 'assistance.categoryNotListed'; category: AssistanceCategory; policyVersion: string; listed: string[] }
  | { key: 'assistance.belowDeductible'; category: AssistanceCategory; owed: Remainder; deductibleFen: number }
  | { key: 'assistance.formula'; category: AssistanceCategory; owed: Remainder; deductibleFen: number; ratioBp: number; computedFen: number; capFen: number }
  | { key: 'disability.noCertificate' }
  | { key: 'disability.formula'; certified: boolean; owed: Remainder; ratioBp: number; computedFen: number; capFen: number }
  | { key: 'charity.rest'; owed: Remainder }
  | {
      key: 'manual.proposal';
      status: 'PAID' | 'REJECTED';
      amountFen: number;
      owedFen: number;
      reason: string | null;
      reference: string;
      proposedBy: string;
      approvedBy: string;
      overridePolicy: boolean;
      policyAmountFen: number;
      note: string | null;
    };

