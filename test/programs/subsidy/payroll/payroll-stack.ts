/**
 * What a payroll test file through the API stands on: its turn at the payroll months (two files
 * opening the same month at once would meet in one workflow: support/payroll-months.ts), a
 * database of its own (its payrolls see only its enrolments), the API with a worker, notices of a
 * second and batches of two, and a token for each desk.
 */
import { startApiHarness, type ApiHarness } from '../../../api/harness';
import { useOwnDatabase } from '../../../support/own-database';
import { takePayrollMonthsTurn } from '../../../support/payroll-months';

export type Desk = 'officer' | 'civil' | 'finance' | 'admin';

export interface PayrollStack {
  api: ApiHarness;
  token: Record<Desk, string>;
  /** Ends the payrolls the file left running, lets the next file in, and stops the API. */
  close(): Promise<void>;
}

export async function startPayrollStack(databasePrefix: string): Promise<PayrollStack> {
  const turn = await takePayrollMonthsTurn();
  let api: ApiHarness | undefined;
  const close = async () => {
    try {
      await turn.release(api?.config.temporal.taskQueue);
    } finally {
      await api?.close();
    }
  };
  try {
    await useOwnDatabase(databasePrefix);
    api = await startApiHarness({ worker: true, env: { SUBSIDY_NOTICE: '1s', PAYROLL_BATCH_SIZE: '2' } });
    const token: Record<Desk, string> = {
      officer: await api.token('officer'),
      civil: await api.token('civil', { sub: 'civil-wang' }),
      finance: await api.token('finance', { sub: 'finance-zhou' }),
      admin: await api.token('admin'),
    };
    return { api, token, close };
  } catch (error) {
    await close();
    throw error;
  }
}
