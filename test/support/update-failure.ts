/**
 * The failure an Update was answered with: a refusal by the workflow's validator or handler, or
 * one the server gave (an Update no worker answered). Fails the test when the Update succeeded or
 * failed otherwise.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';

export async function updateFailureOf(answer: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await answer.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return cause as ApplicationFailure;
}
