/**
 * The Update bodies the case workflow checks itself (a client may send an Update without the API),
 * loaded by the workflow on the first of them: see `updateSchemas` in assistance-case.ts.
 */
export { caseLifeEventSchema } from '../../../domain/life-events';
export { claimProposalSchema, proposalApprovalSchema, proposalRejectionSchema } from '../domain/proposal-inputs';
