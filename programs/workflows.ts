/**
 * The worker's workflow bundle: every program's workflow functions, by the type named in its
 * catalogue entry (programs/catalogue.ts). This is the second place a program is registered: the
 * bundle runs in Temporal's deterministic sandbox and may import only workflow code, while a
 * catalogue entry brings its API services along. A test checks that the two lists agree.
 */
export { assistanceCase } from './surgery/workflow/assistance-case';
export { subsidyEnrolment } from './subsidy/workflow/subsidy-enrolment';
export { pairing } from './pairing/workflow/pairing';
export { payroll } from './subsidy/workflow/payroll';
export { monthlyPayroll } from './subsidy/workflow/monthly-payroll';
