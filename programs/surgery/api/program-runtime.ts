/**
 * The surgery program's running parts as the engine sees them (programs/program-entry.ts): its
 * stuck cases as stuck items, a person's cases, and a life event applied to one case through the
 * case's workflow. The case routes use the same `cases` services.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Lang } from '../../../domain/i18n/lang';
import type { CaseLifeEventInput, LifeEventEffect } from '../../../domain/life-events';
import type { PersonProgram } from '../../../domain/persons';
import type { Principal } from '../../../http/auth/tokens';
import type { StuckItem } from '../../../http/schemas';
import type { StuckCase } from './route-schemas';
import type { ProgramContext, ProgramRuntime } from '../../program-entry';
import { casePersons } from './case-persons';
import { casesThatReceivedLifeEvent, openCasesOfPerson, surgeryCasesOfPerson } from '../store/person-cases';
import { listCaseEvents } from '../store/case-events';
import { lifeEventEffectOnRecord } from '../domain/case-life-events';
import { createCaseServices, type CaseServices } from './case-services';
import { StuckCasesService } from './stuck-cases.service';

/** A stuck case as an item of the radar: the case's own members, named as every program's items are. */
export function stuckCaseItem(stuck: StuckCase): StuckItem {
  return { kind: 'case', program: 'SURGERY', id: stuck.caseId, ...stuck };
}

export class SurgeryRuntime implements ProgramRuntime {
  readonly cases: CaseServices;
  readonly stuckCases: StuckCasesService;

  constructor(private readonly context: ProgramContext) {
    const { config, db, temporal, hospitals, metrics, persons, clock, updateTimeoutMs } = context;
    this.cases = createCaseServices({ config, db, temporal, hospitals, metrics, persons: casePersons(persons), clock, updateTimeoutMs });
    this.stuckCases = new StuckCasesService({ config, db, temporal, minAttempts: context.stuckAttempts, limit: context.stuckLimit });
  }

  async stuck(log: FastifyBaseLogger, lang: Lang): Promise<StuckItem[]> {
    return (await this.stuckCases.stuckCases(log, lang)).map(stuckCaseItem);
  }

  itemsOfPerson(personId: string): Promise<PersonProgram[]> {
    return surgeryCasesOfPerson(this.context.db, personId);
  }

  openItemsOfPerson(personId: string): Promise<string[]> {
    return openCasesOfPerson(this.context.db, personId);
  }

  applyLifeEvent(caseId: string, input: CaseLifeEventInput, principal: Principal, signal?: AbortSignal): Promise<LifeEventEffect> {
    return this.cases.transitions.applyLifeEvent(caseId, input, principal, signal);
  }

  async lifeEventEffectsOnRecord(personId: string, eventId: string): Promise<LifeEventEffect[]> {
    const effects: LifeEventEffect[] = [];
    for (const caseId of await casesThatReceivedLifeEvent(this.context.db, personId, eventId)) {
      const effect = lifeEventEffectOnRecord(await listCaseEvents(this.context.db, caseId), eventId);
      if (effect) effects.push({ program: 'SURGERY', id: caseId, ...effect, overpaymentFen: 0 });
    }
    return effects;
  }
}
