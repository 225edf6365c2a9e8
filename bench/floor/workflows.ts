/**
 * The floor: the case flow's shape on Temporal with empty bodies. Opened by update-with-start,
 * moved by four updates (each with a stage validator, as the real ones have), then five payer
 * activity calls in sequence. No event journal, no local activities, no timers, no search
 * attributes: what the case workflow costs above this is ours. `floorFeatures` in the input adds
 * those engine features back one by one, still with bodies that do nothing (the ladder scenario).
 */
import { ApplicationFailure, condition, proxyActivities, proxyLocalActivities, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import type { UpdateDefinition } from '@temporalio/common';
import type { FloorActivities } from './activities';
import {
  FLOOR_PAYER_CALLS,
  floorAdmissionUpdate,
  floorDischargeUpdate,
  floorOpenedUpdate,
  floorScreeningUpdate,
  floorSurgeryUpdate,
  floorApprovePayrollUpdate,
  NO_FEATURES,
  type FloorPayrollInput,
  type FloorCaseInput,
  type FloorStage,
  type FloorView,
} from './shared';

// The same activity options as the case workflow's payer calls.
const { submitClaim } = proxyActivities<FloorActivities>({
  startToCloseTimeout: '1m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

const { loadNothing } = proxyActivities<FloorActivities>({
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

// The same options as the case journal's writer.
const { persistNothing } = proxyLocalActivities<FloorActivities>({
  startToCloseTimeout: '15s',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '20s' },
});

// The case workflow's keys (programs/surgery/workflow/definitions.ts), declared here so the floor bundle stays its own.
const stageKey = defineSearchAttributeKey('CaseStage', SearchAttributeType.KEYWORD);
const stageEnteredAtKey = defineSearchAttributeKey('StageEnteredAt', SearchAttributeType.DATETIME);
const overdueKey = defineSearchAttributeKey('CaseOverdue', SearchAttributeType.BOOL);

const SLA_MS = 30 * 24 * 3600 * 1000;

export async function floorCase(input: FloorCaseInput): Promise<FloorView> {
  const features = input.floorFeatures ?? NO_FEATURES;
  let stage: FloorStage = 'SCREENING';
  let seq = 0;
  const view = (): FloorView => ({ caseId: input.caseId, stage });

  const persist = async (): Promise<void> => {
    if (features.localActivities) await persistNothing({ caseId: input.caseId, seq: ++seq });
  };
  const enter = (next: FloorStage): void => {
    stage = next;
    if (features.searchAttributes) {
      upsertSearchAttributes([
        { key: stageKey, value: next },
        { key: stageEnteredAtKey, value: new Date() },
        { key: overdueKey, value: false },
      ]);
    }
    if (features.slaTimers && next !== 'SETTLED') void condition(() => stage !== next, SLA_MS);
  };

  if (features.searchAttributes) upsertSearchAttributes([{ key: stageKey, value: stage }]);
  if (features.slaTimers) void condition(() => stage !== 'SCREENING', SLA_MS);
  const opened = persist();
  setHandler(floorOpenedUpdate, async () => {
    await opened;
    return view();
  });
  const transition = (update: UpdateDefinition<FloorView, [unknown]>, from: FloorStage, to: FloorStage) =>
    setHandler(
      update,
      async (_args: unknown) => {
        enter(to);
        await persist();
        return view();
      },
      {
        validator: (_args: unknown) => {
          if (stage !== from) throw ApplicationFailure.create({ type: 'StageConflict', message: `in ${stage}`, nonRetryable: true });
        },
      },
    );
  transition(floorScreeningUpdate, 'SCREENING', 'AWAITING_ADMISSION');
  transition(floorAdmissionUpdate, 'AWAITING_ADMISSION', 'AWAITING_SURGERY');
  transition(floorSurgeryUpdate, 'AWAITING_SURGERY', 'REHABILITATION');
  transition(floorDischargeUpdate, 'REHABILITATION', 'REIMBURSING');

  await condition(() => stage === 'REIMBURSING');
  if (features.policyActivity) await loadNothing();
  for (let payer = 0; payer < FLOOR_PAYER_CALLS; payer++) {
    await persist();
    await submitClaim({ caseId: input.caseId, payer });
  }
  enter('SETTLED');
  await persist();
  return view();
}

// The payroll workflow's options: people's actions, then the bank's side with heartbeats.
const { decideNothing } = proxyActivities<FloorActivities>({
  startToCloseTimeout: '5m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '30s' },
});
const { planNothing, sendNothing, reconcileNothing } = proxyActivities<FloorActivities>({
  startToCloseTimeout: '10m',
  heartbeatTimeout: '1m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '20s' },
});

/** The payroll's floor (shared.ts): approval, the plan, one activity per batch, the reconciliation. */
export async function floorPayroll(input: FloorPayrollInput): Promise<{ stage: string }> {
  let stage = 'PENDING_APPROVAL';
  setHandler(
    floorApprovePayrollUpdate,
    async (_args: unknown) => {
      stage = (await decideNothing({ payrollId: input.payrollId, action: 'approve' })).stage;
      return { stage };
    },
    {
      validator: (_args: unknown) => {
        if (stage !== 'PENDING_APPROVAL') throw ApplicationFailure.create({ type: 'StageConflict', message: `in ${stage}`, nonRetryable: true });
      },
    },
  );
  await condition(() => stage === 'DISBURSING');
  const { batchCount } = await planNothing({ payrollId: input.payrollId, batchCount: input.batchCount });
  for (let batchNo = 1; batchNo <= batchCount; batchNo++) await sendNothing({ payrollId: input.payrollId, batchNo });
  stage = (await reconcileNothing({ payrollId: input.payrollId })).stage;
  return { stage };
}
