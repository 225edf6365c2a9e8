import type { PairingView } from '../api/types';

/**
 * An official's caseload in the order it needs them: the overdue first, then by when the next
 * contact is due (the server's `dueAt`, from the last contact and the cadence), soonest first; the
 * pairing id breaks ties so that the order never shuffles between refreshes. Closed pairings, due
 * nothing, go last.
 */
export function byWhatIsDue(items: readonly PairingView[]): PairingView[] {
  const rank = (item: PairingView) => (item.stage === 'CLOSED' ? 2 : item.overdue ? 0 : 1);
  return [...items].sort((a, b) => rank(a) - rank(b) || Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.pairingId.localeCompare(b.pairingId));
}

/** The calendar day of an instant in Asia/Shanghai (the district's day), YYYY-MM-DD. */
export function shanghaiDay(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
