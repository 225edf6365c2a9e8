/**
 * The moment a program item's run may end or continue as new: no Update is half-way (its events
 * recorded, its answer not given) and every event recorded is stored, so the next run starts from
 * the stored state and no answer or event is lost. Workflow code: deterministic.
 */
import { allHandlersFinished, condition, patched } from '@temporalio/workflow';

/**
 * Runs waited again when an event was recorded while they waited for the store. Before it, a
 * timer firing in the same workflow task as the store's answer (a stage's service-level time, the
 * end of a notice) left its event in the carried state and never in the database. Histories from
 * before replay as they ran; the marker is written only by a run that met the case.
 */
const LATE_EVENTS_STORED_PATCH = 'late-events-stored-before-run-ends';

/** What the wait needs of a program's journal. */
export interface DrainableJournal {
  /** Resolves once every event recorded so far is stored. */
  persisted(): Promise<void>;
  /** Every event recorded so far is stored, now. */
  readonly allStored: boolean;
}

/**
 * Waits until the run is drained and calls `then` in the same step as it found it so: the state
 * `then` carries or returns holds only stored events. (Between `await whenDrained()` and the
 * caller's next line a timer's event could still slip in; inside `then` nothing can.)
 */
export async function whenDrained<T>(journal: DrainableJournal, then: () => T): Promise<T> {
  for (;;) {
    await condition(allHandlersFinished);
    await journal.persisted();
    if (!allHandlersFinished()) continue;
    if (journal.allStored || !patched(LATE_EVENTS_STORED_PATCH)) return then();
  }
}
