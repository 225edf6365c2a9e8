/**
 * The whole cascade, purely: the five claims in order, each seeing what the earlier ones actually
 * paid, with optional per-payer overrides standing in for manual resolutions or forced rejections.
 * The workflow runs the claims one by one; tests and the benchmark use `settle` to know the
 * expected amounts. The settlement invariant lives here so both check the same thing.
 */
import type { ClaimDecision } from '../events';
import { formatAmount } from '../../../../domain/money';
import { PAYERS, type Payer } from '../stages';
import { computeClaim, type ClaimContext, type PaidSoFar } from './policy.engine';
import type { Policy } from './policy.schema';

/** A settlement that would break the rules: an override out of range, or a sum that is not the bill. */
export class SettlementError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SettlementError';
  }
}

export interface OverrideStep {
  payer: Payer;
  /** The bill's total minus everything the earlier payers actually paid. */
  owedFen: number;
  /** What the engine would have decided. */
  computed: ClaimDecision;
}

/**
 * A decision taken by hand (an administrator's resolution, or a forced rejection): the shape of the
 * resolve-claim request, so a `ClaimDecision` fits too. A rejection pays 0.
 */
export interface ManualResolution {
  status: 'PAID' | 'REJECTED';
  amountFen?: number;
  reason?: string | null;
  reference?: string | null;
  explanation?: string;
}

/** A resolution that replaces the engine's decision, or a function choosing one once the amount owed is known. */
export type ClaimOverride = ManualResolution | ((step: OverrideStep) => ManualResolution);
export type SettlementOverrides = Partial<Record<Payer, ClaimOverride>>;

export interface SettledClaim extends ClaimDecision {
  payer: Payer;
  overridden: boolean;
}

/** The five decisions in cascade order. Throws `SettlementError` when an override breaks a rule. */
export function settle(policy: Policy, context: ClaimContext, overrides: SettlementOverrides = {}): SettledClaim[] {
  const paidSoFar: PaidSoFar = {};
  let owedFen = context.bill.totalFen;
  const claims = PAYERS.map((payer): SettledClaim => {
    const computed = computeClaim(policy, payer, context, paidSoFar);
    const override = overrides[payer];
    let decision = computed;
    if (override !== undefined) {
      const resolution = typeof override === 'function' ? override({ payer, owedFen, computed }) : override;
      const problem = manualResolutionProblem(payer, resolution, owedFen);
      if (problem) throw new SettlementError(`${payer}: ${problem}`);
      decision = manualDecision(resolution);
    }
    const paidFen = decision.status === 'PAID' ? decision.amountFen : 0;
    paidSoFar[payer] = paidFen;
    owedFen -= paidFen;
    return { payer, ...decision, overridden: override !== undefined };
  });
  assertSettlementInvariant(context.bill.totalFen, paidSoFar);
  return claims;
}

/**
 * Why a decision taken by hand cannot stand, or null when it can. An amount resolved by
 * hand lies in 0…(what is still owed). The charity is the last payer and out-of-pocket is always 0,
 * so its claim can only be resolved with exactly what is still owed.
 */
export function manualResolutionProblem(payer: Payer, resolution: { status: 'PAID' | 'REJECTED'; amountFen?: number }, owedFen: number): string | null {
  const { status, amountFen } = resolution;
  if (status === 'REJECTED') {
    if (amountFen !== undefined && amountFen !== 0) return `a rejected claim pays 0, not ${amountFen} fen`;
    if (payer === 'PROVINCIAL_CHARITY' && owedFen > 0) return `the provincial charity cannot reject while ${owedFen} fen is still owed: the patient pays nothing`;
    return null;
  }
  if (amountFen === undefined) return 'a paid claim needs an amount';
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) return `amount must be a non-negative integer number of fen, got ${amountFen}`;
  if (amountFen > owedFen) return `amount ${amountFen} fen is more than the ${owedFen} fen still owed`;
  if (payer === 'PROVINCIAL_CHARITY' && amountFen !== owedFen) return `the provincial charity pays exactly what is still owed (${owedFen} fen), not ${amountFen} fen`;
  return null;
}

/** The decision a valid manual resolution stands for, with a plain explanation when none is given. */
export function manualDecision(resolution: ManualResolution): ClaimDecision {
  const amountFen = resolution.status === 'PAID' ? (resolution.amountFen ?? 0) : 0;
  const reason = resolution.reason ?? null;
  const reference = resolution.reference ?? null;
  const explanation =
    resolution.explanation ??
    (resolution.status === 'PAID'
      ? `Resolved by hand: paid ${formatAmount(amountFen)}${reference ? ` (reference ${reference})` : ''}.`
      : `Rejected by hand${reason ? `: ${reason}` : ''}; pays 0.00.`);
  return { status: resolution.status, amountFen, reason, reference, explanation };
}

/**
 * The settlement invariant: every amount is a non-negative integer and they sum to the bill's total,
 * so the patient's out-of-pocket is 0. Throws `SettlementError` saying what is wrong.
 */
export function assertSettlementInvariant(totalFen: number, amounts: readonly number[] | PaidSoFar): void {
  if (!Number.isSafeInteger(totalFen) || totalFen < 1) throw new SettlementError(`settlement invariant: the bill's total must be a positive integer number of fen, got ${totalFen}`);
  const entries: [string, number | undefined][] = Array.isArray(amounts)
    ? amounts.map((amountFen, i) => [`amount #${i + 1}`, amountFen])
    : Object.entries(amounts as PaidSoFar);
  let sumFen = 0;
  for (const [name, amountFen] of entries) {
    if (amountFen === undefined) continue;
    if (!Number.isSafeInteger(amountFen) || amountFen < 0) {
      throw new SettlementError(`settlement invariant broken: ${name} is ${amountFen}, not a non-negative integer number of fen`);
    }
    sumFen += amountFen;
  }
  if (sumFen !== totalFen) {
    const gap = totalFen - sumFen;
    throw new SettlementError(
      `settlement invariant broken: payments sum to ${sumFen} fen but the bill is ${totalFen} fen (${gap > 0 ? `out-of-pocket ${gap}` : `overpaid by ${-gap}`} fen)`,
    );
  }
}
