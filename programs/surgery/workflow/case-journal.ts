import { condition, proxyLocalActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../activities/index';
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
 * PostgreSQL in batches by one writer loop, in order. An activity may carry some of them to the
 * database instead (the payer call stores the cascade's events before calling the payer); the
 * writer leaves those to it unless someone is waiting for them.
 */
export class CaseJournal {
  private current: CaseState | undefined;
  /** Recorded and not yet known to be stored, in seq order. */
  private unstored: CaseEvent[] = [];
  private storedSeq = 0;
  /** Events up to this seq travel with an activity that stores them itself. */
  private handedOffSeq = 0;
  /** Someone waits for the events up to this seq to be stored. */
  private awaitedSeq = 0;

  /** `carried`: the state a continued run starts from, all of it stored already. */
  constructor(
    private readonly caseId: string,
    carried?: CaseState,
  ) {
    this.current = carried;
    this.storedSeq = carried?.seq ?? 0;
    this.handedOffSeq = this.storedSeq;
    this.awaitedSeq = this.storedSeq;
  }

  get state(): CaseState {
    if (!this.current) throw new Error('the case has no events yet');
    return this.current;
  }

  private get lastSeq(): number {
    return this.current?.seq ?? 0;
  }

  get allStored(): boolean {
    return this.storedSeq >= this.lastSeq;
  }

  record(event: NewCaseEvent): CaseEvent {
    const numbered = { ...event, seq: this.lastSeq + 1 } as CaseEvent;
    this.current = evolve(this.current, numbered);
    this.unstored.push(numbered);
    return numbered;
  }

  /** Resolves once every event recorded so far is stored. */
  async persisted(): Promise<void> {
    const seq = this.lastSeq;
    this.awaitedSeq = Math.max(this.awaitedSeq, seq);
    await condition(() => this.storedSeq >= seq);
  }

  /**
   * The events not yet stored, for an activity that stores them before its own work (it must
   * be idempotent, as `appendAndProject` is). Call `stored` when that activity has completed.
   */
  handOff(): CaseEvent[] {
    this.handedOffSeq = this.lastSeq;
    return [...this.unstored];
  }

  /** The activity that was handed the events did not store them: the writer stores them. */
  takeBack(): void {
    this.handedOffSeq = this.storedSeq;
  }

  /** Events up to `seq` are known to be in the database. */
  stored(seq: number): void {
    if (seq <= this.storedSeq) return;
    this.storedSeq = seq;
    this.unstored = this.unstored.filter((event) => event.seq > seq);
  }

  /** The single writer: everything recorded while a write is in flight goes in the next batch. */
  async runWriter(): Promise<never> {
    const hasWork = () => this.lastSeq > Math.max(this.storedSeq, this.handedOffSeq) || this.awaitedSeq > this.storedSeq;
    for (;;) {
      await condition(hasWork);
      const batch = [...this.unstored];
      await persistCaseEvents({ caseId: this.caseId, events: batch });
      this.stored(batch[batch.length - 1]!.seq);
    }
  }
}
