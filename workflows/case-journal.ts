import { condition, proxyLocalActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../activities';
import { evolve, type CaseState } from '../domain/case-state';
import type { CaseEvent, NewCaseEvent } from '../domain/events';

// Local activity: the write runs inside the workflow task, so persisting a transition costs no
// extra round trip to the server. Retried without limit: a database outage only delays a case.
const { persistCaseEvents } = proxyLocalActivities<Pick<CaseActivities, 'persistCaseEvents'>>({
  startToCloseTimeout: '15s',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '20s' },
});

/**
 * A case's events: numbered, folded into the state with the domain reducer, and written to
 * PostgreSQL in batches by one writer loop, in order.
 */
export class CaseJournal {
  private current: CaseState | undefined;
  private pending: CaseEvent[] = [];
  private persistedSeq = 0;

  constructor(private readonly caseId: string) {}

  get state(): CaseState {
    if (!this.current) throw new Error('the case has no events yet');
    return this.current;
  }

  record(event: NewCaseEvent): CaseEvent {
    const numbered = { ...event, seq: (this.current?.seq ?? 0) + 1 } as CaseEvent;
    this.current = evolve(this.current, numbered);
    this.pending.push(numbered);
    return numbered;
  }

  /** Resolves once every event recorded so far is stored. */
  async persisted(): Promise<void> {
    const seq = this.current?.seq ?? 0;
    await condition(() => this.persistedSeq >= seq);
  }

  /** The single writer: everything recorded while a write is in flight goes in the next batch. */
  async runWriter(): Promise<never> {
    for (;;) {
      await condition(() => this.pending.length > 0);
      const batch = this.pending.splice(0);
      await persistCaseEvents({ caseId: this.caseId, events: batch });
      this.persistedSeq = batch[batch.length - 1]!.seq;
    }
  }
}
