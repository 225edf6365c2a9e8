/** The stages of a payroll, from its draft lines to the bank's books agreeing with them. */
export const PAYROLL_STAGES = ['DRAFT', 'PENDING_APPROVAL', 'DISBURSING', 'RECONCILED'] as const;
export type PayrollStage = (typeof PAYROLL_STAGES)[number];

/** Where a line stands: computed, sent to the bank, paid, returned by it, or dropped at approval. */
export const PAYROLL_LINE_STATUSES = ['DRAFT', 'SENT', 'PAID', 'RETURNED', 'DROPPED'] as const;
export type PayrollLineStatus = (typeof PAYROLL_LINE_STATUSES)[number];
