/**
 * Town clerks: an account with a town sees and acts on that town's cases, enrolments and persons
 * only. Another town's item is answered exactly like one that does not exist (404), so that its
 * existence is not told; opening an item for another town is refused (403), as the town is in the
 * request. A principal without a town has no town limit.
 */
import type { Principal } from './tokens';
import { problems } from '../problems';

/** Whether the principal may see an item of `town`. */
export function reachesTown(principal: Principal, town: string): boolean {
  return principal.town === undefined || principal.town === town;
}

/**
 * The town a list is limited to: the clerk's own (a filter naming another town finds nothing,
 * answered as `null`), or the filter as asked when the principal has no town.
 */
export function townFilterOf(principal: Principal, asked: string | undefined): string | undefined | null {
  if (principal.town === undefined) return asked;
  if (asked !== undefined && asked !== principal.town) return null;
  return principal.town;
}

/** Refuses to open an item for another town than the clerk's. */
export function assertMayOpenInTown(principal: Principal, town: string, what: string): void {
  if (!reachesTown(principal, town)) throw problems.forbidden(`your account is for ${principal.town}; it may not open ${what} in ${town}`);
}
