/**
 * A bank as the payroll sees it: it takes a batch file and answers with a result file, and it shows
 * its own books for reconciliation. The sandbox bank is the only one so far; a real bank's adapter
 * would implement the same two calls.
 */
import type { BankAccount, BankRecord, BankResultFile } from '../../domain/index';

export interface PayrollBankLine {
  key: string;
  amountFen: number;
  /** Read from the enrolment when the batch is sent; never in a workflow's history. */
  account: BankAccount;
}

export interface PayrollBatchFile {
  payrollId: string;
  batchNo: number;
  lines: PayrollBankLine[];
}

export interface PayrollBank {
  /** Pays a batch; the same file again gets the same answers. Throws when the bank cannot be reached. */
  pay(file: PayrollBatchFile): Promise<BankResultFile>;
  /** What the bank itself recorded for the payroll. */
  books(payrollId: string): Promise<BankRecord[]>;
}

/** The reason a closed account's line comes back with. */
export const ACCOUNT_CLOSED = 'ACCOUNT_CLOSED';
