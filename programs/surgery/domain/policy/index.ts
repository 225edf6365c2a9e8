/**
 * The reimbursement policy: the policy file's schema and validation, the engine that
 * computes each payer's claim, and the whole cascade with its settlement invariant. Everything
 * here is pure; reading the file from disk is `./policy.file` (Node only, never in a workflow).
 * Workflow code that wants to stay free of zod can import `./policy.engine` and
 * `./policy.settlement` directly.
 */
export { parsePolicy, POLICY_CATEGORIES, type Policy } from './policy.schema';
export { PolicyError } from './policy.error';
export { pct } from './policy.arithmetic';
export { computeClaim, type ClaimContext, type PaidSoFar } from './policy.engine';
export {
  assertSettlementInvariant,
  manualResolutionProblem,
  settle,
  SettlementError,
  type ClaimOverride,
  type SettledClaim,
  type SettlementOverrides,
} from './policy.settlement';
