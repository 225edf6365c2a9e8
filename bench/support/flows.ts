/**
 * The three ways the benchmark takes a case from opening to SETTLED, the same steps each time:
 * open (update-with-start), screening, admission, surgery, discharge, then the five payer calls
 * until the workflow completes.
 * - http: through the API, as an officer and the case's hospital would;
 * - client: the case workflow driven by the Temporal client, as the API drives it, minus HTTP;
 * - floor: the floor workflow (bench/floor) driven the same way.
 * Completion is the workflow's result in every variant, so "settled" means the same thing.
 */
import { WithStartWorkflowOperation, type Client } from '@temporalio/client';
import type { SearchAttributePair, UpdateDefinition } from '@temporalio/common';
import type { CaseView, NewCaseInput } from '../../programs/surgery/domain/schemas';
import type { Actor } from '../../domain/actor';
import type { HospitalLevel, WaitingStage } from '../../programs/surgery/domain/stages';
import {
  caseOpenedUpdate,
  caseWorkflowId,
  CASE_WORKFLOW_TYPE,
  openingSearchAttributes,
  type AssistanceCaseInput,
  type AssistanceCaseResult,
} from '../../programs/surgery/workflow/definitions';
import { FLOOR_WORKFLOW_TYPE, floorAdmissionUpdate, floorDischargeUpdate, floorOpenedUpdate, floorScreeningUpdate, floorSurgeryUpdate, type FloorFeatures } from '../floor/shared';
import type { ApiClient } from './api-client';
import { admissionOk, dischargeOk, screeningOk, surgeryOk, type CaseFactory } from './case-data';
import { driveCase } from '../../test/support/case-steps';
import type { Latencies } from './stats';

export interface FlowContext {
  temporal: Client;
  caseTaskQueue: string;
  floorTaskQueue: string;
  factory: CaseFactory;
  stageSlaMs: Record<WaitingStage, number>;
  hospitalLevels: ReadonlyMap<string, HospitalLevel>;
  api: ApiClient | undefined;
}

export const HTTP_STEPS = {
  open: 'POST /v1/cases',
  screening: 'POST /v1/cases/{id}/screening',
  admission: 'POST /v1/cases/{id}/admission',
  surgery: 'POST /v1/cases/{id}/surgery',
  discharge: 'POST /v1/cases/{id}/discharge',
  read: 'GET /v1/cases/{id}',
} as const;

export const UPDATE_STEPS = {
  open: 'caseOpened (update-with-start)',
  screening: 'recordScreening',
  admission: 'recordAdmission',
  surgery: 'recordSurgery',
  discharge: 'recordDischarge',
} as const;

/** The hospital's transitions: the API's p99 of these is compared with the raw updates'. */
export const HOSPITAL_TRANSITIONS = ['admission', 'surgery', 'discharge'] as const;

const OFFICER: Actor = { role: 'officer', sub: 'bench-officer' };
const hospitalActor = (hospitalId: string): Actor => ({ role: 'hospital', sub: `bench-hospital-${hospitalId}`, hospitalId });

/** The workflow input exactly as the API builds it (programs/surgery/api/case-opening.ts, `openCase`). */
export function caseWorkflowInput(ctx: FlowContext, input: NewCaseInput & { insured: boolean }): AssistanceCaseInput {
  const level = ctx.hospitalLevels.get(input.hospitalId);
  if (!level) throw new Error(`hospital ${input.hospitalId} is not in the registry`);
  return { caseId: input.caseId!, input: { ...input, caseId: input.caseId!, insured: input.insured }, hospitalLevel: level, openedBy: OFFICER, stageSlaMs: ctx.stageSlaMs };
}

/** The search attributes the API sets at start. */
export function startSearchAttributes(input: NewCaseInput): SearchAttributePair[] {
  return openingSearchAttributes(input, new Date());
}

function expectStage(what: string, actual: string, expected: string): void {
  if (actual !== expected) throw new Error(`${what}: stage ${actual}, expected ${expected}`);
}

/** Through the API; returns the time from the POST to the settled workflow, ms. */
export async function httpLifecycle(ctx: FlowContext, latencies: Latencies, prefix: string, index: number): Promise<number> {
  const api = ctx.api!;
  const body = ctx.factory.newCase(prefix, index);
  const caseId = body.caseId!;
  const path = `/v1/cases/${caseId}`;
  const hospital = api.hospitalToken(body.hospitalId);
  const started = performance.now();
  const opened = await latencies.time(HTTP_STEPS.open, () => api.request<CaseView>('POST', '/v1/cases', api.tokens.officer, body, [201]));
  expectStage('opened', opened.stage, 'SCREENING');
  const screened = await latencies.time(HTTP_STEPS.screening, () => api.request<CaseView>('POST', `${path}/screening`, api.tokens.officer, screeningOk));
  expectStage('screening', screened.stage, 'AWAITING_ADMISSION');
  const admitted = await latencies.time(HTTP_STEPS.admission, () => api.request<CaseView>('POST', `${path}/admission`, hospital, admissionOk));
  expectStage('admission', admitted.stage, 'AWAITING_SURGERY');
  const operated = await latencies.time(HTTP_STEPS.surgery, () => api.request<CaseView>('POST', `${path}/surgery`, hospital, surgeryOk));
  expectStage('surgery', operated.stage, 'REHABILITATION');
  const discharged = await latencies.time(HTTP_STEPS.discharge, () => api.request<CaseView>('POST', `${path}/discharge`, hospital, dischargeOk));
  expectStage('discharge', discharged.stage, 'REIMBURSING');
  const result = await ctx.temporal.workflow.getHandle<(input: AssistanceCaseInput) => Promise<AssistanceCaseResult>>(caseWorkflowId(caseId)).result();
  expectStage('result', result.stage, 'SETTLED');
  return performance.now() - started;
}

/** The floor workflow's Updates, in the case workflow's place. */
const FLOOR_UPDATES = { screening: floorScreeningUpdate, admission: floorAdmissionUpdate, surgery: floorSurgeryUpdate, discharge: floorDischargeUpdate };

/**
 * The case workflow ('client') or the floor ('floor', with `floorFeatures` added back if given)
 * driven by the Temporal client; returns the settle time, ms.
 */
export async function clientLifecycle(
  ctx: FlowContext,
  kind: 'client' | 'floor',
  latencies: Latencies,
  prefix: string,
  index: number,
  floorFeatures?: FloorFeatures,
): Promise<number> {
  const real = kind === 'client';
  const workflowType = real ? CASE_WORKFLOW_TYPE : FLOOR_WORKFLOW_TYPE;
  const taskQueue = real ? ctx.caseTaskQueue : ctx.floorTaskQueue;
  const opened = (real ? caseOpenedUpdate : floorOpenedUpdate) as UpdateDefinition<{ stage: string }, []>;
  const body = ctx.factory.newCase(prefix, index);
  const input = kind === 'floor' && floorFeatures ? { ...caseWorkflowInput(ctx, body), floorFeatures } : caseWorkflowInput(ctx, body);
  const workflowId = caseWorkflowId(body.caseId!);
  const started = performance.now();
  const startWorkflowOperation = new WithStartWorkflowOperation(workflowType, {
    workflowId,
    taskQueue,
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    // The floor carries the same attributes at start, so the start costs the server the same.
    typedSearchAttributes: startSearchAttributes(body),
  });
  const view = await latencies.time(UPDATE_STEPS.open, () => ctx.temporal.workflow.executeUpdateWithStart(opened, { startWorkflowOperation }));
  expectStage('opened', view.stage, 'SCREENING');
  const handle = await startWorkflowOperation.workflowHandle();
  await driveCase(handle, {
    officer: OFFICER,
    hospital: hospitalActor(body.hospitalId),
    updates: real ? undefined : FLOOR_UPDATES,
    around: (step, run) => latencies.time(UPDATE_STEPS[step], run),
  });
  const result = (await handle.result()) as { stage: string };
  expectStage('result', result.stage, 'SETTLED');
  return performance.now() - started;
}
