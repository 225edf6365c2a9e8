/**
 * RFC 9457 problem documents: the one shape every refusal of the API takes. Handlers throw an
 * `HttpProblem`; the error handler (plugins/problems.ts) is the only place that writes one out.
 */
import { localizeIssues } from '../domain/i18n/field-messages';
import { DEFAULT_LANG, type Lang } from '../domain/i18n/lang';
import type { ProblemSlug } from '../domain/problem-slugs';
import type { FieldIssue } from '../domain/fields';
import type { Refusal } from '../domain/refusals';
import { problemDetail, problemTitle } from './i18n/problem-texts';

export type { ProblemSlug };

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const STATUS: Record<ProblemSlug, number> = {
  validation: 400,
  unauthorized: 401,
  'invalid-credentials': 401,
  forbidden: 403,
  'password-change-required': 403,
  'not-found': 404,
  'stage-conflict': 409,
  'duplicate-case': 409,
  'duplicate-person': 409,
  'duplicate-enrolment': 409,
  'duplicate-pairing': 409,
  'idempotency-conflict': 409,
  'four-eyes': 409,
  'payroll-open': 409,
  gone: 410,
  unprocessable: 422,
  'rate-limited': 429,
  'person-inactive': 422,
  'not-eligible': 422,
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
  /** stage-conflict: the stage the case or the enrolment is in, in its program's own names. */
  currentStage?: string;
  existingCaseId?: string;
  existingPersonId?: string;
  existingEnrolmentId?: string;
  existingPairingId?: string;
  /** payroll-open: the program's payroll that is not reconciled yet. */
  openPayrollId?: string;
  /** not-eligible: every rule of the policy the person fails, in the order a clerk checks them. */
  reasons?: string[];
  /**
   * person-inactive: the person's status (DECEASED or MOVED_OUT). Not named `status`: that member
   * is the HTTP status in every problem document, and a client reads it as such.
   */
  personStatus?: string;
  /** locked: seconds until a sign-in is tried again. */
  retryAfter?: number;
}

/** The members a problem adds to the standard ones. `status` is not among them: it is the HTTP status. */
export type ProblemExtra = Pick<ProblemDocument, 'errors' | 'currentStage' | 'existingCaseId' | 'existingPersonId' | 'existingEnrolmentId' | 'existingPairingId' | 'openPayrollId' | 'reasons' | 'personStatus' | 'retryAfter'>;

export class HttpProblem extends Error {
  readonly status: number;

  constructor(
    readonly slug: ProblemSlug,
    readonly detail: string,
    readonly extra: ProblemExtra = {},
  ) {
    super(`${slug}: ${detail}`);
    this.name = 'HttpProblem';
    this.status = STATUS[slug];
  }

  /** The document in the language of the answer: title, detail and field messages (paths unchanged). */
  toDocument(lang: Lang = DEFAULT_LANG): ProblemDocument {
    const { errors, ...extra } = this.extra;
    return {
      type: `/problems/${this.slug}`,
      title: problemTitle(this.slug, lang),
      status: this.status,
      detail: problemDetail(this.slug, this.detail, lang),
      ...(errors ? { errors: localizeIssues(errors, lang) } : {}),
      ...extra,
    };
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
  stageConflict: (currentStage: string, detail: string) => new HttpProblem('stage-conflict', detail, { currentStage }),
  duplicateCase: (existingCaseId: string) =>
    new HttpProblem('duplicate-case', `case ${existingCaseId} is open for this ID number`, { existingCaseId }),
  duplicatePerson: (existingPersonId: string) =>
    new HttpProblem('duplicate-person', `person ${existingPersonId} is registered with this ID number`, { existingPersonId }),
  idempotencyConflict: (detail: string) => new HttpProblem('idempotency-conflict', detail),
  unprocessable: (detail: string) => new HttpProblem('unprocessable', detail),
  personInactive: (personId: string, status: string) => new HttpProblem('person-inactive', `person ${personId} is ${status}`, { personStatus: status }),
  duplicateEnrolment: (existingEnrolmentId: string, program: string) =>
    new HttpProblem('duplicate-enrolment', `enrolment ${existingEnrolmentId} of this person in ${program} is open`, { existingEnrolmentId }),
  duplicatePairing: (existingPairingId: string) => new HttpProblem('duplicate-pairing', `pairing ${existingPairingId} of this person is open`, { existingPairingId }),
  notEligible: (reasons: string[], detail: string) => new HttpProblem('not-eligible', detail, { reasons }),
  fourEyes: (detail: string) => new HttpProblem('four-eyes', detail),
  payrollOpen: (openPayrollId: string) => new HttpProblem('payroll-open', `payroll ${openPayrollId} of this program is not reconciled yet`, { openPayrollId }),
  gone: (detail: string) => new HttpProblem('gone', detail),
  unavailable: (detail: string) => new HttpProblem('unavailable', detail),
  rateLimited: (detail: string) => new HttpProblem('rate-limited', detail),
  internal: () => new HttpProblem('internal', 'an unexpected error; it has been logged'),
};

/** A case's refusal of an action, as the problem the API answers with. */
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
