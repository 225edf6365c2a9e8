/**
 * Cases for fault tests, opened and moved the way the API does it: update-with-start with
 * `caseOpened` (conflict policy USE_EXISTING), then one Update per transition.
 */
import { Client, Connection, WithStartWorkflowOperation } from '@temporalio/client';
import { projectClient } from '../../../temporal/client';
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema';
import type { Bill, CaseView } from '../../../programs/surgery/domain/schemas';
import { isTerminal, type Stage, type WaitingStage } from '../../../programs/surgery/domain/stages';
import {
  caseOpenedUpdate,
  caseWorkflowId,
  CASE_WORKFLOW_TYPE,
  openingSearchAttributes,
  type AssistanceCaseInput,
} from '../../../programs/surgery/workflow/definitions';
import { workedExampleCase } from '../../fixtures/cases';
import { driveCase } from '../../support/case-steps';
import { testDataConverter, uniqueId } from '../../support/stack';

const DAY_MS = 86_400_000;
const LONG_SLA: Record<WaitingStage, number> = { SCREENING: DAY_MS, AWAITING_ADMISSION: DAY_MS, AWAITING_SURGERY: DAY_MS, REHABILITATION: DAY_MS, REIMBURSING: DAY_MS };
const officer = { role: 'officer' as const, sub: 'fault-officer' };
const hospital = { role: 'hospital' as const, sub: 'fault-his', hospitalId: 'wuwei-hand-foot' };

export async function connectClient(address: string): Promise<Client> {
  const connection = await Connection.connect({ address });
  return projectClient({ connection, namespace: 'default', dataConverter: testDataConverter() });
}

/** A bill of its own for case number `index`: the cascade's arithmetic differs from case to case. */
export function billFor(index: number): Bill {
  const totalFen = 3_000_000 + ((index * 7_919_311) % 17_000_000) + index;
  const policyScopeFen = Math.floor((totalFen * (55 + (index % 40))) / 100);
  return { totalFen, policyScopeFen };
}

export interface FaultCase {
  caseId: string;
  bill: Bill;
}

export async function openCase(client: Client, taskQueue: string, caseId: string): Promise<void> {
  const input = workedExampleCase();
  const args: AssistanceCaseInput = {
    caseId,
    input: { ...input, caseId },
    hospitalLevel: 'TERTIARY_A',
    openedBy: officer,
    stageSlaMs: LONG_SLA,
    // Short backoff: a payer or database that comes back is noticed within a second or two.
    payerRetry: { initialIntervalMs: 200, maximumIntervalMs: 2_000 },
  };
  const startWorkflowOperation = new WithStartWorkflowOperation(CASE_WORKFLOW_TYPE, {
    workflowId: caseWorkflowId(caseId),
    taskQueue,
    args: [args],
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    typedSearchAttributes: openingSearchAttributes(input, new Date()),
  });
  await client.workflow.executeUpdateWithStart(caseOpenedUpdate, { startWorkflowOperation });
}

/** Opens a case and moves it to rehabilitation: the next report, discharge, starts the cascade. */
export async function toRehabilitation(client: Client, taskQueue: string, faultCase: FaultCase): Promise<void> {
  await openCase(client, taskQueue, faultCase.caseId);
  await driveCase(client.workflow.getHandle(caseWorkflowId(faultCase.caseId)), { officer, hospital, to: 'surgery' });
}

/** The hospital reports discharge with the case's own bill; answers once the report is stored. */
export function discharge(client: Client, faultCase: FaultCase): Promise<CaseView> {
  return driveCase(client.workflow.getHandle(caseWorkflowId(faultCase.caseId)), { officer, hospital, bill: faultCase.bill, from: 'discharge' });
}

/** Opens a case and moves it to discharge: from there the payer cascade runs by itself. */
export async function openAndDischarge(client: Client, taskQueue: string, faultCase: FaultCase): Promise<void> {
  await toRehabilitation(client, taskQueue, faultCase);
  await discharge(client, faultCase);
}

export function makeCases(count: number, prefix: string): FaultCase[] {
  const run = uniqueId(prefix);
  return Array.from({ length: count }, (_, index) => ({ caseId: `${run}-${index}`, bill: billFor(index) }));
}

/** Runs `work` over `items`, at most `parallelism` at a time. */
export async function inParallel<T>(items: readonly T[], parallelism: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(parallelism, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  });
  await Promise.all(lanes);
}

/** Polls `read` until it returns something, or fails with `describe()` after `timeoutMs`. */
export async function eventually<T>(read: () => Promise<T | undefined>, timeoutMs: number, describe: () => Promise<string> | string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await read();
      if (value !== undefined) return value;
    } catch {
      // the server under test may be down right now; ask again
    }
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs / 1000} s: ${await describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Case id → projected stage, for the cases given. */
export async function projectedStages(db: Kysely<Database>, caseIds: readonly string[]): Promise<Map<string, Stage>> {
  const rows = await db.selectFrom('cases').select(['case_id', 'stage']).where('case_id', 'in', [...caseIds]).execute();
  return new Map(rows.map((row) => [row.case_id, row.stage as Stage]));
}

/** Waits until every case is projected in a terminal stage. */
export async function waitUntilClosed(db: Kysely<Database>, caseIds: readonly string[], timeoutMs: number): Promise<void> {
  let last = new Map<string, Stage>();
  await eventually(
    async () => {
      last = await projectedStages(db, caseIds);
      return caseIds.every((id) => last.has(id) && isTerminal(last.get(id)!)) ? true : undefined;
    },
    timeoutMs,
    () => {
      const open = caseIds.filter((id) => !last.has(id) || !isTerminal(last.get(id)!));
      return `${open.length} of ${caseIds.length} cases not closed, e.g. ${open.slice(0, 3).map((id) => `${id}=${last.get(id) ?? 'unprojected'}`).join(', ')}`;
    },
  );
}

/** How many ClaimDecided events are stored for these cases (how far the cascades have gone). */
export async function decidedClaimCount(db: Kysely<Database>, caseIds: readonly string[]): Promise<number> {
  const row = await db
    .selectFrom('case_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('case_id', 'in', [...caseIds])
    .where('type', '=', 'ClaimDecided')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
