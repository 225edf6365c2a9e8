import { useCallback, useState } from 'react';

export interface CursorTrail {
  /** The page shown, counted from 0. */
  page: number;
  /** The cursor that fetches the page shown; the first page needs none. */
  cursor: string | null;
  /** Goes on to the page that `nextCursor` (the last answer's) fetches. */
  next: (nextCursor: string | null) => void;
  previous: () => void;
  /** Back to the first page: a new filter makes the cursors behind it meaningless. */
  reset: () => void;
}

/**
 * The way back through a cursor-paged list. The API only ever answers the cursor of the page after,
 * so the cursors of the pages seen are kept (the trail's i-th fetches page i) to step back without
 * reading from the start. The filters live in the address (a list can be bookmarked); the trail does not.
 */
export function useCursorTrail(): CursorTrail {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const page = cursors.length - 1;
  const next = useCallback((nextCursor: string | null) => setCursors((trail) => [...trail, nextCursor]), []);
  const previous = useCallback(() => setCursors((trail) => trail.slice(0, -1)), []);
  const reset = useCallback(() => setCursors([null]), []);
  return { page, cursor: cursors[page] ?? null, next, previous, reset };
}
