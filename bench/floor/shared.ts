/**
 * The contract of the floor workflow: the engine's cost of the case flow with nothing of ours in
 * it. Same update names and argument shapes as the case workflow (programs/surgery/workflow/definitions.ts), same
 * number of payer activity calls; nothing validated beyond the stage, nothing persisted.
 */
import { defineUpdate } from '@temporalio/workflow';

export const FLOOR_WORKFLOW_TYPE = 'floorCase';

export const FLOOR_STAGES = ['SCREENING', 'AWAITING_ADMISSION', 'AWAITING_SURGERY', 'REHABILITATION', 'REIMBURSING', 'SETTLED'] as const;
export type FloorStage = (typeof FLOOR_STAGES)[number];

/** As many payer calls as the case workflow's cascade makes (five payers). */
export const FLOOR_PAYER_CALLS = 5;

/**
 * Engine features the case workflow uses, each added to the floor with a body that does nothing,
 * to split the gap between the floor and the case workflow (the `ladder` scenario). All off is
 * the floor proper.
 */
export interface FloorFeatures {
  /** A local activity after every change, awaited as the journal's writer is: 11 per case. */
  localActivities: boolean;
  /** A service-level timer per waiting stage, cancelled when the stage is left. */
  slaTimers: boolean;
  /** Search attributes upserted at start and at every stage change. */
  searchAttributes: boolean;
  /** One more activity before the cascade (the case workflow's loadPolicy). */
  policyActivity: boolean;
}

export const NO_FEATURES: FloorFeatures = { localActivities: false, slaTimers: false, searchAttributes: false, policyActivity: false };

export interface FloorCaseInput {
  caseId: string;
  floorFeatures?: FloorFeatures;
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

/**
 * The payroll's floor: the payroll workflow's shape after approval (an approval Update answered
 * by one activity, the batches planned, each batch one activity in sequence, then the
 * reconciliation) with bodies that do nothing. Its history is the payroll's with nothing of ours.
 */
export const FLOOR_PAYROLL_WORKFLOW_TYPE = 'floorPayroll';

export interface FloorPayrollInput {
  payrollId: string;
  batchCount: number;
}

export const floorApprovePayrollUpdate = defineUpdate<{ stage: string }, [unknown]>('approvePayroll');
