/** Errors of the policy engine, kept free of zod so the engine can run in the workflow sandbox. */

export interface PolicyIssue {
  /** Dotted path into the policy file, e.g. `criticalIllness.bands[2].fromFen`. */
  path: string;
  message: string;
}

/** A policy file that breaks a rule; the message lists every problem as `path: problem`. */
export class PolicyError extends Error {
  readonly issues: readonly PolicyIssue[];

  constructor(issues: readonly PolicyIssue[], prefix = 'invalid policy') {
    super(`${prefix}: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
    this.name = 'PolicyError';
    this.issues = issues;
  }
}
