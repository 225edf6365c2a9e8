/**
 * The names a case is known by outside its own state: its workflow's id and task queue in
 * Temporal, and the key each payer knows a claim by. Written here once; everyone who builds or
 * reads one of them imports it. Pure, so the workflow bundle and the console may import it too.
 */
import type { Payer } from './stages';

/** A case's workflow id is this prefix and the case id: the id tells a case's workflow from any other program's. */
export const CASE_WORKFLOW_ID_PREFIX = 'case-';

/** The task queue the case workflows and their activities run on, unless configured otherwise. */
export const CASE_TASK_QUEUE = 'assistance-cases';

/**
 * The task queue of the payer calls of cases on `caseTaskQueue`: a queue of their own, so that the
 * server can hold them to a rate (a payer coming back from an outage is not hit by every retry at
 * once) without slowing anything else a worker does.
 */
export function payerTaskQueue(caseTaskQueue: string): string {
  return `${caseTaskQueue}-payers`;
}

/** The id of a case's workflow: one workflow per case, found again from the case id alone. */
export function caseWorkflowId(caseId: string): string {
  return `${CASE_WORKFLOW_ID_PREFIX}${caseId}`;
}

/** The case id inside a case workflow's id; undefined for any other workflow. */
export function caseIdOfWorkflowId(workflowId: string): string | undefined {
  return workflowId.startsWith(CASE_WORKFLOW_ID_PREFIX) && workflowId.length > CASE_WORKFLOW_ID_PREFIX.length ? workflowId.slice(CASE_WORKFLOW_ID_PREFIX.length) : undefined;
}

/** The idempotency key of a case's claim at a payer: the same on every attempt, so a payer pays it at most once. */
export function claimIdempotencyKey(caseId: string, payer: Payer): string {
  return `${caseId}:${payer}`;
}
