/**
 * The pairing program's running parts as the engine sees them (programs/program-entry.ts): its
 * overdue pairings and those whose activity keeps failing as stuck items, a person's pairings, and
 * a life event applied to one pairing through its workflow.
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Lang, Texts } from '../../../domain/i18n/lang';
import type { OverdueReason } from '../domain/index';
import type { CaseLifeEventInput, LifeEventEffect } from '../../../domain/life-events';
import type { PersonProgram } from '../../../domain/persons';
import type { Principal } from '../../../http/auth/tokens';
import { problemFromTemporalError } from '../../../http/temporal-errors';
import { problems } from '../../../http/problems';
import type { StuckItem } from '../../../http/schemas';
import type { Database } from '../../../store/schema';
import type { ProgramRuntime } from '../../program-entry';
import { openPairingOfPerson, overduePairings, pairingsOfPerson, readPairingState } from '../store/pairings';
import { listPairingEvents } from '../store/pairing-events';
import { retryingPairingActivities } from '../store/activity-failures';
import { PAIRING_REFUSAL_TYPES, pairingLifeEventUpdate, pairingWorkflowId } from '../workflow/definitions';
import type { PairingActivities } from '../activities/index';
import { pairingActorOf } from './pairings.service';

const OVERDUE_DETAIL: Record<OverdueReason, Texts> = {
  CONTACT: { 'zh-CN': '超过规定时间未联系结对对象', en: 'no contact within the pairing cadence' },
  VISITS: { 'zh-CN': '近一年上门走访次数少于规定', en: 'fewer visits in the last year than the pairing cadence asks' },
};

/** The pairing workflow's activities as an official would name them (every one: the compiler checks). */
const ACTIVITY_IN_CHINESE: Record<string, string> = {
  persistPairingEvents: '保存结对帮扶记录',
  storePairingCreation: '保存结对关系',
  pairingPerson: '读取结对对象信息',
  creationFacts: '核对结对申请并读取结对对象信息',
} satisfies Record<keyof PairingActivities, string>;

function retryingDetail(activity: string, attempts: number, lang: Lang): string {
  if (lang === 'en') return `${activity} has failed ${attempts} times in a row`;
  return `${ACTIVITY_IN_CHINESE[activity] ?? '系统的一个步骤'}已连续失败 ${attempts} 次，系统仍在自动重试`;
}

export interface PairingRuntimeDeps {
  db: Kysely<Database>;
  temporal: Client;
  stuckLimit: number;
  /** Consecutive activity failures from which a pairing counts as stuck. */
  stuckAttempts: number;
}

export class PairingRuntime implements ProgramRuntime {
  constructor(private readonly deps: PairingRuntimeDeps) {}

  /** Pairings without a contact within the cadence (longest waiting first), and pairings whose activity keeps failing. */
  async stuck(_log: FastifyBaseLogger, lang: Lang): Promise<StuckItem[]> {
    const { db, stuckLimit, stuckAttempts } = this.deps;
    const [overdue, retrying] = await Promise.all([overduePairings(db, stuckLimit), retryingPairingActivities(db, stuckAttempts, stuckLimit)]);
    const items = new Map<string, StuckItem>();
    const entry = (row: { pairingId: string; stage: string; stageEnteredAt: string; town: string }): StuckItem => {
      let item = items.get(row.pairingId);
      if (!item) {
        item = { kind: 'pairing', program: 'PAIRING', id: row.pairingId, stage: row.stage, stageEnteredAt: row.stageEnteredAt, town: row.town, reasons: [] };
        items.set(row.pairingId, item);
      }
      return item;
    };
    for (const row of overdue) {
      entry({ ...row, stage: 'ACTIVE' }).reasons.push({ kind: 'STAGE_OVERDUE', detail: OVERDUE_DETAIL[row.reason][lang], activity: null, attempts: null, lastFailure: null, since: row.dueAt });
    }
    for (const row of retrying) {
      entry(row).reasons.push({ kind: 'ACTIVITY_RETRYING', detail: retryingDetail(row.activity, row.attempts, lang), activity: row.activity, attempts: row.attempts, lastFailure: row.lastFailure, since: row.since });
    }
    return [...items.values()];
  }

  async itemsOfPerson(personId: string): Promise<PersonProgram[]> {
    const rows = await pairingsOfPerson(this.deps.db, personId);
    return rows.map((row) => ({ program: 'PAIRING' as const, id: row.pairingId, stage: row.stage, openedAt: row.openedAt, closedAt: row.stage === 'CLOSED' ? row.stageEnteredAt : null, paidFen: 0 }));
  }

  async openItemsOfPerson(personId: string): Promise<string[]> {
    const open = await openPairingOfPerson(this.deps.db, personId);
    return open === undefined ? [] : [open];
  }

  async applyLifeEvent(pairingId: string, input: CaseLifeEventInput, principal: Principal): Promise<LifeEventEffect> {
    const handle = this.deps.temporal.workflow.getHandle(pairingWorkflowId(pairingId));
    try {
      const { effect } = await handle.executeUpdate(pairingLifeEventUpdate, { args: [{ input, actor: pairingActorOf(principal) }] });
      return { program: 'PAIRING', id: pairingId, ...effect, overpaymentFen: 0 };
    } catch (error) {
      // Closed since it was listed as open: the event does nothing to it.
      if (await this.isClosed(pairingId, error)) return { program: 'PAIRING', id: pairingId, stageBefore: 'CLOSED', stageAfter: 'CLOSED', overpaymentFen: 0 };
      throw problemFromTemporalError(error) ?? error;
    }
  }

  /**
   * What the life event `eventId` did to the person's pairings, from their stored events: a life
   * event reaches only an open pairing, which it closes (a death, a move) or leaves open.
   */
  async lifeEventEffectsOnRecord(personId: string, eventId: string): Promise<LifeEventEffect[]> {
    const effects: LifeEventEffect[] = [];
    for (const { pairingId } of await pairingsOfPerson(this.deps.db, personId)) {
      const applied = (await listPairingEvents(this.deps.db, pairingId)).find((event) => event.type === 'LifeEventApplied' && event.data.eventId === eventId);
      if (applied?.type !== 'LifeEventApplied') continue;
      effects.push({ program: 'PAIRING', id: pairingId, stageBefore: 'ACTIVE', stageAfter: applied.data.outcome === 'CLOSED' ? 'CLOSED' : 'ACTIVE', overpaymentFen: 0 });
    }
    return effects;
  }

  private async isClosed(pairingId: string, error: unknown): Promise<boolean> {
    const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
    if (cause instanceof ApplicationFailure && cause.type === PAIRING_REFUSAL_TYPES.stageConflict) return true;
    if (!(error instanceof WorkflowNotFoundError) && !(error instanceof WorkflowUpdateFailedError)) return false;
    const state = await readPairingState(this.deps.db, pairingId);
    if (!state) throw problems.notFound(`no pairing ${pairingId}`);
    return state.stage === 'CLOSED';
  }
}
