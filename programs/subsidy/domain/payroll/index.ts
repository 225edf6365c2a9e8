/** The payroll's pure core: lines, stages and decisions, batches, the bank's answers, reconciliation. */
export * from './approval-check';
export * from './bank-files';
export * from './bank-key';
export * from './batches';
export * from './commands';
export * from './events';
export * from './glossary';
export * from './line-records';
export * from './lines';
export * from './payroll-id';
export * from './reconciliation';
export * from './stages';
export * from './state';
export * from './totals';
