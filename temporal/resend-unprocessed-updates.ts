/**
 * An Update the server handed to a worker in a workflow task that the worker then completed
 * without answering it is rejected by the server itself: an ApplicationFailure of type
 * `UnprocessedUpdate`, source `Server`. Nothing of it reached the workflow: no validator ran, no
 * event was written (a rejection leaves no trace in the history). The SDK's core can drop the
 * message when a workflow task is superseded while it runs — seen here under many concurrent
 * Updates to one case that was continuing as new ("There are unprocessed protocol messages while
 * receiving new work" in the worker's log). Sending the same Update again is then what the caller
 * would do, and is safe; this interceptor does it, a few times, before the caller sees the failure.
 *
 * Every other outcome, a refusal by a validator included, is returned as it is.
 */
import type { WorkflowClientInterceptor, WorkflowStartUpdateInput, WorkflowStartUpdateOutput } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';

/** The failure type the server gives an Update no worker answered. */
export const UNPROCESSED_UPDATE_FAILURE_TYPE = 'UnprocessedUpdate';

/** Sends after the first: enough for a race that resolves on the next workflow task. */
const RESENDS = 3;
const PAUSE_MS = 50;

export function isUnprocessedUpdate(outcome: temporal.api.update.v1.IOutcome | undefined): boolean {
  const failure = outcome?.failure;
  return failure?.source === 'Server' && failure.applicationFailureInfo?.type === UNPROCESSED_UPDATE_FAILURE_TYPE;
}

export function resendUnprocessedUpdates(options: { resends?: number; pauseMs?: number } = {}): WorkflowClientInterceptor {
  const resends = options.resends ?? RESENDS;
  const pauseMs = options.pauseMs ?? PAUSE_MS;
  return {
    async startUpdate(input: WorkflowStartUpdateInput, next: (input: WorkflowStartUpdateInput) => Promise<WorkflowStartUpdateOutput>) {
      let output = await next(input);
      for (let sent = 1; sent <= resends && isUnprocessedUpdate(output.outcome); sent++) {
        await new Promise((resolve) => setTimeout(resolve, pauseMs * sent));
        output = await next(input);
      }
      return output;
    },
  };
}
