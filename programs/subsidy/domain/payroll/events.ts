/** The domain events of a payroll: what people read, and what `evolvePayroll` folds. */
import type { SubsidyActor } from '../actor';
import type { Month } from '../month';
import type { SubsidyProgram } from '../programs';
import type { DroppedLine } from './approval-check';
import type { BankResultFile } from './bank-files';
import type { PayrollLine } from './lines';
import type { PayrollTotals } from './totals';

export interface PayrollEventDataByType {
  PayrollOpened: { program: SubsidyProgram; period: Month; lines: PayrollLine[] };
  /** The draft's lines computed again from the months table, replacing the previous ones. */
  PayrollRecomputed: { lines: PayrollLine[] };
  PayrollSubmitted: Record<string, never>;
  PayrollRejected: { reason: string };
  /** Approved with the lines still owed; `dropped` lists the others and why. The payroll is then disbursing. */
  PayrollApproved: { dropped: DroppedLine[] };
  BatchSent: { batchNo: number; keys: string[] };
  BankResultsRecorded: BankResultFile;
  PayrollReconciled: { totals: PayrollTotals };
}

export type PayrollEventType = keyof PayrollEventDataByType;

export type PayrollEvent = {
  [T in PayrollEventType]: { type: T; occurredAt: string; actor: SubsidyActor; data: PayrollEventDataByType[T] };
}[PayrollEventType];

export const PAYROLL_EVENT_TYPES = [
  'PayrollOpened',
  'PayrollRecomputed',
  'PayrollSubmitted',
  'PayrollRejected',
  'PayrollApproved',
  'BatchSent',
  'BankResultsRecorded',
  'PayrollReconciled',
] as const satisfies readonly PayrollEventType[];
