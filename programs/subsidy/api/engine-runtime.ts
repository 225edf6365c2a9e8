/**
 * One subsidy's running parts as the engine sees them (programs/program-entry.ts): its overdue
 * enrolments as stuck items, a person's enrolments with what was paid, and a life event applied to
 * one enrolment through its workflow.
 */
import { WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Kysely } from 'kysely';
import type { CaseLifeEventInput, LifeEventEffect } from '../../../domain/life-events';
import type { PersonProgram } from '../../../domain/persons';
import type { Principal } from '../../../http/auth/tokens';
import { problemFromTemporalError } from '../../../http/temporal-errors';
import { problems } from '../../../http/problems';
import type { StuckItem } from '../../../http/schemas';
import type { Database } from '../../../store/schema';
import type { ProgramRuntime } from '../../program-entry';
import { isTerminalEnrolmentStage, type EnrolmentStage, type SubsidyActor, type SubsidyProgram } from '../domain/index';
import { enrolmentsOfPerson, openEnrolmentsOfPerson, overdueEnrolments, readEnrolmentState } from '../store/enrolments';
import { stuckPayrolls } from '../store/payrolls';
import { ENROLMENT_REFUSAL_TYPES, enrolmentWorkflowId, lifeEventUpdate, type EnrolmentRefusalDetails } from '../workflow/definitions';

export interface SubsidyRuntimeDeps {
  db: Kysely<Database>;
  temporal: Client;
  /** Most stuck items in one answer. */
  stuckLimit: number;
  /** Consecutive failed bank calls from which a payroll counts as stuck. */
  stuckAttempts?: number;
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

  /** Enrolments past their stage's service-level time, longest waiting first. */
  async stuck(): Promise<StuckItem[]> {
    const rows = await overdueEnrolments(this.deps.db, this.program, this.deps.stuckLimit);
    return [...rows.map((row) => ({
      kind: 'enrolment' as const,
      program: this.program,
      id: row.enrolmentId,
      stage: row.stage,
      stageEnteredAt: row.stageEnteredAt,
      town: row.town,
      reasons: [{ kind: 'STAGE_OVERDUE' as const, detail: `in ${row.stage} past its service-level time`, activity: null, attempts: null, lastFailure: null, since: row.stageEnteredAt }],
    })), ...(await this.stuckPayrolls())];
  }

  /** The program's payrolls whose bank calls keep failing, or whose books do not agree with the bank's. */
  private async stuckPayrolls(): Promise<StuckItem[]> {
    const rows = await stuckPayrolls(this.deps.db, this.program, this.deps.stuckAttempts ?? 3, this.deps.stuckLimit);
    return rows.map((row) => {
      const reasons: StuckItem['reasons'] = [];
      if (row.failingAttempts >= (this.deps.stuckAttempts ?? 3)) {
        reasons.push({ kind: 'ACTIVITY_RETRYING', detail: `the bank did not take batch ${row.batchesDone + 1} after ${row.failingAttempts} attempts`, activity: 'sendPayrollBatch', attempts: row.failingAttempts, lastFailure: row.lastFailure, since: row.failingSince });
      }
      if (row.discrepancy !== null) {
        reasons.push({ kind: 'PAYMENT_DISCREPANCY', detail: row.discrepancy, activity: null, attempts: null, lastFailure: null, since: row.discrepancySince });
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
