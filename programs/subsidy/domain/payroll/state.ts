/**
 * The one definition of a payroll's state: `evolvePayroll(state, event)`. The workflow folds its
 * events with it, and so will the read model.
 */
import type { Month } from '../month';
import type { SubsidyProgram } from '../programs';
import type { DroppedLine } from './approval-check';
import type { PayrollEvent } from './events';
import type { PayrollLineRecord } from './line-records';
import { lineKey, type PayrollLine } from './lines';
import { payrollIdOf } from './payroll-id';
import type { PayrollStage } from './stages';

export interface PayrollRejection {
  reason: string;
  by: string;
  at: string;
}

export interface PayrollState {
  payrollId: string;
  program: SubsidyProgram;
  period: Month;
  stage: PayrollStage;
  /** Every line, in the lines' one order; dropped ones stay, marked, so the roster shows them. */
  lines: PayrollLineRecord[];
  submittedBy: string | null;
  approvedBy: string | null;
  rejections: PayrollRejection[];
  dropped: DroppedLine[];
  /**
   * The paid total as the bank's answers arrived, added up one result at a time. Kept apart from
   * the lines on purpose: reconciliation compares it with the lines' own sum and the bank's books.
   */
  paidFen: number;
  openedAt: string;
  stageEnteredAt: string;
  updatedAt: string;
}

function draftRecords(program: SubsidyProgram, lines: readonly PayrollLine[]): PayrollLineRecord[] {
  return lines.map((line) => ({ ...line, key: lineKey(program, line), status: 'DRAFT', reason: null, bankReference: null }));
}

function enterStage(state: PayrollState, stage: PayrollStage, at: string): PayrollState {
  return { ...state, stage, stageEnteredAt: at };
}

export function evolvePayroll(state: PayrollState | undefined, event: PayrollEvent): PayrollState {
  if (event.type === 'PayrollOpened') {
    if (state) throw new Error('PayrollOpened on a payroll that already exists');
    const { program, period, lines } = event.data;
    return {
      payrollId: payrollIdOf(program, period),
      program,
      period,
      stage: 'DRAFT',
      lines: draftRecords(program, lines),
      submittedBy: null,
      approvedBy: null,
      rejections: [],
      dropped: [],
      paidFen: 0,
      openedAt: event.occurredAt,
      stageEnteredAt: event.occurredAt,
      updatedAt: event.occurredAt,
    };
  }
  if (!state) throw new Error(`${event.type} on a payroll that does not exist`);
  const next = folded(state, event);
  return { ...next, updatedAt: event.occurredAt };
}

function folded(state: PayrollState, event: Exclude<PayrollEvent, { type: 'PayrollOpened' }>): PayrollState {
  switch (event.type) {
    case 'PayrollRecomputed':
      return { ...state, lines: draftRecords(state.program, event.data.lines) };
    case 'PayrollSubmitted':
      return { ...enterStage(state, 'PENDING_APPROVAL', event.occurredAt), submittedBy: event.actor.sub };
    case 'PayrollRejected':
      return {
        ...enterStage(state, 'DRAFT', event.occurredAt),
        submittedBy: null,
        rejections: [...state.rejections, { reason: event.data.reason, by: event.actor.sub, at: event.occurredAt }],
      };
    case 'PayrollApproved': {
      const dropped = new Map(event.data.dropped.map((line) => [lineKey(state.program, line), line.reason]));
      return {
        ...enterStage(state, 'DISBURSING', event.occurredAt),
        approvedBy: event.actor.sub,
        dropped: event.data.dropped,
        lines: state.lines.map((line) => {
          const reason = dropped.get(line.key);
          return reason === undefined ? line : { ...line, status: 'DROPPED', reason };
        }),
      };
    }
    case 'BatchSent': {
      const sent = new Set(event.data.keys);
      return { ...state, lines: state.lines.map((line) => (sent.has(line.key) && line.status === 'DRAFT' ? { ...line, status: 'SENT' } : line)) };
    }
    case 'BankResultsRecorded': {
      const results = new Map(event.data.results.map((result) => [result.key, result]));
      let paidFen = state.paidFen;
      const lines = state.lines.map((line): PayrollLineRecord => {
        const result = results.get(line.key);
        if (result === undefined || line.status !== 'SENT') return line;
        if (result.status === 'PAID') paidFen += result.amountFen;
        return { ...line, status: result.status, reason: result.reason, bankReference: result.bankReference };
      });
      return { ...state, lines, paidFen };
    }
    case 'PayrollReconciled':
      return enterStage(state, 'RECONCILED', event.occurredAt);
  }
}
