import type { DataConverter } from '@temporalio/common';
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import { createActivities, type CaseActivities } from '../programs/surgery/activities/index';
import { SandboxPayers } from '../programs/surgery/activities/payers/sandbox-payer';
import type { PayerAdapter } from '../programs/surgery/activities/payers/payer-adapter';
import { CLAIM_ACTIVITY } from '../programs/surgery/workflow/definitions';
import { payerTaskQueue } from '../programs/surgery/domain/ids';
import type { Database } from '../store/schema';
import { createEnrolmentActivities } from '../programs/subsidy/activities/index';
import { createPairingActivities } from '../programs/pairing/activities/index';
import { DEFAULT_SUBSIDY_POLICY_FILE } from '../programs/subsidy/policy-file';
import { WorkerGroup } from './worker-group';
import { deploymentOptions, type WorkerDeployment } from './deployment';

/** Claims per second sent to the payers when nothing else is configured (config's PAYER_RATE_LIMIT default). */
const DEFAULT_PAYER_RATE_LIMIT = 100;
import { createPayrollActivities } from '../programs/subsidy/activities/payroll';
import { SandboxBank } from '../programs/subsidy/activities/bank/sandbox-bank';
import type { PayrollBank } from '../programs/subsidy/activities/bank/payroll-bank';
import { createDataMatchActivities, type BatchLifeEvents } from '../programs/data-match/activities/index';

export interface CaseWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** codec/data-converter.ts: the same one the clients use, or payloads are unreadable. */
  dataConverter: DataConverter;
  db: Kysely<Database>;
  policyFile: string;
  hospitalsFile: string;
  /** The subsidies' policy file; the shipped one unless given. */
  subsidyPolicyFile?: string;
  /** The sandbox payers unless a real adapter is given. */
  payers?: PayerAdapter;
  /** The deployment and build to poll as (Worker Versioning); unversioned when undefined. */
  deployment?: WorkerDeployment;
  /** Claims per second that all workers together send to the payers. */
  payerRateLimit?: number;
  /** The subsidies' bank: the sandbox bank unless another is given. */
  bank?: PayrollBank;
  /**
   * The single life event's path (api/services/life-event-path.ts), through which the monthly data
   * match's rows are applied; a worker without it leaves batches to a worker with it.
   */
  lifeEvents?: BatchLifeEvents;
  /** Changes to the activities (tests: a worker of an earlier version). */
  adaptActivities?: (activities: CaseActivities) => CaseActivities;
  /** A prebuilt bundle (tests build it once per run); otherwise the workflows are bundled here. */
  workflowBundle?: { code: string };
  tuning?: Pick<
    WorkerOptions,
    'maxCachedWorkflows' | 'maxConcurrentWorkflowTaskExecutions' | 'maxConcurrentActivityTaskExecutions' | 'maxConcurrentLocalActivityExecutions' | 'shutdownForceTime'
  >;
}

/**
 * The worker of every program: one on the task queue for all workflows and activities, and one
 * on the payer queue for the payer calls alone, held by the server to `payerRateLimit` calls a
 * second across all workers. The main worker serves the payer calls too: cases that reached
 * reimbursement before the payer queue existed replay with their calls there.
 */
export async function createCaseWorker(options: CaseWorkerOptions): Promise<WorkerGroup> {
  const { connection, namespace, taskQueue, db } = options;
  const built = createActivities({
    db,
    payers: options.payers ?? new SandboxPayers(db),
    policyFile: options.policyFile,
    hospitalsFile: options.hospitalsFile,
  });
  const caseActivities = options.adaptActivities ? options.adaptActivities(built) : built;
  // Every program's activities on the one worker, as every program's workflows are in its bundle.
  const activities = {
    ...caseActivities,
    ...createEnrolmentActivities({ db, subsidyPolicyFile: options.subsidyPolicyFile ?? DEFAULT_SUBSIDY_POLICY_FILE }),
    ...createPayrollActivities({ db, bank: options.bank ?? new SandboxBank(db) }),
    ...createPairingActivities({ db }),
    ...createDataMatchActivities({ db, lifeEvents: options.lifeEvents }),
  };
  const main = await Worker.create({
    connection,
    namespace,
    taskQueue,
    dataConverter: options.dataConverter,
    activities,
    ...deploymentOptions(options.deployment),
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: require.resolve('../programs/workflows') }),
    ...options.tuning,
  });
  const payerCalls = await Worker.create({
    connection,
    namespace,
    taskQueue: payerTaskQueue(taskQueue),
    dataConverter: options.dataConverter,
    activities: { [CLAIM_ACTIVITY]: caseActivities[CLAIM_ACTIVITY] },
    maxTaskQueueActivitiesPerSecond: options.payerRateLimit ?? DEFAULT_PAYER_RATE_LIMIT,
    ...deploymentOptions(options.deployment),
    ...(options.tuning?.shutdownForceTime === undefined ? {} : { shutdownForceTime: options.tuning.shutdownForceTime }),
  });
  return new WorkerGroup([main, payerCalls]);
}
