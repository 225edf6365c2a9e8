/**
 * RFC 9457 problem documents: the one shape every refusal of the API takes. Handlers throw an
 * `HttpProblem`; the error handler (plugins/problems.ts) is the only place that writes one out.
 */
import type { Refusal } from '../domain/case-commands';
import type { ProblemSlug } from '../domain/problem-slugs';
import type { FieldIssue } from '../domain/schemas';
import type { Stage } from '../domain/stages';

export type { ProblemSlug };

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const TITLES: Record<ProblemSlug, string> = {
  validation: 'The request is not valid',
  unauthorized: 'A valid bearer token is required',
  'invalid-credentials': 'The user name or password is wrong',
  forbidden: 'Your role may not do this',
  'password-change-required': 'Change your password first',
  'not-found': 'Not found',
  'stage-conflict': 'The case is not in a stage that allows this',
  'duplicate-case': 'An open case already exists for this ID number',
  'idempotency-conflict': 'This was already done with a different body',
  'four-eyes': 'Another person must approve this',
  gone: 'This endpoint is gone',
  unprocessable: 'The request cannot be applied',
  locked: 'Too many failed sign-ins; try again later',
  unavailable: 'A service the API depends on is not available; retry later',
  internal: 'The server failed to answer this request',
};

const STATUS: Record<ProblemSlug, number> = {
  validation: 400,
  unauthorized: 401,
  'invalid-credentials': 401,
  forbidden: 403,
  'password-change-required': 403,
  'not-found': 404,
  'stage-conflict': 409,
  'duplicate-case': 409,
  'idempotency-conflict': 409,
  'four-eyes': 409,
  gone: 410,
  unprocessable: 422,
  locked: 429,
  unavailable: 503,
  internal: 500,
};

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldIssue[];
  currentStage?: Stage;
  existingCaseId?: string;
  /** locked: seconds until a sign-in is tried again. */
  retryAfter?: number;
}

export class HttpProblem extends Error {
  readonly status: number;

  constructor(
    readonly slug: ProblemSlug,
    readonly detail: string,
    readonly extra: Pick<ProblemDocument, 'errors' | 'currentStage' | 'existingCaseId' | 'retryAfter'> = {},
  ) {
    super(`${slug}: ${detail}`);
    this.name = 'HttpProblem';
    this.status = STATUS[slug];
  }

  toDocument(): ProblemDocument {
    return { type: `/problems/${this.slug}`, title: TITLES[this.slug], status: this.status, detail: this.detail, ...this.extra };
  }
}

export const problems = {
  validation: (errors: FieldIssue[], detail = 'the request has invalid fields; see errors') => new HttpProblem('validation', detail, { errors }),
  unauthorized: (detail: string) => new HttpProblem('unauthorized', detail),
  forbidden: (detail: string) => new HttpProblem('forbidden', detail),
  // One wording for an unknown user name and a wrong password: the answer must not tell them apart.
  invalidCredentials: () => new HttpProblem('invalid-credentials', 'the user name or the password is wrong'),
  passwordChangeRequired: () => new HttpProblem('password-change-required', 'change the password first: POST /v1/auth/password'),
  locked: (retryAfter: number) => new HttpProblem('locked', `too many failed sign-ins for this user name; try again in ${retryAfter} s`, { retryAfter }),
  notFound: (detail: string) => new HttpProblem('not-found', detail),
  caseNotFound: (caseId: string) => new HttpProblem('not-found', `no case ${caseId}`),
  stageConflict: (currentStage: Stage, detail: string) => new HttpProblem('stage-conflict', detail, { currentStage }),
  duplicateCase: (existingCaseId: string) =>
    new HttpProblem('duplicate-case', `case ${existingCaseId} is open for this ID number`, { existingCaseId }),
  idempotencyConflict: (detail: string) => new HttpProblem('idempotency-conflict', detail),
  unprocessable: (detail: string) => new HttpProblem('unprocessable', detail),
  fourEyes: (detail: string) => new HttpProblem('four-eyes', detail),
  gone: (detail: string) => new HttpProblem('gone', detail),
  unavailable: (detail: string) => new HttpProblem('unavailable', detail),
  internal: () => new HttpProblem('internal', 'an unexpected error; it has been logged'),
};

/** A case's refusal of an action (domain/case-commands.ts), as the problem the API answers with. */
export function problemOfRefusal(refusal: Refusal): HttpProblem {
  switch (refusal.kind) {
    case 'stage-conflict':
      return problems.stageConflict(refusal.currentStage, refusal.detail);
    case 'idempotency-conflict':
      return problems.idempotencyConflict(refusal.detail);
    case 'unprocessable':
      return problems.unprocessable(refusal.detail);
    case 'forbidden':
      return problems.forbidden(refusal.detail);
    case 'four-eyes':
      return problems.fourEyes(refusal.detail);
    case 'not-found':
      return problems.notFound(refusal.detail);
  }
}
