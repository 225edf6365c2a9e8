/** Helpers that keep every route's OpenAPI description complete: problems, security, tags. */
import type { z } from 'zod';
import { PROBLEM_CONTENT_TYPE } from './problems';
import { problemSchema } from './schemas';

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: '`validation`: the body, query or path is not valid; `errors` lists each field',
  401: '`unauthorized`: no bearer token, or one that is malformed, badly signed, expired, signed out or of a disabled account',
  403: '`forbidden`: the token\'s role may not call this endpoint; `password-change-required`: the account must change its password first (POST /v1/auth/password)',
  404: '`not-found`: no such case or person (a hospital also gets this for a case assigned to another hospital)',
  409: '`stage-conflict` (with `currentStage`), `duplicate-case` (with `existingCaseId`), `duplicate-person` (with `existingPersonId`), `duplicate-enrolment` (with `existingEnrolmentId`), `duplicate-pairing` (with `existingPairingId`), `payroll-open` (with `openPayrollId`), `idempotency-conflict`, or `four-eyes` (the approver is the proposer)',
  410: '`gone`: this endpoint was withdrawn; `detail` names what replaces it',
  422: '`unprocessable`: the request is well-formed but cannot be applied; `person-inactive` (with `personStatus`): the person has died or moved out (no new case or enrolment, no further life event); `not-eligible` (with `reasons`): the subsidy policy does not make the person eligible',
  429: '`rate-limited`: more requests than allowed in the window, for this token (or this address, without one); `locked` (with `retryAfter`): too many failed sign-ins for this user name. `Retry-After` says when to retry',
  503: '`unavailable`: Temporal, a worker or PostgreSQL did not answer in time. The action may still be applied once they are back; retrying the same request is safe (a replay answers 200)',
};

export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 410 | 422 | 429 | 503;

export function problemResponse(status: ProblemStatus, description = PROBLEM_DESCRIPTIONS[status]!) {
  return { description, content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } } };
}

/** The problem responses of an endpoint; 400 and 429 always: any request can be malformed, and any caller can send too many. */
export function problemResponses<S extends ProblemStatus>(...statuses: S[]) {
  const all = [...new Set<ProblemStatus>([400, 429, ...statuses])];
  return Object.fromEntries(all.map((status) => [status, problemResponse(status)])) as Record<S | 400 | 429, ReturnType<typeof problemResponse>>;
}

/** The responses every endpoint behind a token can give besides its own. */
export function securedProblemResponses<S extends ProblemStatus>(...statuses: S[]) {
  return problemResponses<S | 401 | 403 | 503>(401, 403, 503, ...statuses);
}

export const BEARER_SECURITY = [{ bearerAuth: [] as string[] }];

/** Key under which a route documents request bodies of several media types (see plugins/swagger.ts). */
export const BODY_CONTENT_KEY = 'x-body-content';
export type BodyContent = Record<string, z.ZodType>;
