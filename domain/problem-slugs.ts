/**
 * The slugs of the API's problem documents (`type: "/problems/<slug>"`). The API
 * (http/problems.ts) gives each its title and status; the console words each for a clerk. Both read
 * the list from here, so a slug added to the API is one the console's type knows about.
 */
export const PROBLEM_SLUGS = [
  'validation',
  'unauthorized',
  'invalid-credentials',
  'forbidden',
  'password-change-required',
  'not-found',
  'stage-conflict',
  'duplicate-case',
  'duplicate-person',
  'duplicate-enrolment',
  'duplicate-pairing',
  'idempotency-conflict',
  'four-eyes',
  'payroll-open',
  'gone',
  'unprocessable',
  'rate-limited',
  'person-inactive',
  'not-eligible',
  'locked',
  'unavailable',
  'internal',
] as const;
export type ProblemSlug = (typeof PROBLEM_SLUGS)[number];
