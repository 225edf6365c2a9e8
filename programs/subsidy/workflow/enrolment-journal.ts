import { condition, proxyLocalActivities } from '@temporalio/workflow';
import type { EnrolmentActivities } from '../activities/index';
import { evolve, type EnrolmentEvent, type EnrolmentState, type NewEnrolmentEvent } from '../domain/index';

// Local activity: the write runs inside the workflow task, so persisting a transition costs no
// extra round trip to the server. Retried without limit: a database outage only delays an enrolment.
const { persistEnrolmentEvents } = proxyLocalActivities<Pick<EnrolmentActivities, 'persistEnrolmentEvents'>>({
  startToCloseTimeout: '15s',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '20s' },
});

/**
 * An enrolment's events: numbered, folded into the state with the core's reducer, and written to
 * PostgreSQL in order by one writer loop (everything recorded during a write goes in the next).
 */
export class EnrolmentJournal {
  private current: EnrolmentState | undefined;
  private unstored: EnrolmentEvent[] = [];
  private storedSeq: number;

  /** `carried`: the state a continued run starts from, all of it stored already. */
  constructor(
    private readonly enrolmentId: string,
    carried?: EnrolmentState,
  ) {
    this.current = carried;
    this.storedSeq = carried?.seq ?? 0;
  }

  get opened(): boolean {
    return this.current !== undefined;
  }

  get state(): EnrolmentState {
    if (!this.current) throw new Error('the enrolment has no events yet');
    return this.current;
  }

  private get lastSeq(): number {
    return this.current?.seq ?? 0;
  }

  /** Numbers `events` after the last one and folds them in; they are written by the writer. */
  record(events: readonly NewEnrolmentEvent[]): EnrolmentEvent[] {
    const numbered = this.number(events);
    for (const event of numbered) this.current = evolve(this.current, event);
    this.unstored.push(...numbered);
    return numbered;
  }

  /** The events as they will be numbered, for a caller that stores them itself (the application). */
  number(events: readonly NewEnrolmentEvent[]): EnrolmentEvent[] {
    return events.map((event, i) => ({ ...event, seq: this.lastSeq + 1 + i }) as EnrolmentEvent);
  }

  /** Folds events its caller has already stored. */
  adoptStored(events: readonly EnrolmentEvent[]): void {
    for (const event of events) this.current = evolve(this.current, event);
    this.storedSeq = this.lastSeq;
  }

  /** Resolves once every event recorded so far is stored. */
  async persisted(): Promise<void> {
    const seq = this.lastSeq;
    await condition(() => this.storedSeq >= seq);
  }

  async runWriter(): Promise<never> {
    for (;;) {
      await condition(() => this.unstored.length > 0);
      const batch = [...this.unstored];
      await persistEnrolmentEvents({ enrolmentId: this.enrolmentId, events: batch });
      const last = batch[batch.length - 1]!.seq;
      this.storedSeq = last;
      this.unstored = this.unstored.filter((event) => event.seq > last);
    }
  }
}
