/**
 * The floor: the case flow's shape on Temporal with empty bodies. Opened by update-with-start,
 * moved by four updates (each with a stage validator, as the real ones have), then five payer
 * activity calls in sequence. No event journal, no local activities, no timers, no search
 * attributes: what the case workflow costs above this is ours.
 */
import { ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { FloorActivities } from './activities';
import {
  FLOOR_PAYER_CALLS,
  floorAdmissionUpdate,
  floorDischargeUpdate,
  floorOpenedUpdate,
  floorScreeningUpdate,
  floorSurgeryUpdate,
  type FloorCaseInput,
  type FloorStage,
  type FloorView,
} from './shared';

// The same activity options as the case workflow's payer calls.
const { submitClaim } = proxyActivities<FloorActivities>({
  startToCloseTimeout: '1m',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
});

export async function floorCase(input: FloorCaseInput): Promise<FloorView> {
  let stage: FloorStage = 'SCREENING';
  const view = (): FloorView => ({ caseId: input.caseId, stage });

  setHandler(floorOpenedUpdate, () => view());
  const transition = (update: UpdateDefinition<FloorView, [unknown]>, from: FloorStage, to: FloorStage) =>
    setHandler(
      update,
      (_args: unknown) => {
        stage = to;
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
  for (let payer = 0; payer < FLOOR_PAYER_CALLS; payer++) await submitClaim({ caseId: input.caseId, payer });
  stage = 'SETTLED';
  return view();
}
