/** A line as the payroll keeps it: the line, where it stands, and what the bank said of it. */
import type { DropReason } from './approval-check';
import type { PayrollLine } from './lines';
import type { PayrollLineStatus } from './stages';

export interface PayrollLineRecord extends PayrollLine {
  key: string;
  status: PayrollLineStatus;
  /** Why the line was dropped or returned; null otherwise. */
  reason: DropReason | string | null;
  /** The bank's own reference for the movement, once it answered. */
  bankReference: string | null;
}
