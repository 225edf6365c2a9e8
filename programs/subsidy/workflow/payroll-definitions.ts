/**
 * The contract between the payroll workflow and everyone who talks to it: its type and id, its
 * Updates and query, its input, and how a refusal travels. Imported by the workflow bundle, so it
 * stays deterministic and free of Node modules. Nothing here carries a line, an ID number or an
 * account: the lines live in PostgreSQL and the workflow handles them by payroll and batch number.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import { ApplicationFailure } from '@temporalio/common';
import { REFUSAL_FAILURE_TYPES, refusalFailureDetails } from '../../../domain/refusals';
import type { Month, PayrollRefusal, PayrollStage, SubsidyActor, SubsidyProgram } from '../domain/index';

export const PAYROLL_WORKFLOW_TYPE = 'payroll';

/** Every payroll's workflow id is its payroll id, `payroll-<program>-<period>` (payrollIdOf). */
export const PAYROLL_WORKFLOW_ID_PREFIX = 'payroll-';

/** A refusal only the store can find: another payroll of the program is not reconciled yet. */
export type PayrollOpenRefusal = { kind: 'payroll-open'; detail: string; openPayrollId: string };
export type AnyPayrollRefusal = PayrollRefusal | PayrollOpenRefusal;

export const PAYROLL_OPEN_FAILURE_TYPE = 'PayrollOpen';

/** Where a payroll stands, as the workflow keeps it: counts and names, never a line. */
export interface PayrollSummary {
  payrollId: string;
  stage: PayrollStage;
  submittedBy: string | null;
  approvedBy: string | null;
  lines: number;
  dropped: number;
}

export interface PayrollActionArgs {
  actor: SubsidyActor;
  /** A rejection's reason. */
  reason?: string;
}

/** What the workflow carries over when it continues as new. */
export interface CarriedPayroll {
  summary: PayrollSummary;
  /** While disbursing: the next batch to send (1 when none was sent yet). */
  nextBatch: number;
  /**
   * Whether the run that continued took the `payroll-history-bound` patch: the next run keeps
   * its bound. Absent from runs continued before the patch (the next run then decides for itself).
   */
  historyBounded?: boolean;
}

export interface PayrollInput {
  program: SubsidyProgram;
  period: Month;
  /** Who opened it: a civil affairs clerk, or the schedule (`system`). */
  opener: SubsidyActor;
  /** Lines per batch file. */
  batchSize: number;
  carried?: CarriedPayroll;
  /** Continue as new past this many history events (tests lower it). */
  historyLengthBound?: number;
}

export interface PayrollResult {
  payrollId: string;
  /** Null when the opening was refused and nothing was stored. */
  stage: PayrollStage | null;
}

export const getPayrollQuery = defineQuery<PayrollSummary>('getPayroll');

/** The opening, sent with the start (update-with-start): answers once the payroll is stored, or why not. */
export const openPayrollUpdate = defineUpdate<PayrollSummary, [PayrollActionArgs]>('openPayroll');
export const recomputePayrollUpdate = defineUpdate<PayrollSummary, [PayrollActionArgs]>('recomputePayroll');
export const submitPayrollUpdate = defineUpdate<PayrollSummary, [PayrollActionArgs]>('submitPayroll');
export const approvePayrollUpdate = defineUpdate<PayrollSummary, [PayrollActionArgs]>('approvePayroll');
export const rejectPayrollUpdate = defineUpdate<PayrollSummary, [PayrollActionArgs]>('rejectPayroll');

/** The refusal as the failure an Update raises (the shared names of domain/refusals.ts). */
export function payrollRefusalFailure(refusal: AnyPayrollRefusal): ApplicationFailure {
  if (refusal.kind === 'payroll-open') {
    return ApplicationFailure.create({ type: PAYROLL_OPEN_FAILURE_TYPE, message: refusal.detail, nonRetryable: true, details: [{ openPayrollId: refusal.openPayrollId }] });
  }
  const details = refusalFailureDetails(refusal);
  return ApplicationFailure.create({ type: REFUSAL_FAILURE_TYPES[refusal.kind], message: refusal.detail, nonRetryable: true, ...(details ? { details } : {}) });
}
