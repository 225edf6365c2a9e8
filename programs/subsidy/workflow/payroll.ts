/**
 * One program's payroll for one month: DRAFT → PENDING_APPROVAL → DISBURSING → RECONCILED. People
 * act through Updates (open, recompute, submit, approve, reject), refused by their validators from
 * what the workflow knows (stage, submitter) before anything is written; each handler has the
 * payroll core decide again on the stored payroll, in an activity. The workflow then sends the
 * batches and reconciles. Its history holds the payroll id, batch numbers and counts, never a line.
 */
import { allHandlersFinished, condition, continueAsNew, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { PayrollActivities, PayrollPersonAction } from '../activities/payroll';
import { decidePayroll, payrollIdOf, type PayrollCommand, type PayrollState } from '../domain/index';
import {
  approvePayrollUpdate,
  getPayrollQuery,
  openPayrollUpdate,
  payrollRefusalFailure,
  recomputePayrollUpdate,
  rejectPayrollUpdate,
  submitPayrollUpdate,
  type AnyPayrollRefusal,
  type PayrollActionArgs,
  type PayrollInput,
  type PayrollResult,
  type PayrollSummary,
} from './payroll-definitions';

// People's actions: short database work (the lines of a large program take a while to compute).
const { payrollCommand } = proxyActivities<Pick<PayrollActivities, 'payrollCommand'>>({
  startToCloseTimeout: '5m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s' },
});

// The bank's side: retried for as long as it takes (a bank that is down stalls the payroll, never
// doubles it: the bank answers a key it has seen with its earlier answer), with heartbeats.
const { planPayrollBatches, sendPayrollBatch, reconcilePayroll } = proxyActivities<Pick<PayrollActivities, 'planPayrollBatches' | 'sendPayrollBatch' | 'reconcilePayroll'>>({
  startToCloseTimeout: '10m',
  heartbeatTimeout: '1m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '20s' },
});

/** Before the `payroll-history-bound` patch: a run continued as new only past this many events. */
const HISTORY_LENGTH_BOUND = 10_000;

/**
 * From the `payroll-history-bound` patch on, a run continues as new past this many events (or when
 * the server suggests it). Each batch adds six events, so a run sends about 250 batches and stays
 * under 2,000 events whatever the payroll's size (400 batches of 500 lines at 200,000 lines would
 * have made one run of about 2,450). Histories recorded before keep the old bound.
 */
const BOUNDED_HISTORY_LENGTH = 1_500;
const PAYROLL_HISTORY_BOUND_PATCH = 'payroll-history-bound';

type Opening = { status: 'pending' } | { status: 'open' } | { status: 'refused'; refusal: AnyPayrollRefusal };

export async function payroll(args: PayrollInput): Promise<PayrollResult> {
  const { program, period } = args;
  const payrollId = payrollIdOf(program, period);
  let summary: PayrollSummary | undefined = args.carried?.summary;
  let opening: Opening = args.carried ? { status: 'open' } : { status: 'pending' };
  let nextBatch = args.carried?.nextBatch ?? 1;
  // Decided once per payroll, by its first run that meets the patch; later runs are told.
  const historyBounded = args.carried?.historyBounded ?? patched(PAYROLL_HISTORY_BOUND_PATCH);
  const historyLengthBound = args.historyLengthBound ?? (historyBounded ? BOUNDED_HISTORY_LENGTH : HISTORY_LENGTH_BOUND);
  /** One action at a time reaches the database: each decides on what the one before left. */
  let busy = false;

  setHandler(getPayrollQuery, () => {
    if (!summary) throw new Error(`payroll ${payrollId} is not open yet`);
    return summary;
  });

  /** The payroll as the validators see it: stage and submitter, no lines (the handler's activity reads those). */
  const slim = (): PayrollState | undefined =>
    summary && {
      payrollId,
      program,
      period,
      stage: summary.stage,
      lines: [],
      submittedBy: summary.submittedBy,
      approvedBy: summary.approvedBy,
      rejections: [],
      dropped: [],
      paidFen: 0,
      openedAt: '',
      stageEnteredAt: '',
      updatedAt: '',
    };

  async function act(action: PayrollPersonAction, { actor, reason }: PayrollActionArgs): Promise<PayrollSummary> {
    await condition(() => !busy);
    busy = true;
    try {
      const result = await payrollCommand({ program, period, action, actor, ...(reason !== undefined ? { reason } : {}) });
      if ('refusal' in result) throw payrollRefusalFailure(result.refusal);
      summary = result.summary;
      return summary;
    } finally {
      busy = false;
    }
  }

  setHandler(
    openPayrollUpdate,
    async () => {
      await condition(() => opening.status !== 'pending');
      if (opening.status === 'refused') throw payrollRefusalFailure(opening.refusal);
      return summary!;
    },
  );

  function handle(update: UpdateDefinition<PayrollSummary, [PayrollActionArgs]>, action: Exclude<PayrollPersonAction, 'open'>, command: (args: PayrollActionArgs) => PayrollCommand): void {
    setHandler(update, (input) => act(action, input), {
      validator: (input) => {
        if (!summary) throw payrollRefusalFailure({ kind: 'not-found', detail: `payroll ${payrollId} is not open yet` });
        const decision = decidePayroll(slim(), command(input), input.actor, new Date().toISOString());
        if (decision.kind === 'refuse') throw payrollRefusalFailure(decision.refusal);
      },
    });
  }
  handle(recomputePayrollUpdate, 'recompute', () => ({ action: 'recompute', lines: [] }));
  handle(submitPayrollUpdate, 'submit', () => ({ action: 'submit' }));
  handle(approvePayrollUpdate, 'approve', () => ({ action: 'approve', payabilities: [] }));
  handle(rejectPayrollUpdate, 'reject', ({ reason }) => ({ action: 'reject', reason: reason ?? '' }));

  if (opening.status === 'pending') {
    const result = await payrollCommand({ program, period, action: 'open', actor: args.opener });
    if ('refusal' in result) {
      opening = { status: 'refused', refusal: result.refusal };
      await condition(allHandlersFinished);
      return { payrollId, stage: null };
    }
    summary = result.summary;
    opening = { status: 'open' };
  }

  const historyLong = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > historyLengthBound;
  const carryOn = async (): Promise<never> => {
    do {
      await condition(allHandlersFinished);
      await condition(() => !busy);
    } while (!allHandlersFinished());
    return continueAsNew<typeof payroll>({ ...args, carried: { summary: summary!, nextBatch, historyBounded } });
  };

  await condition(() => summary!.stage === 'DISBURSING' || summary!.stage === 'RECONCILED' || historyLong());
  if (summary!.stage !== 'DISBURSING' && summary!.stage !== 'RECONCILED') await carryOn();

  if (summary!.stage === 'DISBURSING') {
    await condition(() => !busy);
    const { batchCount } = await planPayrollBatches({ payrollId, batchSize: args.batchSize });
    while (nextBatch <= batchCount) {
      await sendPayrollBatch({ payrollId, batchNo: nextBatch });
      nextBatch += 1;
      if (nextBatch <= batchCount && historyLong()) await carryOn();
    }
    summary = await reconcilePayroll({ payrollId });
  }
  await condition(allHandlersFinished);
  return { payrollId, stage: summary!.stage };
}
