/** The stages of a payroll, from its draft lines to the bank's books agreeing with them. */
export const PAYROLL_STAGES = ['DRAFT', 'PENDING_APPROVAL', 'DISBURSING', 'RECONCILED'] as const;
export type PayrollStage = (typeof PAYROLL_STAGES)[number];

/** Where a line stands: computed, sent to the bank, paid, returned by it, or dropped at approval. */
export const PAYROLL_LINE_STATUSES = ['DRAFT', 'SENT', 'PAID', 'RETURNED', 'DROPPED'] as const;
export type PayrollLineStatus = (typeof PAYROLL_LINE_STATUSES)[number];

/**
 * The stages in which the bank file (full account numbers) may be taken: once finance approved the
 * payroll. Before, its lines may still change, and a file of a draft could be paid by mistake.
 */
export const BANK_FILE_STAGES: readonly PayrollStage[] = ['DISBURSING', 'RECONCILED'];
