import type { Role } from '../api/types';

/**
 * Who uploads the month's lists from other offices and decides the rows queued for review: the
 * district's officers and administrators (the API answers 403 to anyone else).
 */
export const DATA_MATCH_ROLES: readonly Role[] = ['officer', 'admin'];

export function mayMatchData(role: Role): boolean {
  return DATA_MATCH_ROLES.includes(role);
}
