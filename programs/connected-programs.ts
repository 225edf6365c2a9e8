/**
 * The engine's view across programs, for the app: each program of the catalogue connected once,
 * and the questions asked of all of them — the stuck radar, a person's programs, a life event's
 * fan-out. Nothing here names a program; each answers for itself.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Lang } from '../domain/i18n/lang';
import type { CaseLifeEventInput, LifeEventEffect } from '../domain/life-events';
import type { PersonProgram } from '../domain/persons';
import type { Principal } from '../http/auth/tokens';
import type { StuckItem } from '../http/schemas';
import type { ProgramContext, ProgramEntry, ProgramRuntime } from './program-entry';

interface Connected {
  entry: ProgramEntry;
  runtime: ProgramRuntime;
}

/** Newest first, then by id: the person page's order, the same whatever program an item is in. */
function newestFirst(a: PersonProgram, b: PersonProgram): number {
  if (a.openedAt !== b.openedAt) return a.openedAt < b.openedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export class ConnectedPrograms {
  private readonly connected: Connected[];

  constructor(catalogue: readonly ProgramEntry[], context: ProgramContext) {
    this.connected = catalogue.map((entry) => ({ entry, runtime: entry.connect(context) }));
  }

  /** The stuck items of every program, program by program in catalogue order. */
  async stuck(log: FastifyBaseLogger, lang: Lang): Promise<StuckItem[]> {
    const perProgram = await Promise.all(this.connected.map(({ runtime }) => runtime.stuck(log, lang)));
    return perProgram.flat();
  }

  /** Every case and enrolment of the person, past and present, newest first. */
  async itemsOfPerson(personId: string): Promise<PersonProgram[]> {
    const perProgram = await Promise.all(this.connected.map(({ runtime }) => runtime.itemsOfPerson(personId)));
    return perProgram.flat().sort(newestFirst);
  }

  /**
   * Delivers a life event to every open case and enrolment of the person that has not received it
   * yet, one after the other, and answers what it did to each once all have applied it. Items that
   * received it before (a repeat of the event, or a delivery cut short) answer from their stored
   * events, even if the event closed them: a repeat answers what the first delivery did. Each
   * program's items come in id order, whichever way they answered.
   */
  async applyLifeEvent(personId: string, input: CaseLifeEventInput, principal: Principal, signal?: AbortSignal): Promise<LifeEventEffect[]> {
    const effects: LifeEventEffect[] = [];
    for (const { runtime } of this.connected) {
      const onRecord = await runtime.lifeEventEffectsOnRecord(personId, input.eventId);
      const received = new Set(onRecord.map((effect) => effect.id));
      const delivered: LifeEventEffect[] = [];
      for (const itemId of await runtime.openItemsOfPerson(personId)) {
        if (!received.has(itemId)) delivered.push(await runtime.applyLifeEvent(itemId, input, principal, signal));
      }
      effects.push(...[...onRecord, ...delivered].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
    }
    return effects;
  }
}
