import type { CaseView, ClaimView } from '../api/types';

const decided = (claim: ClaimView) => claim.status === 'PAID' || claim.status === 'REJECTED';

/** The claim the cascade waits on: the first of the five, in order, not yet decided. */
export function waitingClaim(view: CaseView): ClaimView | undefined {
  if (view.stage !== 'REIMBURSING' || !view.reimbursement) return undefined;
  return view.reimbursement.claims.find((claim) => !decided(claim));
}

/** What is still owed to the hospital: the bill less what the payers have paid so far (fen). */
export function owedFen(view: CaseView): number {
  const total = view.discharge?.bill.totalFen ?? 0;
  const paid = (view.reimbursement?.claims ?? []).filter((claim) => claim.status === 'PAID').reduce((sum, claim) => sum + claim.amountFen, 0);
  return Math.max(0, total - paid);
}
