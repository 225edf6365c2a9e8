/**
 * One Temporal Schedule per subsidy: on PAYROLL_SCHEDULE (default the 10th of each month at 09:00,
 * Asia/Shanghai) it runs `monthlyPayroll`, which opens that month's payroll in DRAFT.
 *
 * - Overlap: SKIP. A firing while the previous one still runs is dropped; the run only opens a
 *   payroll, and opening is idempotent anyway (the payroll's id is its program and month).
 * - Catch-up: 3 days. A firing missed while Temporal was down runs when it is back within three
 *   days; after that, civil affairs opens the month by hand (POST /v1/payrolls).
 *
 * The worker creates the schedules when it starts; one already there is left as it is (an
 * administrator may have paused it).
 */
import { ScheduleAlreadyRunning, ScheduleNotFoundError, type Client } from '@temporalio/client';
import { SUBSIDY_PROGRAMS, type SubsidyProgram } from '../domain/index';
import { MONTHLY_PAYROLL_WORKFLOW_TYPE, type MonthlyPayrollInput } from '../workflow/monthly-payroll';
import { problems } from '../../../http/problems';

export const PAYROLL_SCHEDULE_TIMEZONE = 'Asia/Shanghai';
export const DEFAULT_PAYROLL_SCHEDULE = '0 9 10 * *';

export interface PayrollScheduleOptions {
  taskQueue: string;
  /** A cron expression read in Asia/Shanghai. */
  cron: string;
  batchSize: number;
}

/** A schedule per program and task queue: the task queue keeps two deployments on one server apart. */
export function payrollScheduleId(program: SubsidyProgram, taskQueue: string): string {
  return `payroll-schedule-${program}-${taskQueue}`;
}

/** Creates each program's schedule unless it exists; answers which were created. */
export async function ensurePayrollSchedules(client: Client, options: PayrollScheduleOptions): Promise<SubsidyProgram[]> {
  const created: SubsidyProgram[] = [];
  for (const program of SUBSIDY_PROGRAMS) {
    const input: MonthlyPayrollInput = { program, batchSize: options.batchSize };
    try {
      await client.schedule.create({
        scheduleId: payrollScheduleId(program, options.taskQueue),
        spec: { cronExpressions: [options.cron], timezone: PAYROLL_SCHEDULE_TIMEZONE },
        action: { type: 'startWorkflow', workflowType: MONTHLY_PAYROLL_WORKFLOW_TYPE, args: [input], taskQueue: options.taskQueue, workflowId: `monthly-payroll-${program}` },
        policies: { overlap: 'SKIP', catchupWindow: '3 days' },
      });
      created.push(program);
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    }
  }
  return created;
}

/** Pauses or resumes a program's schedule; answers whether it is paused now. */
export async function setPayrollSchedulePaused(client: Client, program: SubsidyProgram, taskQueue: string, paused: boolean, note: string): Promise<{ program: SubsidyProgram; paused: boolean }> {
  const handle = client.schedule.getHandle(payrollScheduleId(program, taskQueue));
  try {
    if (paused) await handle.pause(note);
    else await handle.unpause(note);
    const description = await handle.describe();
    return { program, paused: description.state.paused };
  } catch (error) {
    if (error instanceof ScheduleNotFoundError) throw problems.notFound(`no payroll schedule for ${program}`);
    throw error;
  }
}
