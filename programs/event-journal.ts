/**
 * A program item's events inside its workflow: numbered after the last one, folded into the state
 * with the program's reducer, and written to PostgreSQL in order by one writer loop (everything
 * recorded during a write goes in the next). Each program gives its reducer and its write (a local
 * activity); the journal is the same for all of them. Workflow code: deterministic.
 */
import { condition } from '@temporalio/workflow';

export interface JournalProgram<State extends { seq: number }, Event extends { seq: number }> {
  /** What the item is called, for the one error a caller can make (reading the state before any event). */
  item: string;
  evolve(state: State | undefined, event: Event): State;
  /** Stores a batch of events, in order; retried by its own activity options until it succeeds. */
  persist(events: Event[]): Promise<void>;
}

export class EventJournal<State extends { seq: number }, Event extends { seq: number }, NewEvent> {
  private current: State | undefined;
  private unstored: Event[] = [];
  private storedSeq: number;

  /** `carried`: the state a continued run starts from, all of it stored already. */
  constructor(
    private readonly program: JournalProgram<State, Event>,
    carried?: State,
  ) {
    this.current = carried;
    this.storedSeq = carried?.seq ?? 0;
  }

  get opened(): boolean {
    return this.current !== undefined;
  }

  get state(): State {
    if (!this.current) throw new Error(`the ${this.program.item} has no events yet`);
    return this.current;
  }

  private get lastSeq(): number {
    return this.current?.seq ?? 0;
  }

  get allStored(): boolean {
    return this.storedSeq >= this.lastSeq;
  }

  /** Numbers `events` after the last one and folds them in; they are written by the writer. */
  record(events: readonly NewEvent[]): Event[] {
    const numbered = this.number(events);
    for (const event of numbered) this.current = this.program.evolve(this.current, event);
    this.unstored.push(...numbered);
    return numbered;
  }

  /** The events as they will be numbered, for a caller that stores them itself. */
  number(events: readonly NewEvent[]): Event[] {
    return events.map((event, i) => ({ ...event, seq: this.lastSeq + 1 + i }) as unknown as Event);
  }

  /** Folds events its caller has already stored. */
  adoptStored(events: readonly Event[]): void {
    for (const event of events) this.current = this.program.evolve(this.current, event);
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
      await this.program.persist(batch);
      const last = batch[batch.length - 1]!.seq;
      this.storedSeq = last;
      this.unstored = this.unstored.filter((event) => event.seq > last);
    }
  }
}
