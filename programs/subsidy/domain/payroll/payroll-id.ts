/**
 * One payroll per program and month: its id is made of both, so starting the same payroll twice
 * finds the first one instead of opening another.
 */
import { compareMonths, isMonth, monthOfInstant, type Month } from '../month';
import type { SubsidyProgram } from '../programs';

export function payrollIdOf(program: SubsidyProgram, period: Month): string {
  return `payroll-${program}-${period}`;
}

/**
 * Why `period` cannot be paid at `now` (an ISO instant), or undefined when it can: it must be a
 * month, and not one after the current Shanghai month — nothing is owed for the future yet.
 */
export function periodProblem(period: string, now: string): string | undefined {
  if (!isMonth(period)) return 'period must be a month, YYYY-MM';
  const current = monthOfInstant(now);
  if (compareMonths(period, current) > 0) return `period ${period} is after the current month (${current})`;
  return undefined;
}
