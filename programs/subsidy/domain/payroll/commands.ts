/**
 * What an action does to a payroll, decided purely from its state: the events it produces, a
 * replay of an action already applied, or a refusal the API can show.
 */
import type { Refusal } from '../../../../domain/refusals';
import type { SubsidyActor, SubsidyRole } from '../actor';
import type { Month } from '../month';
import type { SubsidyProgram } from '../programs';
import { checkAtApproval, type EnrolmentPayability } from './approval-check';
import { resultFileProblem, type BankRecord, type BankResultFile } from './bank-files';
import type { PayrollEvent, PayrollEventDataByType, PayrollEventType } from './events';
import { linesProblem, type PayrollLine } from './lines';
import { periodProblem } from './payroll-id';
import { reconciliationDiscrepancies } from './reconciliation';
import type { PayrollStage } from './stages';
import type { PayrollState } from './state';
import { payrollTotals } from './totals';

export type PayrollCommand =
  /** `lines`: what the months table makes of the period now (`payrollLines`). */
  | { action: 'open'; program: SubsidyProgram; period: Month; lines: PayrollLine[] }
  | { action: 'recompute'; lines: PayrollLine[] }
  | { action: 'submit' }
  /** `payabilities`: what each enrolment of the lines owes now, for the check at approval. */
  | { action: 'approve'; payabilities: EnrolmentPayability[] }
  | { action: 'reject'; reason: string }
  | { action: 'send-batch'; batchNo: number; keys: string[] }
  | { action: 'record-results'; file: BankResultFile }
  /** `bankRecords`: the bank's own books for this payroll. */
  | { action: 'reconcile'; bankRecords: BankRecord[] };

export type PayrollAction = PayrollCommand['action'];

export type PayrollRefusal = Refusal<PayrollStage>;

export type PayrollDecision = { kind: 'apply'; events: PayrollEvent[] } | { kind: 'replay' } | { kind: 'refuse'; refusal: PayrollRefusal };

// The clerks' duties stay apart: civil affairs drafts and submits, finance approves or rejects.
// Unlike on an enrolment, an administrator takes no part, so no one account can do both halves.
// `system` is the workflow: the monthly schedule opens a payroll, and the bank's side is its own.
const ROLES_BY_ACTION: Record<PayrollAction, readonly SubsidyRole[]> = {
  open: ['civil', 'system'],
  recompute: ['civil'],
  submit: ['civil'],
  approve: ['finance'],
  reject: ['finance'],
  'send-batch': ['system'],
  'record-results': ['system'],
  reconcile: ['system'],
};

export const PAYROLL_ALLOWED_STAGES: Record<Exclude<PayrollAction, 'open'>, readonly PayrollStage[]> = {
  recompute: ['DRAFT'],
  submit: ['DRAFT'],
  approve: ['PENDING_APPROVAL'],
  reject: ['PENDING_APPROVAL'],
  'send-batch': ['DISBURSING'],
  'record-results': ['DISBURSING'],
  reconcile: ['DISBURSING'],
};

export function payrollRolesFor(action: PayrollAction): readonly SubsidyRole[] {
  return ROLES_BY_ACTION[action];
}

function forbiddenReason(action: PayrollAction, actor: SubsidyActor): string | undefined {
  const roles = ROLES_BY_ACTION[action];
  if (!roles.includes(actor.role)) return `${action} is for ${roles.join(' or ')}, not ${actor.role}`;
  if (actor.sub.trim() === '') return 'the actor has no name';
  return undefined;
}

/** `now` is the instant of the action (the workflow's clock), an ISO date-time. */
export function decidePayroll(state: PayrollState | undefined, command: PayrollCommand, actor: SubsidyActor, now: string): PayrollDecision {
  const forbidden = forbiddenReason(command.action, actor);
  if (forbidden) return refuse({ kind: 'forbidden', detail: forbidden });
  const events = (...list: { [T in PayrollEventType]: { type: T; data: PayrollEventDataByType[T] } }[PayrollEventType][]): PayrollDecision => ({
    kind: 'apply',
    events: list.map((event) => ({ ...event, occurredAt: now, actor }) as PayrollEvent),
  });

  if (command.action === 'open') {
    // Opening the same program and period again finds the payroll already there: a replay.
    if (state) return state.program === command.program && state.period === command.period ? { kind: 'replay' } : refuse({ kind: 'idempotency-conflict', detail: `this is the payroll of ${state.program} for ${state.period}` });
    const problem = periodProblem(command.period, now);
    const badLines = problem ?? linesProblem(command.lines, command.period);
    if (badLines) return refuse({ kind: 'unprocessable', detail: badLines });
    return events({ type: 'PayrollOpened', data: { program: command.program, period: command.period, lines: command.lines } });
  }
  if (!state) return refuse({ kind: 'not-found', detail: `${command.action} on a payroll that does not exist` });

  if (isRepeat(state, command.action, actor)) return { kind: 'replay' };
  const allowed = PAYROLL_ALLOWED_STAGES[command.action];
  if (!allowed.includes(state.stage)) {
    return refuse({ kind: 'stage-conflict', currentStage: state.stage, detail: `${command.action} needs stage ${allowed.join(' or ')}; the payroll is ${state.stage}` });
  }

  switch (command.action) {
    case 'recompute': {
      const problem = linesProblem(command.lines, state.period);
      if (problem) return refuse({ kind: 'unprocessable', detail: problem });
      return events({ type: 'PayrollRecomputed', data: { lines: command.lines } });
    }
    case 'submit':
      return events({ type: 'PayrollSubmitted', data: {} });
    case 'approve': {
      if (state.submittedBy === actor.sub) return refuse({ kind: 'four-eyes', detail: 'the payroll was submitted by the same person; another must approve it' });
      const check = checkAtApproval(
        state.lines.filter((line) => line.status === 'DRAFT'),
        command.payabilities,
      );
      return events({ type: 'PayrollApproved', data: { dropped: check.dropped } });
    }
    case 'reject': {
      const reason = command.reason.trim();
      if (reason === '') return refuse({ kind: 'unprocessable', detail: 'reason: a rejection says why' });
      return events({ type: 'PayrollRejected', data: { reason } });
    }
    case 'send-batch': {
      const byKey = new Map(state.lines.map((line) => [line.key, line]));
      const lines = command.keys.map((key) => byKey.get(key));
      if (lines.some((line) => line === undefined || line.status === 'DROPPED')) return refuse({ kind: 'unprocessable', detail: `batch ${command.batchNo} names a line this payroll does not send` });
      // A batch sent again (a retry after the bank was down) changes nothing.
      if (lines.every((line) => line?.status !== 'DRAFT')) return { kind: 'replay' };
      return events({ type: 'BatchSent', data: { batchNo: command.batchNo, keys: command.keys } });
    }
    case 'record-results': {
      const problem = resultFileProblem(command.file, state.lines);
      if (problem) return refuse({ kind: 'unprocessable', detail: problem });
      const byKey = new Map(state.lines.map((line) => [line.key, line]));
      if (command.file.results.every((result) => byKey.get(result.key)?.status !== 'SENT')) return { kind: 'replay' };
      return events({ type: 'BankResultsRecorded', data: command.file });
    }
    case 'reconcile': {
      const discrepancies = reconciliationDiscrepancies(state.lines, state.paidFen, command.bankRecords);
      if (discrepancies.length > 0) {
        return refuse({ kind: 'unprocessable', detail: `the payroll does not reconcile: ${discrepancies.map((d) => ('key' in d ? `${d.kind} ${d.key}` : d.kind)).join(', ')}` });
      }
      return events({ type: 'PayrollReconciled', data: { totals: payrollTotals(state.lines) } });
    }
  }
}

/**
 * A submission or an approval retried by the person who made it, once it has taken effect (the
 * answer was lost on the way back): the same outcome again, not a stage conflict.
 */
function isRepeat(state: PayrollState, action: PayrollAction, actor: SubsidyActor): boolean {
  if (action === 'submit') return state.stage === 'PENDING_APPROVAL' && state.submittedBy === actor.sub;
  if (action === 'approve') return state.stage !== 'DRAFT' && state.stage !== 'PENDING_APPROVAL' && state.approvedBy === actor.sub;
  return false;
}

function refuse(refusal: PayrollRefusal): PayrollDecision {
  return { kind: 'refuse', refusal };
}
