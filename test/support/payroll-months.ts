/**
 * A payroll's workflow id is its program and month: one payroll a month, whoever opens it. Every
 * test file shares one Temporal namespace, so two files that open the same month's payroll at
 * the same time (each with a database of its own) would meet in one workflow, which opening with
 * USE_EXISTING joins: the second file's payroll is then stored in the first file's database. Files
 * that open payrolls through Temporal take turns with this lock (a PostgreSQL advisory lock,
 * released when its session ends), and end what they left running before they let go.
 */
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { testAdminDatabaseUrl, testNamespace, testTemporalAddress } from './stack';

/** Any constant both sides agree on; advisory locks are keyed by number. */
const PAYROLL_MONTHS_LOCK = 2_026_05;

export interface PayrollMonthsTurn {
  /** Terminates the payrolls still running on `taskQueue` (a DRAFT waits for ever), then lets the next file in. */
  release(taskQueue: string | undefined): Promise<void>;
}

export async function takePayrollMonthsTurn(): Promise<PayrollMonthsTurn> {
  const session = new pg.Client({ connectionString: testAdminDatabaseUrl() });
  await session.connect();
  await session.query('select pg_advisory_lock($1)', [PAYROLL_MONTHS_LOCK]);
  return {
    async release(taskQueue) {
      // A connection of its own: the file's client may already be closed by the stack's teardown.
      const connection = taskQueue === undefined ? undefined : await Connection.connect({ address: testTemporalAddress() });
      try {
        if (!connection) return;
        const client = new Client({ connection, namespace: testNamespace() });
        const query = `WorkflowType = 'payroll' AND ExecutionStatus = 'Running' AND TaskQueue = '${taskQueue}'`;
        for await (const workflow of client.workflow.list({ query })) {
          await client.workflow.getHandle(workflow.workflowId, workflow.runId).terminate('the test file is done');
        }
      } finally {
        await connection?.close();
        await session.end();
      }
    },
  };
}
