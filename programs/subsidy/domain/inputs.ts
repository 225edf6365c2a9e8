/**
 * The bodies of the actions on an enrolment, as the workflow receives them once the HTTP edge has
 * validated and normalised them (its zod schemas are written against these types).
 */
import type { Day, Month } from './month';
import type { SubsidyProgram } from './programs';

export interface BankAccount {
  bank: string;
  accountNo: string;
}

export interface ApplyInput {
  enrolmentId: string;
  program: SubsidyProgram;
  personId: string;
  appliedOn: Day;
  bankAccount: BankAccount;
}

export interface ReviewInput {
  approved: boolean;
  reason?: string;
  reviewedBy: string;
}

export interface DecisionInput {
  approved: boolean;
  reason?: string;
}

export interface ReasonInput {
  reason: string;
}

export interface SuspendInput {
  fromMonth: Month;
  reason: string;
}

export interface ReinstateInput {
  backPay: boolean;
}

export interface RepaymentInput {
  amountFen: number;
  reference: string;
}
