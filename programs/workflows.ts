export { assistanceCase } from './surgery/workflow/assistance-case';
export { subsidyEnrolment } from './subsidy/workflow/subsidy-enrolment';
