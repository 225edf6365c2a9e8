/** The subsidy programs' pure core: what the workflow, the payroll, the projection and the API import. */
export * from './actor';
export * from './eligibility';
export * from './enrolment-commands';
export * from './enrolment-life-events';
export * from './enrolment-state';
export * from './entitlement';
export * from './events';
export * from './glossary';
export * from './inputs';
export * from './month';
export * from './overpayment';
export * from './person-facts';
export * from './policy.error';
export * from './policy.schema';
export * from './programs';
export * from './stages';
export * from './standards';
