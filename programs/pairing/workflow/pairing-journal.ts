import { condition, proxyLocalActivities } from '@temporalio/workflow';
import type { PairingActivities } from '../activities/index';
import { evolve, type NewPairingEvent, type PairingEvent, type PairingState } from '../domain/index';

// Local activity: the write runs inside the workflow task. Retried without limit: a database
// outage only delays a pairing.
const { persistPairingEvents } = proxyLocalActivities<Pick<PairingActivities, 'persistPairingEvents'>>({
  startToCloseTimeout: '15s',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '20s' },
});

/**
 * A pairing's events: numbered, folded into the state with the core's reducer, and written to
 * PostgreSQL in order by one writer loop (everything recorded during a write goes in the next).
 */
export class PairingJournal {
  private current: PairingState | undefined;
  private unstored: PairingEvent[] = [];
  private storedSeq: number;

  constructor(
    private readonly pairingId: string,
    carried?: PairingState,
  ) {
    this.current = carried;
    this.storedSeq = carried?.seq ?? 0;
  }

  get opened(): boolean {
    return this.current !== undefined;
  }

  get state(): PairingState {
    if (!this.current) throw new Error('the pairing has no events yet');
    return this.current;
  }

  private get lastSeq(): number {
    return this.current?.seq ?? 0;
  }

  record(events: readonly NewPairingEvent[]): PairingEvent[] {
    const numbered = this.number(events);
    for (const event of numbered) this.current = evolve(this.current, event);
    this.unstored.push(...numbered);
    return numbered;
  }

  number(events: readonly NewPairingEvent[]): PairingEvent[] {
    return events.map((event, i) => ({ ...event, seq: this.lastSeq + 1 + i }) as PairingEvent);
  }

  /** Folds events its caller has already stored (the creation). */
  adoptStored(events: readonly PairingEvent[]): void {
    for (const event of events) this.current = evolve(this.current, event);
    this.storedSeq = this.lastSeq;
  }

  async persisted(): Promise<void> {
    const seq = this.lastSeq;
    await condition(() => this.storedSeq >= seq);
  }

  async runWriter(): Promise<never> {
    for (;;) {
      await condition(() => this.unstored.length > 0);
      const batch = [...this.unstored];
      await persistPairingEvents({ pairingId: this.pairingId, events: batch });
      const last = batch[batch.length - 1]!.seq;
      this.storedSeq = last;
      this.unstored = this.unstored.filter((event) => event.seq > last);
    }
  }
}
