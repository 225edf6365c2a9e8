/** Errors of the policy engine, kept free of zod so the engine can run in the workflow sandbox. */
import type { PolicyFileIssue } from '../../../../domain/policy-file-issues';

export type PolicyIssue = PolicyFileIssue;

/** A policy file that breaks a rule; the message lists every problem as `path: problem`. */
export class PolicyError extends Error {
  readonly issues: readonly PolicyIssue[];

  constructor(issues: readonly PolicyIssue[], prefix = 'invalid policy') {
    super(`${prefix}: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
    this.name = 'PolicyError';
    this.issues = issues;
  }
}
