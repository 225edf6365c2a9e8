/** RFC 9457 problem documents as the API sends them (API.md, "Errors"). */
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
  [member: string]: unknown;
}

export type ProblemSlug =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'stage-conflict'
  | 'duplicate-case'
  | 'idempotency-conflict'
  | 'unprocessable'
  | 'network'
  | 'server';

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
    const known: ProblemSlug[] = ['validation', 'unauthorized', 'forbidden', 'not-found', 'stage-conflict', 'duplicate-case', 'idempotency-conflict', 'unprocessable', 'network'];
    return (known as string[]).includes(slug) ? (slug as ProblemSlug) : 'server';
  }

  get fieldErrors(): FieldError[] {
    return Array.isArray(this.problem.errors) ? this.problem.errors : [];
  }
}

export function isProblemDocument(value: unknown): value is ProblemDocument {
  return typeof value === 'object' && value !== null && typeof (value as ProblemDocument).type === 'string' && typeof (value as ProblemDocument).status === 'number';
}
