/**
 * How a policy file's problems read, whichever program's file it is: each names the field by its
 * path into the file (`standards[1].NURSING_SUBSIDY.2`, `(policy)` for the whole file), a missing
 * or mistyped field says what it must be, and an unknown key is named itself, since a typo is the
 * usual cause. The programs' policy errors carry these issues.
 */
import type { z } from 'zod';

export interface PolicyFileIssue {
  /** Dotted path into the file, e.g. `criticalIllness.bands[2].fromFen`. */
  path: string;
  message: string;
}

/** zod's `error` option for parsing a policy file: words for the checks that carry none of their own (missing fields, wrong types, enums). */
export function policyFileMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'is required' : `must be ${issue.expected === 'object' || issue.expected === 'record' ? 'an object' : `a ${issue.expected}`}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    default:
      return undefined;
  }
}

/** A parse's issues as the file's problems; `unknownKey` is what an unknown key is told ("is not a field of … here"). */
export function policyFileIssues(issues: readonly z.core.$ZodIssue[], unknownKey: string): PolicyFileIssue[] {
  return issues.flatMap((issue) =>
    // zod reports unknown keys on the parent: name each key instead.
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: formatPath([...issue.path, key]), message: unknownKey }))
      : [{ path: formatPath(issue.path), message: issue.message }],
  );
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(policy)';
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text === '' ? String(key) : `${text}.${String(key)}`), '');
}
