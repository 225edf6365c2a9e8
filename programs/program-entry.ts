/**
 * What every program tells the engine about itself: one `ProgramEntry`, exported from the
 * program's own folder (`programs/<program>/program.ts`) and listed in programs/catalogue.ts.
 * The engine (stuck radar, person page, life-event fan-out, search-attribute registration) reads
 * programs only through this shape, so it never names one.
 *
 * An entry has two halves: facts known without a server (ids, stages, service-level defaults,
 * search attributes, read models), and `connect`, which gives the running parts their
 * connections (PostgreSQL, Temporal) once per app.
 */
import type { Client } from '@temporalio/client';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../config/config';
import type { HospitalRegistry } from '../config/hospitals';
import type { Lang, Texts } from '../domain/i18n/lang';
import type { CaseLifeEventInput, LifeEventEffect } from '../domain/life-events';
import type { PersonProgram } from '../domain/persons';
import type { ProgramId, ProgramItemKind } from '../domain/programs';
import type { Database } from '../store/schema';
import type { Principal } from '../http/auth/tokens';
import type { ApiMetrics } from '../http/plugins/metrics';
import type { StuckItem } from '../http/schemas';
import type { PersonRecord, PersonRow } from '../store/persons';

/** A search attribute's type as `temporal operator search-attribute create` and `start-dev --search-attribute` spell it. */
export type SearchAttributeTypeName = 'Keyword' | 'KeywordList' | 'Text' | 'Int' | 'Double' | 'Bool' | 'Datetime';

/** How a program's items are named in Temporal: `<prefix><item id>`, e.g. `case-C-2026-001`. */
export interface WorkflowNaming {
  /** The workflow type the worker registers (a function exported by programs/workflows.ts). */
  type: string;
  /** Unique among programs, so a workflow id tells whose item it is. */
  idPrefix: string;
  workflowId(itemId: string): string;
  /** The item id of one of this program's workflow ids; undefined for anyone else's. */
  itemIdOf(workflowId: string): string | undefined;
}

export function workflowNaming(type: string, idPrefix: string): WorkflowNaming {
  return {
    type,
    idPrefix,
    workflowId: (itemId) => `${idPrefix}${itemId}`,
    itemIdOf: (workflowId) => (workflowId.startsWith(idPrefix) && workflowId.length > idPrefix.length ? workflowId.slice(idPrefix.length) : undefined),
  };
}

export interface ProgramStages {
  all: readonly string[];
  /** Stages that wait on a person or a payer: each has a service-level time. */
  waiting: readonly string[];
  /** Stages never left: an item in one is closed. */
  terminal: readonly string[];
}

/**
 * One kind of workflow a program runs: a person's item (a case, an enrolment, a pairing) or a run
 * of the program itself (a month's payroll). The two subsidies share one enrolment workflow type,
 * each with its own id prefix.
 */
export interface ProgramWorkflow {
  /** What its items are called (the stuck radar's `kind`). */
  kind: ProgramItemKind;
  naming: WorkflowNaming;
  stages: ProgramStages;
  /** Service-level time of each waiting stage (`30d`, `12h`), unless the configuration overrides it. */
  stageSlaDefaults: Readonly<Record<string, string>>;
}

/** The person registry as a program reaches it: the API's person service provides it. */
export interface PersonRegistry {
  findOrRegister(person: PersonRecord): Promise<PersonRow>;
}

/** What the app lends each program when it starts. */
export interface ProgramContext {
  config: Config;
  db: Kysely<Database>;
  temporal: Client;
  hospitals: HospitalRegistry;
  metrics: ApiMetrics;
  /** The person registry, for programs that register their applicant when an item opens. */
  persons: PersonRegistry;
  clock: () => Date;
  /** How long an Update may wait for a workflow before the API answers 503. */
  updateTimeoutMs: number;
  /** Consecutive activity failures from which an item counts as stuck. */
  stuckAttempts: number;
  /** Most stuck items per program and reason in one answer. */
  stuckLimit: number;
}

/** A program's running parts, as the engine calls them. */
export interface ProgramRuntime {
  /** Its stuck items now, each with `kind`, `program` and `id`. */
  stuck(log: FastifyBaseLogger, lang: Lang): Promise<StuckItem[]>;
  /** Every item of the person in this program, past and present, with its money. */
  itemsOfPerson(personId: string): Promise<PersonProgram[]>;
  /** The ids of the person's items that are open now: a life event goes to each. */
  openItemsOfPerson(personId: string): Promise<string[]>;
  /**
   * Applies a life event to one open item by the program's own rule and answers what it did,
   * once the item's workflow has applied it (a repeat of the same eventId answers the same).
   */
  applyLifeEvent(itemId: string, input: CaseLifeEventInput, principal: Principal, signal?: AbortSignal): Promise<LifeEventEffect>;
  /**
   * What the life event `eventId` did to each of the person's items that received it, open or
   * closed since, read from the items' stored events: a repeat of the event is answered from here,
   * so an item the event closed still answers what it did.
   */
  lifeEventEffectsOnRecord(personId: string, eventId: string): Promise<LifeEventEffect[]>;
}

export interface ProgramEntry<Runtime extends ProgramRuntime = ProgramRuntime> {
  id: ProgramId;
  /** The program's name as a clerk reads it. */
  name: Texts;
  /** Its workflows; the first is a person's item in the program. */
  workflows: readonly [ProgramWorkflow, ...ProgramWorkflow[]];
  /** Custom search attributes its workflows keep current; registered on the Temporal namespace. */
  searchAttributes: Readonly<Record<string, SearchAttributeTypeName>>;
  /** The PostgreSQL tables it owns (its read models and ledgers). */
  readModels: readonly string[];
  /** Its statistics endpoint, and the rule it applies to a life event, in words for the reader of the catalogue. */
  statisticsPath: string;
  lifeEventRule: string;
  /** Its running parts; called once per app (programs/connected-programs.ts). */
  connect(context: ProgramContext): Runtime;
}
