/**
 * A worker on its own task queue with sandbox payers whose modes live in memory, so one test can
 * take a payer down without touching the cases of tests running beside it.
 */
import path from 'node:path';
import type { WorkerGroup } from '../../worker/worker-group';
import type { Client, WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { Kysely } from 'kysely';
import { SandboxPayers } from '../../programs/surgery/activities/payers/sandbox-payer';
import { PAYER_UP } from '../../programs/surgery/store/sandbox-payers';
import type { Database } from '../../store/schema';
import type { SandboxPayerSetting } from '../../programs/surgery/domain/schemas';
import { PAYERS, type Payer, type WaitingStage } from '../../programs/surgery/domain/stages';
import { createCaseWorker } from '../../worker/create-worker';
import type { CaseActivities } from '../../programs/surgery/activities/index';
import type { PayerAdapter } from '../../programs/surgery/activities/payers/payer-adapter';
import { assistanceCase } from '../../programs/workflows';
import { caseWorkflowId, openingSearchAttributes, type AssistanceCaseInput } from '../../programs/surgery/workflow/definitions';
import { testClient, testConnection, testDataConverter, testDbClosedByCaller, testNamespace, uniqueId, uniqueTaskQueue, workflowBundle } from '../support/stack';
import { NativeConnection } from '@temporalio/worker';
import { testTemporalAddress } from '../support/stack';
import { ACTORS, dischargeOk, workedExampleCase } from '../fixtures/cases';
import { driveCase } from '../support/case-steps';
import type { CaseView, Bill } from '../../programs/surgery/domain/schemas';
import { approveProposalUpdate, proposeResolutionUpdate } from '../../programs/surgery/workflow/definitions';
import type { ClaimProposalInput } from '../../programs/surgery/domain/schemas';

export const ROOT = path.resolve(__dirname, '../..');
export const DEFAULT_POLICY_FILE = path.join(ROOT, 'config/policy.default.json');
export const DEFAULT_HOSPITALS_FILE = path.join(ROOT, 'config/hospitals.default.json');
const LONG_SLA: Record<WaitingStage, number> = {
  SCREENING: 86_400_000,
  AWAITING_ADMISSION: 86_400_000,
  AWAITING_SURGERY: 86_400_000,
  REHABILITATION: 86_400_000,
  REIMBURSING: 86_400_000,
};

export interface CaseHarness {
  client: Client;
  db: Kysely<Database>;
  taskQueue: string;
  worker: WorkerGroup;
  payerModes: Record<Payer, SandboxPayerSetting>;
  setPayer(payer: Payer, setting: Partial<SandboxPayerSetting>): void;
  startCase(options?: {
    caseId?: string;
    input?: Partial<AssistanceCaseInput['input']>;
    sla?: Partial<Record<WaitingStage, number>>;
    /** Start with the search attributes set, as the API and the importer do. */
    withSearchAttributes?: boolean;
    /** Continue as new past this many history events (the continue-as-new tests lower it). */
    historyLengthBound?: number;
  }): Promise<WorkflowHandleWithFirstExecutionRunId<typeof assistanceCase>>;
  /** Runs `fn` while the worker polls. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface CaseHarnessOptions {
  policyFile?: string;
  adaptActivities?: (activities: CaseActivities) => CaseActivities;
  /** A payer that behaves unlike the sandbox (one that cannot void, or pays after a void), built on it. */
  adaptPayers?: (sandbox: SandboxPayers) => PayerAdapter;
  /** Claims per second the server lets this harness's worker send to the payers. */
  payerRateLimit?: number;
}

export async function createCaseHarness(options: CaseHarnessOptions = {}): Promise<CaseHarness> {
  const client = await testClient();
  await testConnection();
  const db = testDbClosedByCaller();
  const taskQueue = uniqueTaskQueue();
  const payerModes = Object.fromEntries(PAYERS.map((payer) => [payer, { ...PAYER_UP }])) as Record<Payer, SandboxPayerSetting>;
  const connection = await NativeConnection.connect({ address: testTemporalAddress() });
  const worker = await createCaseWorker({
    connection,
    namespace: testNamespace(),
    taskQueue,
    dataConverter: testDataConverter(),
    db,
    policyFile: options.policyFile ?? DEFAULT_POLICY_FILE,
    hospitalsFile: DEFAULT_HOSPITALS_FILE,
    payers: (options.adaptPayers ?? ((sandbox) => sandbox))(new SandboxPayers(db, { settings: async () => payerModes })),
    workflowBundle: workflowBundle(),
    adaptActivities: options.adaptActivities,
    payerRateLimit: options.payerRateLimit,
  });
  const running = worker.run();

  return {
    client,
    db,
    taskQueue,
    worker,
    payerModes,
    setPayer(payer, setting) {
      payerModes[payer] = { ...payerModes[payer], ...setting };
    },
    async startCase(options = {}) {
      const caseId = options.caseId ?? uniqueId('case');
      const args: AssistanceCaseInput = {
        caseId,
        input: { ...workedExampleCase(), ...options.input },
        hospitalLevel: 'TERTIARY_A',
        openedBy: { role: 'officer', sub: 'officer-li' },
        stageSlaMs: { ...LONG_SLA, ...options.sla },
        payerRetry: { initialIntervalMs: 100, maximumIntervalMs: 1_000 },
        ...(options.historyLengthBound === undefined ? {} : { historyLengthBound: options.historyLengthBound }),
      };
      return client.workflow.start(assistanceCase, {
        taskQueue,
        workflowId: caseWorkflowId(caseId),
        args: [args],
        ...(options.withSearchAttributes ? { typedSearchAttributes: openingSearchAttributes(args.input, new Date()) } : {}),
      });
    },
    run: (fn) => fn(),
    async close() {
      worker.shutdown();
      await running;
      await connection.close();
      await db.destroy();
    },
  };
}

/** Screening, admission, surgery and discharge (with `bill`): the case is then reimbursing. */
export function toReimbursing(handle: WorkflowHandle<typeof assistanceCase>, bill: Bill = dischargeOk.bill): Promise<CaseView> {
  return driveCase(handle, { officer: ACTORS.officer, hospital: ACTORS.hospital, bill });
}

/** Money by hand, as two administrators settle it: `ACTORS.admin` proposes, `ACTORS.approver` approves. */
export async function resolveByHand(handle: WorkflowHandle<typeof assistanceCase>, payer: Payer, proposal: Omit<ClaimProposalInput, 'overridePolicy'> & { overridePolicy?: boolean }): Promise<CaseView> {
  const proposed = await handle.executeUpdate(proposeResolutionUpdate, { args: [{ payer, input: { overridePolicy: false, ...proposal }, actor: ACTORS.admin }] });
  const { proposalId } = proposed.reimbursement!.proposals!.filter((p) => p.payer === payer).at(-1)!;
  return handle.executeUpdate(approveProposalUpdate, { args: [{ payer, proposalId, input: {}, actor: ACTORS.approver }] });
}
