/**
 * A program that exists only in tests: a catalogue entry with no workflow and no tables, whose
 * items the test puts in by hand. An app built with it beside the surgery program shows that the
 * stuck radar, the person page and the life-event fan-out reach every program of the catalogue
 * without knowing any by name.
 */
import type { LifeEventEffect } from '../../domain/life-events';
import type { PersonProgram } from '../../domain/persons';
import type { StuckItem } from '../../http/schemas';
import { workflowNaming, type ProgramEntry, type ProgramRuntime } from '../../programs/program-entry';

export interface StandInItem {
  id: string;
  personId: string;
  town: string;
  stage: 'ACTIVE' | 'CLOSED';
  openedAt: string;
  /** Shown as stuck (past its service-level time) while set. */
  overdueSince: string | null;
}

export class StandInProgram {
  readonly items = new Map<string, StandInItem>();
  /** Every life event delivered, as `<item id>:<event id>`. */
  readonly delivered: string[] = [];
  /** What each delivery did, by `<item id>:<event id>`: a repeat of the event answers from here. */
  readonly recorded = new Map<string, LifeEventEffect>();

  readonly entry: ProgramEntry = {
    id: 'PAIRING',
    name: { 'zh-CN': '测试用替身项目', en: 'Stand-in program for tests' },
    workflows: [{ kind: 'pairing', naming: workflowNaming('standInProgram', 'stand-in-'), stages: { all: ['ACTIVE', 'CLOSED'], waiting: ['ACTIVE'], terminal: ['CLOSED'] }, stageSlaDefaults: { ACTIVE: '90d' } }],
    searchAttributes: {},
    readModels: [],
    statisticsPath: '/v1/stats/stand-in',
    lifeEventRule: 'any life event closes the item',
    connect: () => this.runtime,
  };

  private readonly runtime: ProgramRuntime = {
    stuck: async () =>
      [...this.items.values()]
        .filter((item) => item.overdueSince !== null && item.stage === 'ACTIVE')
        .map(
          (item): StuckItem => ({
            kind: 'pairing',
            program: 'PAIRING',
            id: item.id,
            stage: item.stage,
            stageEnteredAt: item.openedAt,
            town: item.town,
            reasons: [{ kind: 'STAGE_OVERDUE', detail: 'past its time', activity: null, attempts: null, lastFailure: null, since: item.overdueSince }],
          }),
        ),
    itemsOfPerson: async (personId) =>
      [...this.items.values()]
        .filter((item) => item.personId === personId)
        .map((item): PersonProgram => ({ program: 'PAIRING', id: item.id, stage: item.stage, openedAt: item.openedAt, closedAt: null, paidFen: 0 })),
    openItemsOfPerson: async (personId) => [...this.items.values()].filter((item) => item.personId === personId && item.stage === 'ACTIVE').map((item) => item.id),
    applyLifeEvent: async (itemId, input): Promise<LifeEventEffect> => {
      const item = this.items.get(itemId)!;
      this.delivered.push(`${itemId}:${input.eventId}`);
      const stageBefore = item.stage;
      item.stage = 'CLOSED';
      const effect: LifeEventEffect = { program: 'PAIRING', id: itemId, stageBefore, stageAfter: item.stage, overpaymentFen: 0 };
      this.recorded.set(`${itemId}:${input.eventId}`, effect);
      return effect;
    },
    lifeEventEffectsOnRecord: async (personId, eventId) =>
      [...this.items.values()]
        .filter((item) => item.personId === personId)
        .flatMap((item) => this.recorded.get(`${item.id}:${eventId}`) ?? [])
        .sort((a, b) => (a.id < b.id ? -1 : 1)),
  };
}
