/**
 * One subsidy's running parts as the engine sees them (programs/program-entry.ts): its overdue
 * enrolments as stuck items, a person's enrolments with what was paid, and a life event applied to
 * one enrolment through its workflow.
 */
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Lang } from '../../../domain/i18n/lang';
import type { CaseLifeEventInput, LifeEventEffect } from '../../../domain/life-events';
import type { PersonProgram } from '../../../domain/persons';
import type { Principal } from '../../../http/auth/tokens';
import { problemFromTemporalError } from '../../../http/temporal-errors';
import { problems } from '../../../http/problems';
import type { StuckItem } from '../../../http/schemas';
import type { Database } from '../../../store/schema';
import type { ProgramRuntime } from '../../program-entry';
import { isTerminalEnrolmentStage, lifeEventEffectOnRecord, type EnrolmentStage, type SubsidyActor, type SubsidyProgram } from '../domain/index';
import { retryingEnrolmentActivities } from '../store/activity-failures';
import { enrolmentOverdueDetail, enrolmentRetryingDetail, payrollBankFailingDetail, payrollDiscrepancyDetail } from './stuck-texts';
import { enrolmentsThatReceivedLifeEvent, listEnrolmentEvents } from '../store/enrolment-events';
import { enrolmentsOfPerson, openEnrolmentsOfPerson, overdueEnrolments, readEnrolmentState } from '../store/enrolments';
import { stuckPayrolls } from '../store/payrolls';
import { ENROLMENT_REFUSAL_TYPES, enrolmentWorkflowId, lifeEventUpdate, type EnrolmentRefusalDetails } from '../workflow/definitions';

export interface SubsidyRuntimeDeps {
  db: Kysely<Database>;
  temporal: Client;
  /** Most stuck items per reason in one answer. */
  stuckLimit: number;
  /** Consecutive activity failures from which an enrolment counts as stuck. */
  stuckAttempts: number;
}

export function subsidyActorOf(principal: Principal): SubsidyActor {
  // The roles the two share carry over as they are; the workflow refuses a role it does not know.
  return { role: principal.role as SubsidyActor['role'], sub: principal.sub };
}

export class SubsidyRuntime implements ProgramRuntime {
  constructor(
    private readonly program: SubsidyProgram,
    private readonly deps: SubsidyRuntimeDeps,
  ) {}

  /** Enrolments past their stage's service-level time, and enrolments whose activity keeps failing. */
  async stuck(_log?: FastifyBaseLogger, lang: Lang = 'zh-CN'): Promise<StuckItem[]> {
    const { db, stuckLimit, stuckAttempts } = this.deps;
    const [overdue, retrying] = await Promise.all([overdueEnrolments(db, this.program, stuckLimit), retryingEnrolmentActivities(db, this.program, stuckAttempts, stuckLimit)]);
    const items = new Map<string, StuckItem>();
    const entry = (row: { enrolmentId: string; stage: EnrolmentStage; stageEnteredAt: string; town: string }): StuckItem => {
      let item = items.get(row.enrolmentId);
      if (!item) {
        item = { kind: 'enrolment', program: this.program, id: row.enrolmentId, stage: row.stage, stageEnteredAt: row.stageEnteredAt, town: row.town, reasons: [] };
        items.set(row.enrolmentId, item);
      }
      return item;
    };
    for (const row of overdue) {
      entry(row).reasons.push({ kind: 'STAGE_OVERDUE', detail: enrolmentOverdueDetail(row.stage, row.stageEnteredAt, lang), activity: null, attempts: null, lastFailure: null, since: row.stageEnteredAt });
    }
    for (const row of retrying) {
      entry(row).reasons.push({ kind: 'ACTIVITY_RETRYING', detail: enrolmentRetryingDetail(row.activity, row.attempts, lang), activity: row.activity, attempts: row.attempts, lastFailure: row.lastFailure, since: row.since });
    }
    return [...items.values(), ...(await this.stuckPayrolls(lang))];
  }

  /** The program's payrolls whose bank calls keep failing, or whose books do not agree with the bank's. */
  private async stuckPayrolls(lang: Lang): Promise<StuckItem[]> {
    const rows = await stuckPayrolls(this.deps.db, this.program, this.deps.stuckAttempts, this.deps.stuckLimit);
    return rows.map((row) => {
      const reasons: StuckItem['reasons'] = [];
      if (row.failingAttempts >= (this.deps.stuckAttempts)) {
        reasons.push({ kind: 'ACTIVITY_RETRYING', detail: payrollBankFailingDetail(row.batchesDone + 1, row.failingAttempts, lang), activity: 'sendPayrollBatch', attempts: row.failingAttempts, lastFailure: row.lastFailure, since: row.failingSince });
      }
      if (row.discrepancy !== null) {
        reasons.push({ kind: 'PAYMENT_DISCREPANCY', detail: payrollDiscrepancyDetail(row.discrepancy, lang), activity: null, attempts: null, lastFailure: null, since: row.discrepancySince });
      }
      return { kind: 'payroll' as const, program: this.program, id: row.payrollId, stage: row.stage, stageEnteredAt: row.stageEnteredAt, town: null, reasons };
    });
  }

  async itemsOfPerson(personId: string): Promise<PersonProgram[]> {
    const rows = await enrolmentsOfPerson(this.deps.db, personId, this.program);
    return rows.map((row) => ({
      program: this.program,
      id: row.enrolmentId,
      stage: row.stage,
      openedAt: row.openedAt,
      closedAt: isTerminalEnrolmentStage(row.stage) ? row.stageEnteredAt : null,
      paidFen: row.paidFen,
    }));
  }

  async openItemsOfPerson(personId: string): Promise<string[]> {
    return (await openEnrolmentsOfPerson(this.deps.db, personId)).filter((row) => row.program === this.program).map((row) => row.enrolmentId);
  }

  async applyLifeEvent(enrolmentId: string, input: CaseLifeEventInput, principal: Principal): Promise<LifeEventEffect> {
    const handle = this.deps.temporal.workflow.getHandle(enrolmentWorkflowId(enrolmentId));
    try {
      const { effect } = await handle.executeUpdate(lifeEventUpdate, { args: [{ input, actor: subsidyActorOf(principal) }] });
      return { program: this.program, id: enrolmentId, ...effect };
    } catch (error) {
      // Closed since it was listed as open: the event does nothing to it.
      const closedStage = await this.closedStage(enrolmentId, error);
      if (closedStage) return { program: this.program, id: enrolmentId, stageBefore: closedStage, stageAfter: closedStage, overpaymentFen: 0 };
      throw problemFromTemporalError(error) ?? error;
    }
  }

  async lifeEventEffectsOnRecord(personId: string, eventId: string): Promise<LifeEventEffect[]> {
    const effects: LifeEventEffect[] = [];
    for (const enrolmentId of await enrolmentsThatReceivedLifeEvent(this.deps.db, personId, this.program, eventId)) {
      const effect = lifeEventEffectOnRecord(await listEnrolmentEvents(this.deps.db, enrolmentId), eventId);
      if (effect) effects.push({ program: this.program, id: enrolmentId, ...effect });
    }
    return effects;
  }

  private async closedStage(enrolmentId: string, error: unknown): Promise<EnrolmentStage | undefined> {
    const cause = error instanceof WorkflowUpdateFailedError ? error.cause : undefined;
    if (cause instanceof ApplicationFailure && cause.type === ENROLMENT_REFUSAL_TYPES.stageConflict) {
      return (cause.details?.[0] as EnrolmentRefusalDetails | undefined)?.currentStage;
    }
    const stage = (await readEnrolmentState(this.deps.db, enrolmentId))?.stage;
    if (stage && isTerminalEnrolmentStage(stage)) return stage;
    if (!stage) throw problems.notFound(`no enrolment ${enrolmentId}`);
    return undefined;
  }
}
