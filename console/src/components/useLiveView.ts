import { useCallback, useEffect, useRef, useState } from 'react';

export interface LiveView<T> {
  /** null until the first answer, and again while another record is being read. */
  view: T | null;
  /** For an action's answer, which is the record as it now stands. */
  setView: (view: T) => void;
  error: unknown;
  /** Reads the record again (the page's 刷新 button). */
  load: (signal?: AbortSignal) => Promise<void>;
}

/**
 * One record read when its page opens (or `deps` change) and read again every `refreshMs` while
 * `live(view)` holds: timers and other desks move it on while the page stands open.
 * A failed re-read keeps the last view, for the page to show the error beside it.
 */
export function useLiveView<T>(fetch: (signal?: AbortSignal) => Promise<T>, deps: readonly unknown[], refreshMs: number, live: (view: T) => boolean): LiveView<T> {
  const [view, setView] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const fetchRef = useRef(fetch);
  fetchRef.current = fetch;

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        setView(await fetchRef.current(signal));
        setError(undefined);
      } catch (cause) {
        if ((cause as Error).name !== 'AbortError') setError(cause);
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    deps,
  );

  useEffect(() => {
    const controller = new AbortController();
    setView(null);
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const polling = view !== null && live(view);
  useEffect(() => {
    if (!polling) return;
    const timer = setInterval(() => void load(), refreshMs);
    return () => clearInterval(timer);
  }, [polling, load, refreshMs]);

  return { view, setView, error, load };
}
