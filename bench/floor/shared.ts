/**
 * The contract of the floor workflow: the engine's cost of the case flow with nothing of ours in
 * it. Same update names and argument shapes as the case workflow (workflows/shared.ts), same
 * number of payer activity calls; nothing validated beyond the stage, nothing persisted.
 */
import { defineUpdate } from '@temporalio/workflow';

export const FLOOR_WORKFLOW_TYPE = 'floorCase';

export const FLOOR_STAGES = ['SCREENING', 'AWAITING_ADMISSION', 'AWAITING_SURGERY', 'REHABILITATION', 'REIMBURSING', 'SETTLED'] as const;
export type FloorStage = (typeof FLOOR_STAGES)[number];

/** As many payer calls as the case workflow's cascade makes (five payers). */
export const FLOOR_PAYER_CALLS = 5;

export interface FloorCaseInput {
  caseId: string;
  /** Carried, not read: the start payload is as large as the real one. */
  [more: string]: unknown;
}

export interface FloorView {
  caseId: string;
  stage: FloorStage;
}

export const floorOpenedUpdate = defineUpdate<FloorView, []>('caseOpened');
export const floorScreeningUpdate = defineUpdate<FloorView, [unknown]>('recordScreening');
export const floorAdmissionUpdate = defineUpdate<FloorView, [unknown]>('recordAdmission');
export const floorSurgeryUpdate = defineUpdate<FloorView, [unknown]>('recordSurgery');
export const floorDischargeUpdate = defineUpdate<FloorView, [unknown]>('recordDischarge');
