import type { DataConverter } from '@temporalio/common';
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import { createActivities, type CaseActivities } from '../programs/surgery/activities/index';
import { SandboxPayers } from '../programs/surgery/activities/payers/sandbox-payer';
import type { PayerAdapter } from '../programs/surgery/activities/payers/payer-adapter';
import type { Database } from '../store/schema';
import { createEnrolmentActivities } from '../programs/subsidy/activities/index';
import { DEFAULT_SUBSIDY_POLICY_FILE } from '../programs/subsidy/policy-file';
import { createPayrollActivities } from '../programs/subsidy/activities/payroll';
import { SandboxBank } from '../programs/subsidy/activities/bank/sandbox-bank';
import type { PayrollBank } from '../programs/subsidy/activities/bank/payroll-bank';

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
  /** The subsidies' bank: the sandbox bank unless another is given. */
  bank?: PayrollBank;
  /** Changes to the activities (tests: a worker of an earlier version). */
  adaptActivities?: (activities: CaseActivities) => CaseActivities;
  /** A prebuilt bundle (tests build it once per run); otherwise the workflows are bundled here. */
  workflowBundle?: { code: string };
  tuning?: Pick<
    WorkerOptions,
    'maxCachedWorkflows' | 'maxConcurrentWorkflowTaskExecutions' | 'maxConcurrentActivityTaskExecutions' | 'maxConcurrentLocalActivityExecutions' | 'shutdownForceTime'
  >;
}

export async function createCaseWorker(options: CaseWorkerOptions): Promise<Worker> {
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
  };
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    dataConverter: options.dataConverter,
    activities,
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: require.resolve('../programs/workflows') }),
    ...options.tuning,
  });
}
