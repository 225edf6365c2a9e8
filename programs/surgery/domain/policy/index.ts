/**
 * The reimbursement policy: the policy file's schema and validation, the engine that
 * computes each payer's claim, and the whole cascade with its settlement invariant. Everything
 * here is pure; reading the file from disk is `./policy.file` (Node only, never in a workflow).
 * Workflow code that wants to stay free of zod can import `./policy.engine` and
 * `./policy.settlement` directly.
 */
export { parsePolicy, policySchema, POLICY_CATEGORIES, type Policy } from './policy.schema';
export { PolicyError, type PolicyIssue } from './policy.error';
export { FULL_RATIO_BP, pct, pos } from './policy.arithmetic';
export { computeClaim, PAYER_LABELS, REJECTION_REASONS, type ClaimContext, type PaidSoFar, type RejectionReason } from './policy.engine';
export {
  assertSettlementInvariant,
  manualDecision,
  manualResolutionProblem,
  settle,
  SettlementError,
  type ClaimOverride,
  type ManualResolution,
  type OverrideStep,
  type SettledClaim,
  type SettlementOverrides,
} from './policy.settlement';
