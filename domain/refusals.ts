/**
 * Why a program's case refuses an action, in the kinds every program shares, and the failure
 * types a workflow's update validators raise for them. The API reads a refusal back, whether the
 * program decided it in the API process or in the workflow, and answers with its problem document.
 */

/** `Stage` is the refusing program's own stage names; to the shared code a stage is a string. */
export type Refusal<Stage extends string = string> =
  | { kind: 'stage-conflict'; currentStage: Stage; detail: string }
  | { kind: 'idempotency-conflict'; detail: string }
  | { kind: 'unprocessable'; detail: string }
  | { kind: 'forbidden'; detail: string }
  | { kind: 'four-eyes'; detail: string }
  | { kind: 'not-found'; detail: string };

/** Failure types the updates raise; the API turns each into its problem document. */
export const REFUSAL_TYPES = {
  stageConflict: 'StageConflict',
  idempotencyConflict: 'IdempotencyConflict',
  unprocessable: 'Unprocessable',
  forbidden: 'Forbidden',
  fourEyes: 'FourEyes',
  notFound: 'NotFound',
} as const;
