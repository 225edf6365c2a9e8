import { useEffect, useState } from 'react';
import type { LifeEventImportResult } from '../api/types';
import { useAuth } from '../auth/AuthProvider';

/** How often a running batch is read again: a list of 50,000 rows takes a while, a clerk waits watching it. */
export const MATCH_POLL_MS = 1_500;

/**
 * A batch's result, read again every MATCH_POLL_MS while the server still matches it (202 RUNNING)
 * and no more once it is DONE. A failed read is kept and tried again at the next tick.
 */
export function useBatchProgress(initial: LifeEventImportResult): { result: LifeEventImportResult; error: unknown } {
  const { api } = useAuth();
  const [result, setResult] = useState(initial);
  const [error, setError] = useState<unknown>(undefined);
  useEffect(() => setResult(initial), [initial]);

  const running = result.status === 'RUNNING';
  const batchId = result.batchId;
  useEffect(() => {
    if (!running) return;
    const controller = new AbortController();
    // A slow answer is waited for rather than asked again: reads never pile up on a busy server.
    let reading = false;
    const timer = setInterval(() => {
      if (reading) return;
      reading = true;
      api
        .lifeEventImport(batchId, controller.signal)
        .then((next) => {
          setResult(next);
          setError(undefined);
        })
        .catch((cause: unknown) => {
          if (!controller.signal.aborted) setError(cause);
        })
        .finally(() => {
          reading = false;
        });
    }, MATCH_POLL_MS);
    return () => {
      clearInterval(timer);
      controller.abort();
    };
  }, [api, batchId, running]);

  return { result, error };
}
