/**
 * An item's failing activities, counted for the stuck radar (GET /v1/admin/stuck): each failed
 * attempt is recorded in the program's own table, and a success after failures clears it. A refusal
 * that is final (not retried) is not a failure. The subsidy and the pairing programs share this; a
 * surgery case's activities keep their own (they also heartbeat and name the payer that failed).
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import { scrubIdNumbers } from '../domain/id-number';

/** Where a program keeps its items' failing activities. */
export interface ActivityFailureBook {
  record(itemId: string, activity: string, attempts: number, lastFailure: string): Promise<void>;
  clear(itemId: string, activity: string): Promise<void>;
}

/**
 * Runs an activity's body for one item (an enrolment, a pairing) and keeps the book current.
 * `idName` names the item's id in the log line, which carries nothing else about the item.
 */
export function activityTracker(book: ActivityFailureBook, idName: string) {
  return async function tracked<T>(itemId: string, body: () => Promise<T>): Promise<T> {
    const { attempt, activityType } = Context.current().info;
    try {
      const result = await body();
      // A record left behind is cleared by the next success; it never fails one.
      if (attempt > 1) await book.clear(itemId, activityType).catch(() => undefined);
      return result;
    } catch (error) {
      if (error instanceof ApplicationFailure && error.nonRetryable) throw error;
      // A driver's or PostgreSQL's message may quote a value: no ID number in the log or on the radar.
      const message = scrubIdNumbers(error instanceof Error ? error.message : String(error));
      Context.current().log.warn('activity attempt failed', { [idName]: itemId, activity: activityType, attempt, error: message });
      // Bookkeeping must never hide the activity's own failure (the database may be down for both).
      await book.record(itemId, activityType, attempt, message).catch(() => undefined);
      throw error;
    }
  };
}
