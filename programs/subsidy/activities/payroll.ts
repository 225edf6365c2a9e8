/**
 * The payroll workflow's side effects. Each runs the payroll core's decision on the payroll as
 * PostgreSQL holds it, inside one transaction that locks the payroll's row, and answers the
 * workflow with counts only: the lines, the accounts and the people stay in the database. Logs
 * carry the payroll id and batch numbers, never an account or an ID number.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/common';
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema';
import {
  batchLines,
  decidePayroll,
  evolvePayroll,
  lineKey,
  payrollIdOf,
  payrollLines,
  type DropReason,
  type EnrolmentPayability,
  type Month,
  type PayrollCommand,
  type PayrollEvent,
  type PayrollState,
  type SubsidyActor,
  type SubsidyProgram,
} from '../domain/index';
import { enrolmentsBehind, payableMonthsOf, payrollMonthRows, refreshMonthStatistics, takeMonthsForPayroll } from '../store/enrolment-months';
import { bankAccountsOf, endedEnrolmentIds, grantedEnrolmentIds, terminationReasonsOf } from '../store/enrolments';
import { syncEnrolmentMonthsThrough } from '../store/projection';
import { assignBatches } from '../store/payroll-lines';
import { loadPayroll, loadPayrollBatch, savePayroll, savePayrollBatch } from '../store/payroll-state';
import { batchAnswered, isOpenPayrollConflict, openPayrollOf, recordDiscrepancy, recordPayrollFailure, setBatchCount } from '../store/payrolls';
import { enrolmentWorkflowId, payrollMonthsSettledSignal } from '../workflow/definitions';
import type { AnyPayrollRefusal, PayrollSummary } from '../workflow/payroll-definitions';
import type { PayrollBank } from './bank/payroll-bank';

export interface PayrollActivityDependencies {
  db: Kysely<Database>;
  bank: PayrollBank;
}

export type PayrollPersonAction = 'open' | 'recompute' | 'submit' | 'approve' | 'reject';

export interface PayrollCommandInput {
  program: SubsidyProgram;
  period: Month;
  action: PayrollPersonAction;
  actor: SubsidyActor;
  reason?: string;
}

export type PayrollCommandResult = { summary: PayrollSummary } | { refusal: AnyPayrollRefusal };

function summaryOf(state: PayrollState): PayrollSummary {
  return {
    payrollId: state.payrollId,
    stage: state.stage,
    submittedBy: state.submittedBy,
    approvedBy: state.approvedBy,
    lines: state.lines.filter((line) => line.status !== 'DROPPED').length,
    dropped: state.dropped.length,
  };
}

/**
 * Enrolments brought up to a new month in one transaction: their rows stay locked for its length
 * (an event of one of them waits that long), and a program's 10,000 take 20 transactions, not 10,000.
 */
const ENROLMENTS_SYNCED_AT_ONCE = 500;

class OpenPayrollConflict extends Error {
  constructor(readonly openPayrollId: string) {
    super(`payroll ${openPayrollId} of this program is not reconciled yet`);
  }
}

export function createPayrollActivities({ db, bank }: PayrollActivityDependencies) {
  /** Every month owed up to the period that no payroll holds or has paid, after bringing each enrolment's months up to it (those not there yet). */
  async function computeLines(program: SubsidyProgram, period: Month) {
    const behind = await enrolmentsBehind(db, await grantedEnrolmentIds(db, program), period);
    for (let start = 0; start < behind.length; start += ENROLMENTS_SYNCED_AT_ONCE) {
      await db.transaction().execute((trx) => syncEnrolmentMonthsThrough(trx, behind.slice(start, start + ENROLMENTS_SYNCED_AT_ONCE), period));
    }
    const rows = await payrollMonthRows(db, program, period);
    return payrollLines(
      rows.map((row) => ({ ...row, program })),
      program,
      period,
    );
  }

  /**
   * What each enrolment of the draft lines owes now: its PAYABLE months and why it ended, if it
   * did. Months are brought up to the period only where they do not reach it yet; the months and
   * the terminations are read a chunk of enrolments at a time, not one enrolment at a time.
   */
  async function payabilities(trx: Kysely<Database>, state: PayrollState): Promise<EnrolmentPayability[]> {
    const ids = [...new Set(state.lines.filter((line) => line.status === 'DRAFT').map((line) => line.enrolmentId))];
    await syncEnrolmentMonthsThrough(trx, await enrolmentsBehind(trx, ids, state.period), state.period);
    const payable = await payableMonthsOf(trx, ids, state.period);
    const terminations = await terminationReasonsOf(trx, ids);
    return ids.flatMap((id) => (terminations.has(id) ? [{ enrolmentId: id, payableMonths: payable.get(id) ?? [], terminationReason: terminations.get(id) ?? null }] : []));
  }

  /** The months of the lines approval kept are taken (PAYABLE → IN_PAYROLL); a line whose month is no longer PAYABLE is dropped after all. */
  async function takeMonths(trx: Kysely<Database>, state: PayrollState): Promise<PayrollState> {
    const kept = state.lines.filter((line) => line.status === 'DRAFT');
    const taken = await takeMonthsForPayroll(trx, state.program, state.payrollId, kept);
    const takenKeys = new Set(taken.map((ref) => lineKey(state.program, ref)));
    const missed = kept.filter((line) => !takenKeys.has(line.key));
    if (missed.length === 0) return state;
    const reason: DropReason = 'NOT_PAYABLE';
    const missedKeys = new Set(missed.map((line) => line.key));
    return {
      ...state,
      dropped: [...state.dropped, ...missed.map((line) => ({ enrolmentId: line.enrolmentId, month: line.month, reason }))],
      lines: state.lines.map((line) => (missedKeys.has(line.key) ? { ...line, status: 'DROPPED', reason } : line)),
    };
  }

  /**
   * An enrolment that ended while this payroll held its months keeps waiting for them: each one of
   * the batch that has ended is told its months are settled, and checks what was paid again (a
   * month paid after a death opens a recovery). Told again when the batch is sent again; an
   * enrolment whose workflow has closed is past waiting.
   */
  async function tellEndedEnrolments(payrollId: string, batchNo: number, enrolmentIds: readonly string[]): Promise<void> {
    const ended = await endedEnrolmentIds(db, enrolmentIds);
    if (ended.length === 0) return;
    const { client } = Context.current();
    for (const enrolmentId of ended) {
      try {
        await client.workflow.getHandle(enrolmentWorkflowId(enrolmentId)).signal(payrollMonthsSettledSignal);
      } catch (error) {
        if (!(error instanceof WorkflowNotFoundError)) throw error;
      }
    }
    Context.current().log.info('ended enrolments told of settled months', { payrollId, batchNo, count: ended.length });
  }

  return {
    /** A person's action on the payroll (or its opening), decided by the core on the stored payroll. */
    async payrollCommand(input: PayrollCommandInput): Promise<PayrollCommandResult> {
      const { program, period, action, actor } = input;
      const payrollId = payrollIdOf(program, period);
      const lines = action === 'open' || action === 'recompute' ? await computeLines(program, period) : [];
      try {
        return await db.transaction().execute(async (trx) => {
          const loaded = await loadPayroll(trx, payrollId, { forUpdate: true });
          const state = loaded?.state;
          if (action === 'open' && !state) {
            const open = await openPayrollOf(trx, program);
            if (open !== undefined) throw new OpenPayrollConflict(open);
          }
          let command: PayrollCommand;
          if (action === 'open') command = { action, program, period, lines };
          else if (action === 'recompute') command = { action, lines };
          else if (action === 'approve') command = { action, payabilities: state ? await payabilities(trx, state) : [] };
          else if (action === 'reject') command = { action, reason: input.reason ?? '' };
          else command = { action };
          const decision = decidePayroll(state, command, actor, new Date().toISOString());
          if (decision.kind === 'refuse') return { refusal: decision.refusal };
          if (decision.kind === 'replay') return { summary: summaryOf(state!) };
          let after = decision.events.reduce<PayrollState | undefined>((s, event: PayrollEvent) => evolvePayroll(s, event), state)!;
          if (action === 'approve') after = await takeMonths(trx, after);
          await savePayroll(trx, state, after);
          Context.current().log.info('payroll action applied', { payrollId, action, stage: after.stage });
          return { summary: summaryOf(after) };
        });
      } catch (error) {
        if (error instanceof OpenPayrollConflict) return { refusal: { kind: 'payroll-open', detail: error.message, openPayrollId: error.openPayrollId } };
        if (isOpenPayrollConflict(error)) {
          const open = await openPayrollOf(db, program);
          return { refusal: { kind: 'payroll-open', detail: `payroll ${open ?? '?'} of this program is not reconciled yet`, openPayrollId: open ?? '' } };
        }
        throw error;
      }
    },

    /** Numbers the batches of an approved payroll once; the same numbers on every retry. */
    async planPayrollBatches({ payrollId, batchSize }: { payrollId: string; batchSize: number }): Promise<{ batchCount: number }> {
      const planned = await db.transaction().execute(async (trx) => {
        const loaded = await loadPayroll(trx, payrollId, { forUpdate: true });
        if (!loaded) throw ApplicationFailure.create({ message: `no payroll ${payrollId}`, nonRetryable: true });
        if (loaded.batchCount !== null) return { batchCount: loaded.batchCount };
        const sendable = loaded.state.lines.filter((line) => line.status !== 'DROPPED');
        const batches = batchLines(sendable, batchSize).map((batch) => ({ batchNo: batch.batchNo, keys: batch.lines.map((line) => lineKey(loaded.state.program, line)) }));
        await assignBatches(trx, payrollId, batches);
        await setBatchCount(trx, payrollId, batches.length);
        return { batchCount: batches.length };
      });
      // Approval has just moved every month of the payroll: the batches are planned on statistics
      // that know it. Only a speed-up: a refusal or a lock held elsewhere never stops a payroll.
      try {
        await refreshMonthStatistics(db);
      } catch (error) {
        Context.current().log.warn('the months\' planner statistics were not refreshed; the batches may run slower', {
          payrollId,
          error: error instanceof Error ? error.message : String(error),
        });
      }
      return planned;
    },

    /**
     * Sends one batch to the bank and records its answers. The lines go SENT first; the bank's
     * answers (the same ones again for a file sent again) move them to PAID or RETURNED, with their
     * months. A bank that cannot be reached fails the attempt, counted for the stuck radar.
     */
    async sendPayrollBatch({ payrollId, batchNo }: { payrollId: string; batchNo: number }): Promise<{ paid: number; returned: number }> {
      const context = Context.current();
      context.heartbeat({ batchNo, step: 'mark-sent' });
      // Every step decides on the batch's lines only: a batch costs its own lines, whatever the payroll's size.
      const sent = await db.transaction().execute(async (trx) => {
        const loaded = await loadPayrollBatch(trx, payrollId, batchNo, { forUpdate: true });
        if (!loaded) throw ApplicationFailure.create({ message: `no payroll ${payrollId}`, nonRetryable: true });
        const keys = loaded.state.lines.filter((line) => line.status !== 'DROPPED').map((line) => line.key);
        const decision = decidePayroll(loaded.state, { action: 'send-batch', batchNo, keys }, { role: 'system', sub: 'payroll' }, new Date().toISOString());
        if (decision.kind === 'refuse') throw ApplicationFailure.create({ message: decision.refusal.detail, nonRetryable: true });
        let state = loaded.state;
        if (decision.kind === 'apply') {
          state = decision.events.reduce<PayrollState>((s, event) => evolvePayroll(s, event), state);
          await savePayrollBatch(trx, loaded, state);
        }
        return state.lines.filter((line) => line.status !== 'DROPPED');
      });
      const waiting = sent.filter((line) => line.status === 'SENT');
      if (waiting.length > 0) {
        const accounts = await bankAccountsOf(db, [...new Set(waiting.map((line) => line.enrolmentId))]);
        const file = {
          payrollId,
          batchNo,
          lines: waiting.map((line) => {
            const account = accounts.get(line.enrolmentId);
            if (!account) throw ApplicationFailure.create({ message: `enrolment ${line.enrolmentId} has no bank account`, nonRetryable: true });
            return { key: line.key, amountFen: line.amountFen, account };
          }),
        };
        context.heartbeat({ batchNo, step: 'bank' });
        let answer;
        try {
          answer = await bank.pay(file);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          await recordPayrollFailure(db, payrollId, context.info.attempt, `sendPayrollBatch: ${message}`);
          context.log.warn('the bank did not take the batch', { payrollId, batchNo, attempt: context.info.attempt });
          throw error;
        }
        context.heartbeat({ batchNo, step: 'record' });
        const refused = await db.transaction().execute(async (trx) => {
          const loaded = await loadPayrollBatch(trx, payrollId, batchNo, { forUpdate: true });
          const decision = decidePayroll(loaded!.state, { action: 'record-results', file: answer }, { role: 'system', sub: 'payroll' }, new Date().toISOString());
          if (decision.kind === 'refuse') return decision.refusal.detail;
          if (decision.kind === 'apply') {
            const after = decision.events.reduce<PayrollState>((s, event) => evolvePayroll(s, event), loaded!.state);
            await savePayrollBatch(trx, loaded!, after);
          }
          return undefined;
        });
        if (refused !== undefined) {
          await recordDiscrepancy(db, payrollId, `batch ${batchNo}: ${refused}`);
          throw ApplicationFailure.create({ message: refused, type: 'BankResultRefused' });
        }
      }
      await batchAnswered(db, payrollId, batchNo);
      const final = await loadPayrollBatch(db, payrollId, batchNo);
      const mine = final!.state.lines;
      await tellEndedEnrolments(payrollId, batchNo, [...new Set(mine.map((line) => line.enrolmentId))]);
      context.log.info('payroll batch answered', { payrollId, batchNo });
      return { paid: mine.filter((line) => line.status === 'PAID').length, returned: mine.filter((line) => line.status === 'RETURNED').length };
    },

    /**
     * The payroll's paid total, its PAID lines and the bank's books must agree; then it is
     * RECONCILED. Otherwise what differs is recorded (the stuck radar shows it) and the attempt
     * fails, to be tried again.
     */
    async reconcilePayroll({ payrollId }: { payrollId: string }): Promise<PayrollSummary> {
      const books = await bank.books(payrollId);
      const outcome = await db.transaction().execute(async (trx): Promise<{ summary: PayrollSummary } | { discrepancy: string }> => {
        const loaded = await loadPayroll(trx, payrollId, { forUpdate: true });
        if (!loaded) throw ApplicationFailure.create({ message: `no payroll ${payrollId}`, nonRetryable: true });
        if (loaded.state.stage === 'RECONCILED') return { summary: summaryOf(loaded.state) };
        const decision = decidePayroll(loaded.state, { action: 'reconcile', bankRecords: books }, { role: 'system', sub: 'payroll' }, new Date().toISOString());
        if (decision.kind === 'refuse') return { discrepancy: decision.refusal.detail };
        const after = decision.kind === 'apply' ? decision.events.reduce<PayrollState>((s, event) => evolvePayroll(s, event), loaded.state) : loaded.state;
        await savePayroll(trx, loaded.state, after);
        await recordDiscrepancy(trx, payrollId, null);
        return { summary: summaryOf(after) };
      });
      if ('summary' in outcome) return outcome.summary;
      // Recorded outside the transaction, so that it stays when the attempt fails.
      await recordDiscrepancy(db, payrollId, outcome.discrepancy);
      Context.current().log.warn('payroll does not reconcile', { payrollId });
      throw ApplicationFailure.create({ message: outcome.discrepancy, type: 'PayrollDiscrepancy' });
    },
  };
}

export type PayrollActivities = ReturnType<typeof createPayrollActivities>;
