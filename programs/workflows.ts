/**
 * The worker's workflow bundle: every program's workflow functions, by the type named in its
 * catalogue entry (programs/catalogue.ts). This is the second place a program is registered: the
 * bundle runs in Temporal's deterministic sandbox and may import only workflow code, while a
 * catalogue entry brings its API services along. A test checks that the two lists agree.
 *
 * Each export loads its workflow's module when a workflow of that type first runs, not when the
 * bundle is imported. The SDK's sandbox evaluates the modules a workflow requires again for every
 * workflow it creates or replays into its cache (module state is kept per workflow), so an eager
 * list made every case build every program's schemas too: 1.74 MiB kept and 15 ms of CPU per
 * cached case, measured, against 0.91 MiB for the surgery program's own modules (0.06 MiB once the
 * case workflow also loaded its Update schemas lazily). A program added costs the others nothing.
 * (Sharing the pure modules across workflows, the SDK's `preloadModules`, is not possible with
 * zod: the SDK freezes what it shares, and zod resets `lastIndex` on its patterns.)
 */
/* eslint-disable @typescript-eslint/no-require-imports -- a `require` inside the function is what makes the load lazy; webpack bundles it */
import type * as SurgeryCase from './surgery/workflow/assistance-case';
import type * as SubsidyEnrolment from './subsidy/workflow/subsidy-enrolment';
import type * as Pairing from './pairing/workflow/pairing';
import type * as Payroll from './subsidy/workflow/payroll';
import type * as MonthlyPayroll from './subsidy/workflow/monthly-payroll';
import type * as LifeEventBatch from './data-match/workflow/life-event-batch';

export const assistanceCase: typeof SurgeryCase.assistanceCase = (...args) =>
  (require('./surgery/workflow/assistance-case') as typeof SurgeryCase).assistanceCase(...args);

export const subsidyEnrolment: typeof SubsidyEnrolment.subsidyEnrolment = (...args) =>
  (require('./subsidy/workflow/subsidy-enrolment') as typeof SubsidyEnrolment).subsidyEnrolment(...args);

export const pairing: typeof Pairing.pairing = (...args) => (require('./pairing/workflow/pairing') as typeof Pairing).pairing(...args);

export const payroll: typeof Payroll.payroll = (...args) => (require('./subsidy/workflow/payroll') as typeof Payroll).payroll(...args);

export const monthlyPayroll: typeof MonthlyPayroll.monthlyPayroll = (...args) =>
  (require('./subsidy/workflow/monthly-payroll') as typeof MonthlyPayroll).monthlyPayroll(...args);

// Not a program of the catalogue: the monthly data match's batches, which deliver life events to them all.
export const lifeEventBatch: typeof LifeEventBatch.lifeEventBatch = (...args) =>
  (require('./data-match/workflow/life-event-batch') as typeof LifeEventBatch).lifeEventBatch(...args);
