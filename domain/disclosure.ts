/**
 * Who sees a person's numbers in full. A resident ID number is shown whole only to the roles that
 * identify people to act on them (officers, civil affairs, administrators); a bank account number
 * only to finance, who pay into it. Everyone else sees them masked, so that a screen, a printout
 * or an export left lying about does not give them away.
 */
import type { Role } from './actor';

const FULL_ID_NUMBER_ROLES: readonly Role[] = ['officer', 'civil', 'admin'];
const FULL_ACCOUNT_NUMBER_ROLES: readonly Role[] = ['finance'];

export function seesFullIdNumber(role: Role): boolean {
  return FULL_ID_NUMBER_ROLES.includes(role);
}

export function seesFullAccountNumber(role: Role): boolean {
  return FULL_ACCOUNT_NUMBER_ROLES.includes(role);
}

/** How many trailing characters of an account number stay visible: enough to tell two accounts apart on the phone. */
const ACCOUNT_NUMBER_KEPT = 4;

/** Every character but the last four replaced by `*`: 6222********1234. A short number is masked whole. */
export function maskAccountNumber(accountNo: string): string {
  if (accountNo.length <= ACCOUNT_NUMBER_KEPT) return '*'.repeat(accountNo.length);
  return `${'*'.repeat(accountNo.length - ACCOUNT_NUMBER_KEPT)}${accountNo.slice(-ACCOUNT_NUMBER_KEPT)}`;
}
