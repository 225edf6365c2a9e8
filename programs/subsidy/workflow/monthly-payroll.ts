/**
 * What a program's payroll Schedule starts each month: opens that month's payroll (in DRAFT) as
 * the payroll workflow `payroll-<program>-<period>`, started as an abandoned child so that it
 * outlives this short run. A payroll of that id already running means the month is opened: firing
 * twice opens it once. The period is the Shanghai month of the firing.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { startChild } from '@temporalio/workflow';
import { monthOfInstant, payrollIdOf, type SubsidyProgram } from '../domain/index';
import { payroll } from './payroll';
import type { PayrollResult } from './payroll-definitions';

export interface MonthlyPayrollInput {
  program: SubsidyProgram;
  batchSize: number;
}

export const MONTHLY_PAYROLL_WORKFLOW_TYPE = 'monthlyPayroll';

export async function monthlyPayroll({ program, batchSize }: MonthlyPayrollInput): Promise<{ payrollId: string; started: boolean }> {
  const period = monthOfInstant(new Date().toISOString());
  const payrollId = payrollIdOf(program, period);
  try {
    await startChild<(args: Parameters<typeof payroll>[0]) => Promise<PayrollResult>>(payroll, {
      workflowId: payrollId,
      args: [{ program, period, opener: { role: 'system', sub: 'payroll-schedule' }, batchSize }],
      parentClosePolicy: 'ABANDON',
    });
    return { payrollId, started: true };
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return { payrollId, started: false };
    throw error;
  }
}
