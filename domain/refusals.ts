/**
 * Why a program's item refuses an action, in the kinds every program shares, and the one catalogue
 * of how a refusal travels: the workflow raises it as a failure of a named type (with the item's
 * stage as its detail where it has one), and the API reads the same names back before turning the
 * refusal into its problem document — whether the program decided it in the API process or in the
 * workflow.
 */

/** `Stage` is the refusing program's own stage names; to the shared code a stage is a string. */
export type Refusal<Stage extends string = string> =
  | { kind: 'stage-conflict'; currentStage: Stage; detail: string }
  | { kind: 'idempotency-conflict'; detail: string }
  | { kind: 'unprocessable'; detail: string }
  | { kind: 'forbidden'; detail: string }
  | { kind: 'four-eyes'; detail: string }
  | { kind: 'not-found'; detail: string };

export type RefusalKind = Refusal['kind'];

/** The failure type each refusal is raised with; recorded in histories, so these names never change. */
export const REFUSAL_FAILURE_TYPES: Record<RefusalKind, string> = {
  'stage-conflict': 'StageConflict',
  'idempotency-conflict': 'IdempotencyConflict',
  unprocessable: 'Unprocessable',
  forbidden: 'Forbidden',
  'four-eyes': 'FourEyes',
  'not-found': 'NotFound',
};

/** The same names, by a key that reads well in code (`REFUSAL_TYPES.stageConflict`). */
export const REFUSAL_TYPES = {
  stageConflict: REFUSAL_FAILURE_TYPES['stage-conflict'],
  idempotencyConflict: REFUSAL_FAILURE_TYPES['idempotency-conflict'],
  unprocessable: REFUSAL_FAILURE_TYPES.unprocessable,
  forbidden: REFUSAL_FAILURE_TYPES.forbidden,
  fourEyes: REFUSAL_FAILURE_TYPES['four-eyes'],
  notFound: REFUSAL_FAILURE_TYPES['not-found'],
} as const;

const KIND_OF_FAILURE_TYPE = new Map(Object.entries(REFUSAL_FAILURE_TYPES).map(([kind, type]) => [type, kind as RefusalKind]));

/** What a refusal carries besides its message: the stage, for a stage conflict. */
export function refusalFailureDetails(refusal: Refusal): unknown[] | undefined {
  return refusal.kind === 'stage-conflict' ? [{ currentStage: refusal.currentStage }] : undefined;
}

/**
 * The refusal a failure of one of these types stands for; undefined for any other failure. A stage
 * conflict without a readable stage is reported as unprocessable.
 */
export function refusalOfFailure(type: string | undefined | null, detail: string, details: readonly unknown[] | undefined): Refusal | undefined {
  const kind = type ? KIND_OF_FAILURE_TYPE.get(type) : undefined;
  if (kind === undefined) return undefined;
  if (kind === 'stage-conflict') {
    const currentStage = (details?.[0] as { currentStage?: unknown } | undefined)?.currentStage;
    return typeof currentStage === 'string' ? { kind, currentStage, detail } : { kind: 'unprocessable', detail };
  }
  return { kind, detail };
}
