/**
 * A case driven through its Updates as the API drives it: screening by the officer, then admission,
 * surgery and discharge by the hospital, one Update each, every answer checked for the stage it
 * must reach. Workflow tests, fault tests and the benchmark all drive cases this one way.
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Actor } from '../../domain/actor';
import type { Bill, CaseView } from '../../programs/surgery/domain/schemas';
import type { Stage } from '../../programs/surgery/domain/stages';
import { recordAdmissionUpdate, recordDischargeUpdate, recordScreeningUpdate, recordSurgeryUpdate, type TransitionArgs } from '../../programs/surgery/workflow/definitions';
import { admissionOk, dischargeOk, screeningOk, surgeryOk } from '../fixtures/cases';

export const CASE_STEPS = ['screening', 'admission', 'surgery', 'discharge'] as const;
export type CaseStep = (typeof CASE_STEPS)[number];

/** Any of the four transition Updates: each answers with the case's view. */
type StepUpdate = UpdateDefinition<{ stage: string }, [TransitionArgs<unknown>]>;

const STEPS: Record<CaseStep, { update: StepUpdate; by: 'officer' | 'hospital'; input: (bill: Bill) => unknown; reaches: Stage }> = {
  screening: { update: recordScreeningUpdate as StepUpdate, by: 'officer', input: () => screeningOk, reaches: 'AWAITING_ADMISSION' },
  admission: { update: recordAdmissionUpdate as StepUpdate, by: 'hospital', input: () => admissionOk, reaches: 'AWAITING_SURGERY' },
  surgery: { update: recordSurgeryUpdate as StepUpdate, by: 'hospital', input: () => surgeryOk, reaches: 'REHABILITATION' },
  discharge: { update: recordDischargeUpdate as StepUpdate, by: 'hospital', input: (bill) => ({ ...dischargeOk, bill }), reaches: 'REIMBURSING' },
};

export interface DriveOptions {
  officer: Actor;
  /** The case's own hospital. */
  hospital: Actor;
  /** The bill the discharge reports; the worked example's by default. */
  bill?: Bill;
  /** First step to take; screening by default. */
  from?: CaseStep;
  /** Last step to take; discharge by default. */
  to?: CaseStep;
  /** Other Update definitions of the same shape (the benchmark's floor workflow). */
  updates?: Record<CaseStep, unknown>;
  /** Runs each Update (the benchmark times them). */
  around?: <T>(step: CaseStep, run: () => Promise<T>) => Promise<T>;
}

/** Takes the steps `from`…`to`; the case's view after the last one. */
export async function driveCase(handle: Pick<WorkflowHandle, 'executeUpdate'>, options: DriveOptions): Promise<CaseView> {
  const first = CASE_STEPS.indexOf(options.from ?? 'screening');
  const last = CASE_STEPS.indexOf(options.to ?? 'discharge');
  const around = options.around ?? ((_step, run) => run());
  let view: CaseView | undefined;
  for (const name of CASE_STEPS.slice(first, last + 1)) {
    const step = STEPS[name];
    const update = (options.updates?.[name] as StepUpdate | undefined) ?? step.update;
    const actor = step.by === 'officer' ? options.officer : options.hospital;
    const input = step.input(options.bill ?? dischargeOk.bill);
    const after = await around(name, () => handle.executeUpdate(update, { args: [{ input, actor }] }));
    if (after.stage !== step.reaches) throw new Error(`${name}: stage ${after.stage}, expected ${step.reaches}`);
    view = after as CaseView;
  }
  if (!view) throw new Error(`no step from ${options.from} to ${options.to}`);
  return view;
}
