/** The refusal of a subsidy policy file, kept free of zod so workflow code may catch it by name. */
import type { PolicyFileIssue } from '../../../domain/policy-file-issues';

export type SubsidyPolicyIssue = PolicyFileIssue;

/**
 * A policy file that breaks a rule. The message is one line, `prefix: path: problem; path: problem`,
 * so that a worker refusing to start says what to fix in a single log line.
 */
export class SubsidyPolicyError extends Error {
  readonly issues: readonly SubsidyPolicyIssue[];

  constructor(issues: readonly SubsidyPolicyIssue[], prefix = 'invalid subsidy policy') {
    const oneLine = (text: string) => text.replace(/\s*[\r\n]+\s*/g, ' ');
    super(oneLine(`${prefix}: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`));
    this.name = 'SubsidyPolicyError';
    this.issues = issues;
  }
}
