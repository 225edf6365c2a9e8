/** The integer arithmetic of the reimbursement policy. No floats ever reach an amount. */

/** Basis points: 10000 = 100 %. */
export const FULL_RATIO_BP = 10_000;

/** `pos(x) = max(0, x)`. */
export function pos(amountFen: number): number {
  return Math.max(0, amountFen);
}

/**
 * `pct(x, bp) = floor(x × bp / 10000)`, exact for every safe integer x ≥ 0 and 0 ≤ bp ≤ 10000.
 * x × bp can pass 2^53 on a huge bill, so x is split as q × 10000 + rest: q × bp ≤ x and
 * rest × bp < 10^8 are both exact, and floor(rest × bp / 10000) cannot be misrounded because a
 * non-integer quotient is at least 1/10000 away from the next integer.
 */
export function pct(amountFen: number, bp: number): number {
  if (!Number.isSafeInteger(amountFen) || amountFen < 0) throw new RangeError(`pct: amount must be a non-negative safe integer, got ${amountFen}`);
  if (!Number.isInteger(bp) || bp < 0 || bp > FULL_RATIO_BP) throw new RangeError(`pct: ratio must be an integer 0…${FULL_RATIO_BP} bp, got ${bp}`);
  const rest = amountFen % FULL_RATIO_BP;
  const q = (amountFen - rest) / FULL_RATIO_BP;
  return q * bp + Math.floor((rest * bp) / FULL_RATIO_BP);
}
