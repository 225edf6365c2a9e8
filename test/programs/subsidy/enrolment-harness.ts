/**
 * A worker on its own task queue with both programs' activities, and helpers that register a
 * person and take an enrolment through its Updates as the API will.
 */
import { NativeConnection } from '@temporalio/worker';
import type { WorkerGroup } from '../../../worker/worker-group';
import { WithStartWorkflowOperation, type Client, type WorkflowHandle } from '@temporalio/client';
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema';
import { insertPerson } from '../../../store/persons';
import { createCaseWorker } from '../../../worker/create-worker';
import { subsidyEnrolment } from '../../../programs/workflows';
import {
  applyUpdate,
  cdpfReviewUpdate,
  DEFAULT_ENROLMENT_STAGE_SLA_MS,
  decisionUpdate,
  enrolmentOpeningSearchAttributes,
  enrolmentWorkflowId,
  townReviewUpdate,
  type EnrolmentStageSlaMs,
  type EnrolmentUpdateResult,
  type SubsidyEnrolmentInput,
} from '../../../programs/subsidy/workflow/definitions';
import type { ApplyInput, SubsidyActor, SubsidyProgram } from '../../../programs/subsidy/domain/index';
import type { Disability } from '../../../domain/persons';
import type { AssistanceCategory } from '../../../domain/fields';
import { readEnrolmentState } from '../../../programs/subsidy/store/enrolments';
import { eventually } from '../../support/eventually';
import { testClient, testConnection, testDataConverter, testDbClosedByCaller, testNamespace, testTemporalAddress, uniqueId, uniqueTaskQueue, workflowBundle } from '../../support/stack';
import { DEFAULT_HOSPITALS_FILE, DEFAULT_POLICY_FILE } from '../../workflow/case-harness';

export const ACTORS = {
  officer: { role: 'officer', sub: 'officer-zhao' },
  civil: { role: 'civil', sub: 'civil-qian' },
  admin: { role: 'admin', sub: 'admin-sun' },
  finance: { role: 'finance', sub: 'finance-li' },
} as const satisfies Record<string, SubsidyActor>;

export type EnrolmentHandle = WorkflowHandle<typeof subsidyEnrolment>;

export interface PersonSketch {
  assistanceCategory: AssistanceCategory;
  grade: number | null;
  longTermCare?: boolean;
}

export function disability(grade: number, longTermCare = true): Disability {
  return { certificateNo: `CERT-${grade}-${longTermCare ? 'L' : 'N'}`, category: 'PHYSICAL', grade, longTermCare };
}

export interface EnrolmentHarness {
  client: Client;
  db: Kysely<Database>;
  taskQueue: string;
  worker: WorkerGroup;
  /** Registers a person in the registry; returns their id. */
  registerPerson(person: PersonSketch, town?: string): Promise<string>;
  /** Applies as the API does (update-with-start); returns the handle and the Update's answer. */
  apply(options: { personId: string; program: SubsidyProgram; appliedOn: string; enrolmentId?: string; noticeMs?: number; sla?: Partial<EnrolmentStageSlaMs>; actor?: SubsidyActor; historyLengthBound?: number }): Promise<{
    handle: EnrolmentHandle;
    enrolmentId: string;
    opened: EnrolmentUpdateResult;
  }>;
  close(): Promise<void>;
}

export async function createEnrolmentHarness(): Promise<EnrolmentHarness> {
  const client = await testClient();
  await testConnection();
  const db = testDbClosedByCaller();
  const taskQueue = uniqueTaskQueue();
  const connection = await NativeConnection.connect({ address: testTemporalAddress() });
  const worker = await createCaseWorker({
    connection,
    namespace: testNamespace(),
    taskQueue,
    dataConverter: testDataConverter(),
    db,
    policyFile: DEFAULT_POLICY_FILE,
    hospitalsFile: DEFAULT_HOSPITALS_FILE,
    workflowBundle: workflowBundle(),
  });
  const running = worker.run();
  let people = 0;

  return {
    client,
    db,
    taskQueue,
    worker,
    async registerPerson(person, town = '黄羊镇') {
      const personId = uniqueId('person');
      people += 1;
      // Not a real ID number: the store takes what the API validated; this one only has to be unique.
      const idNumber = `TEST${process.pid}${Date.now()}${people}`.slice(0, 32);
      await insertPerson(
        db,
        personId,
        {
          idNumber,
          name: '测试人员',
          phone: undefined,
          town,
          village: undefined,
          assistanceCategory: person.assistanceCategory,
          disability: person.grade === null ? null : disability(person.grade, person.longTermCare ?? true),
        },
        'test',
      );
      return personId;
    },
    async apply(options) {
      const enrolmentId = options.enrolmentId ?? uniqueId('enr');
      const application = {
        input: { enrolmentId, program: options.program, personId: options.personId, appliedOn: options.appliedOn, bankAccount: { bank: '武威农商银行', accountNo: '6228480000000001234' } } satisfies ApplyInput,
        actor: options.actor ?? ACTORS.officer,
      };
      const input: SubsidyEnrolmentInput = {
        enrolmentId,
        application,
        stageSlaMs: { ...DEFAULT_ENROLMENT_STAGE_SLA_MS, ...options.sla },
        ...(options.noticeMs !== undefined ? { noticeMs: options.noticeMs } : {}),
        ...(options.historyLengthBound !== undefined ? { historyLengthBound: options.historyLengthBound } : {}),
      };
      const startWorkflowOperation = new WithStartWorkflowOperation(subsidyEnrolment, {
        workflowId: enrolmentWorkflowId(enrolmentId),
        taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        typedSearchAttributes: enrolmentOpeningSearchAttributes('黄羊镇', new Date()),
      });
      const opened = await client.workflow.executeUpdateWithStart(applyUpdate, { args: [application], startWorkflowOperation });
      const handle = client.workflow.getHandle<typeof subsidyEnrolment>(enrolmentWorkflowId(enrolmentId));
      return { handle, enrolmentId, opened };
    },
    async close() {
      worker.shutdown();
      await running;
      await connection.close();
      await db.destroy();
    },
  };
}

/** The two reviews and an approving decision: the enrolment is then in its public notice. */
export async function throughDecision(handle: EnrolmentHandle): Promise<EnrolmentUpdateResult> {
  await handle.executeUpdate(townReviewUpdate, { args: [{ input: { approved: true, reviewedBy: '镇民政办 张' }, actor: ACTORS.officer }] });
  await handle.executeUpdate(cdpfReviewUpdate, { args: [{ input: { approved: true, reviewedBy: '区残联 王' }, actor: ACTORS.officer }] });
  return handle.executeUpdate(decisionUpdate, { args: [{ input: { approved: true }, actor: ACTORS.civil }] });
}

/** Waits until the read model shows the enrolment in `stage`. */
export async function storedInStage(h: EnrolmentHarness, enrolmentId: string, stage: string, timeoutMs = 15_000) {
  return eventually(`enrolment ${enrolmentId} stored in ${stage}`, async () => {
    const state = await readEnrolmentState(h.db, enrolmentId);
    return state?.stage === stage ? state : undefined;
  }, timeoutMs);
}

/** The refusal an Update was answered with. */
export { updateFailureOf as refusalOf } from '../../support/update-failure';
