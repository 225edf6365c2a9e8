/** RFC 9457 problem documents as the API sends them. */
import { PROBLEM_SLUGS, type ProblemSlug as ApiProblemSlug } from '@domain/problem-slugs';

export interface FieldError {
  path: string;
  message: string;
}

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  currentStage?: string;
  existingCaseId?: string;
  existingPersonId?: string;
  /** locked: seconds until a sign-in may be tried again. */
  retryAfter?: number;
  [member: string]: unknown;
}

/**
 * The API's slugs (shared with it through @domain), plus the console's own two: 'network' when no
 * answer came, and 'server' for any answer whose type the contract does not name.
 */
export type ProblemSlug = ApiProblemSlug | 'network' | 'server';
const KNOWN_SLUGS: readonly string[] = [...PROBLEM_SLUGS, 'network'];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: ProblemDocument,
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }

  /** "validation" for "/problems/validation"; "server" for anything the contract does not name. */
  get slug(): ProblemSlug {
    const slug = this.problem.type.replace(/^.*\/problems\//, '');
    return KNOWN_SLUGS.includes(slug) ? (slug as ProblemSlug) : 'server';
  }

  get fieldErrors(): FieldError[] {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

export function isProblemDocument(value: unknown): value is ProblemDocument {
  return typeof value === 'object' && value !== null && typeof (value as ProblemDocument).type === 'string' && typeof (value as ProblemDocument).status === 'number';
}
