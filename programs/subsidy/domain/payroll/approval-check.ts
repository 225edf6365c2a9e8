/**
 * The check at approval. Between the submission and the approval a death may have been reported,
 * a suspension decided or an amount changed; every line is held against what its enrolment owes
 * now, and a line it no longer owes as written is dropped, with the reason, never paid.
 */
import type { TerminationReason } from '../events';
import type { Month } from '../month';
import type { PayrollLine } from './lines';

/** What an enrolment owes now, as its months table and its state say at the approval. */
export interface EnrolmentPayability {
  enrolmentId: string;
  /** The months payable now, with their amounts (suspended months are not among them). */
  payableMonths: readonly { month: Month; amountFen: number }[];
  /** Why the enrolment ended, when it has. */
  terminationReason: TerminationReason | null;
}

export const DROP_REASONS = ['ENROLMENT_UNKNOWN', 'DIED', 'MOVED_OUT', 'NO_LONGER_ELIGIBLE', 'NOT_PAYABLE', 'AMOUNT_CHANGED'] as const;
export type DropReason = (typeof DROP_REASONS)[number];

export interface DroppedLine {
  enrolmentId: string;
  month: Month;
  reason: DropReason;
}

export interface ApprovalCheck {
  kept: PayrollLine[];
  dropped: DroppedLine[];
}

function dropReason(line: PayrollLine, payability: EnrolmentPayability | undefined): DropReason | undefined {
  if (payability === undefined) return 'ENROLMENT_UNKNOWN';
  const owed = payability.payableMonths.find((entry) => entry.month === line.month);
  if (owed === undefined) return payability.terminationReason ?? 'NOT_PAYABLE';
  // A changed amount is not paid as drafted: the month stays payable and the next payroll pays what is owed.
  if (owed.amountFen !== line.amountFen) return 'AMOUNT_CHANGED';
  return undefined;
}

/** Splits `lines` into those still owed as written and those dropped; the order of each is kept. */
export function checkAtApproval(lines: readonly PayrollLine[], payabilities: readonly EnrolmentPayability[]): ApprovalCheck {
  const byEnrolment = new Map(payabilities.map((entry) => [entry.enrolmentId, entry]));
  const kept: PayrollLine[] = [];
  const dropped: DroppedLine[] = [];
  for (const line of lines) {
    const reason = dropReason(line, byEnrolment.get(line.enrolmentId));
    if (reason === undefined) kept.push(line);
    else dropped.push({ enrolmentId: line.enrolmentId, month: line.month, reason });
  }
  return { kept, dropped };
}
