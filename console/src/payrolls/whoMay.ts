import { PAYROLL_ALLOWED_STAGES, payrollRolesFor } from '@subsidy/payroll/commands';
import { BANK_FILE_STAGES, type PayrollStage } from '@subsidy/payroll/stages';
import type { PayrollActionPath } from '../api/endpoints';
import type { Role } from '../api/types';

/** The payroll actions a clerk takes, in the order the console offers them. */
export const PAYROLL_ACTIONS: readonly PayrollActionPath[] = ['recompute', 'submit', 'approve', 'reject'];

/** Whether a role may take an action on a payroll: the payroll core's own table, which the API obeys too. */
export function mayTakePayroll(action: PayrollActionPath, role: Role): boolean {
  return (payrollRolesFor(action) as readonly string[]).includes(role);
}

/** The actions open to `role` on a payroll in `stage` (civil: recompute and submit a draft; finance: approve or reject). */
export function payrollActionsFor(stage: PayrollStage, role: Role): PayrollActionPath[] {
  return PAYROLL_ACTIONS.filter((action) => mayTakePayroll(action, role) && PAYROLL_ALLOWED_STAGES[action].includes(stage));
}

/** Who opens a month's payroll by hand. */
export function mayOpenPayroll(role: Role): boolean {
  return (payrollRolesFor('open') as readonly string[]).includes(role);
}

/** Who reads the record of the bank file's downloads: finance and administrators, once there can be a bank file. */
export function mayReadBankFileDownloads(role: Role, stage: PayrollStage): boolean {
  return (role === 'finance' || role === 'admin') && BANK_FILE_STAGES.includes(stage);
}

/** Who takes the bank file (full account numbers): finance, who pay into the accounts, once the payroll is approved. */
export function mayDownloadBankFile(role: Role, stage: PayrollStage): boolean {
  return role === 'finance' && BANK_FILE_STAGES.includes(stage);
}
