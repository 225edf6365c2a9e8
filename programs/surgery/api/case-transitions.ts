/**
 * Moving a case: each action is an Update of the case's workflow, answered with the case as the
 * caller may see it. The Updates ask for the outcome only (`answer: 'outcome'`), so that a case's
 * history does not carry the whole case once per action; the case is then read from the read
 * model, which holds what the Update recorded before it answered. Runs from before that change,
 * and Updates deduplicated against one asked by an earlier API, still answer with the case. A workflow that has closed is answered by the same domain rules on the
 * projected state: a repeat of what was applied is answered as before, anything else refused.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Actor } from '../../../domain/actor';
import type { CaseLifeEventInput, LifeEventEffect } from '../../../domain/life-events';
import { decide, type CaseCommand, type Decision } from '../domain/case-commands';
import { decideLifeEvent } from '../domain/case-life-events';
import { snapshotOf, type CaseState } from '../domain/case-state';
import { decideApproval, decideProposalRejection } from '../domain/claim-proposals';
import { caseWorkflowId } from '../domain/ids';
import type { CaseView, ClaimProposalInput, ClaimProposalView, ProposalApprovalInput, ProposalRejectionInput } from '../domain/schemas';
import type { Payer } from '../domain/stages';
import type { TransitionInputs, TransitionKind } from '../domain/transition-kinds';
import {
  answeringOutcome,
  applyLifeEventUpdate,
  approveProposalUpdate,
  isCaseOutcome,
  proposeResolutionUpdate,
  rejectProposalUpdate,
  TRANSITION_UPDATES,
  type CaseAnswer,
  type CaseOutcome,
  type CasePayload,
  type TransitionArgs,
} from '../workflow/definitions';
import { findCaseState } from '../store/cases';
import type { Principal } from '../../../http/auth/tokens';
import { HttpProblem, problemOfRefusal, problems } from '../../../http/problems';
import { problemFromUpdateRefusal } from '../../../http/temporal-errors';
import { transitionUpdateId } from '../../../http/update-id';
import { actorOf } from './case-actor';
import type { CaseReads } from './case-reads';
import type { CaseServiceDeps } from './case-service-deps';
import { mayAccess, presentCase, scopeOfCase } from './case-views';
import { withTemporalDeadline } from './temporal-deadline';

/** How the domain decides an action on a case whose workflow has closed. */
type ClosedCaseDecision = (state: CaseState, actor: Actor, now: string) => Decision;

export class CaseTransitions {
  constructor(
    private readonly deps: CaseServiceDeps,
    private readonly reads: CaseReads,
  ) {}

  async transition<K extends TransitionKind>(kind: K, caseId: string, input: TransitionInputs[K], principal: Principal, signal?: AbortSignal): Promise<CaseView> {
    await this.assertScope(caseId, principal);
    const args: TransitionArgs<TransitionInputs[K]> = { input, actor: actorOf(principal), answer: 'outcome' };
    const update = answeringOutcome(TRANSITION_UPDATES[kind] as (typeof TRANSITION_UPDATES)[K]);
    const command = { action: kind, input } as CaseCommand;
    const onClosedCase: ClosedCaseDecision = (state, actor, now) => decide(state, command, actor, now);
    const updateId = transitionUpdateId(caseId, kind, input);
    return this.runUpdate(kind, caseId, principal, onClosedCase, signal, async () =>
      this.newestOf(caseId, await this.handle(caseId).executeUpdate(update, { args: [args], updateId })),
    );
  }

  /**
   * A life event of the case's person, applied by the case's own rule (../domain/case-life-events.ts).
   * A case that closed meanwhile did nothing: its stage before and after are the same.
   */
  async applyLifeEvent(caseId: string, input: CaseLifeEventInput, principal: Principal, signal?: AbortSignal): Promise<LifeEventEffect> {
    const before = (await findCaseState(this.deps.db, caseId))?.stage;
    const onClosedCase: ClosedCaseDecision = (state, actor, now) => decideLifeEvent(state, input, actor, now);
    try {
      const view = await this.runUpdate('applyLifeEvent', caseId, principal, onClosedCase, signal, () =>
        this.handle(caseId).executeUpdate(answeringOutcome(applyLifeEventUpdate), { args: [{ input, actor: actorOf(principal), answer: 'outcome' }] }),
      );
      return { program: 'SURGERY', id: caseId, stageBefore: before ?? view.stage, stageAfter: view.stage, overpaymentFen: 0 };
    } catch (error) {
      if (error instanceof HttpProblem && error.slug === 'stage-conflict' && error.extra.currentStage) {
        return { program: 'SURGERY', id: caseId, stageBefore: error.extra.currentStage, stageAfter: error.extra.currentStage, overpaymentFen: 0 };
      }
      throw error;
    }
  }

  /** One administrator proposes how the claim the cascade waits on is settled by hand. */
  async proposeResolution(caseId: string, payer: Payer, input: ClaimProposalInput, principal: Principal, signal?: AbortSignal): Promise<ClaimProposalView & { caseId: string }> {
    // A closed case waits on no payer: any proposal is refused by the stage.
    const onClosedCase: ClosedCaseDecision = (state) => ({ kind: 'refuse', refusal: { kind: 'stage-conflict', currentStage: state.stage, detail: `the cascade is not waiting on ${payer}` } });
    const view = await this.runUpdate('proposeResolution', caseId, principal, onClosedCase, signal, () =>
      this.handle(caseId).executeUpdate(answeringOutcome(proposeResolutionUpdate), { args: [{ input, payer, actor: actorOf(principal), answer: 'outcome' }] }),
    );
    const proposal = view.reimbursement?.proposals?.filter((candidate) => candidate.payer === payer && candidate.proposedBy === principal.sub).at(-1);
    if (!proposal) throw problems.unavailable('the proposal was recorded but cannot be read back; read the case');
    return { caseId, ...proposal };
  }

  /** A second administrator approves: answered once the payer's books have decided the claim. */
  async approveProposal(caseId: string, payer: Payer, proposalId: string, input: ProposalApprovalInput, principal: Principal, signal?: AbortSignal): Promise<CaseView> {
    const onClosedCase: ClosedCaseDecision = (state, actor, now) => decideApproval(state, payer, proposalId, input, actor, now);
    return this.runUpdate('approveProposal', caseId, principal, onClosedCase, signal, () =>
      this.handle(caseId).executeUpdate(answeringOutcome(approveProposalUpdate), { args: [{ input, payer, proposalId, actor: actorOf(principal), answer: 'outcome' }] }),
    );
  }

  async rejectProposal(caseId: string, payer: Payer, proposalId: string, input: ProposalRejectionInput, principal: Principal, signal?: AbortSignal): Promise<CaseView> {
    const onClosedCase: ClosedCaseDecision = (state, actor, now) => decideProposalRejection(state, payer, proposalId, input, actor, now);
    return this.runUpdate('rejectProposal', caseId, principal, onClosedCase, signal, () =>
      this.handle(caseId).executeUpdate(answeringOutcome(rejectProposalUpdate), { args: [{ input, payer, proposalId, actor: actorOf(principal), answer: 'outcome' }] }),
    );
  }

  private handle(caseId: string) {
    return this.deps.temporal.workflow.getHandle(caseWorkflowId(caseId));
  }

  /**
   * A deduplicated Update answers with the case as it was when the first one completed; the
   * projection already holds anything that happened since (every Update returns only after its
   * events are stored), so the caller still gets the current case.
   */
  private async newestOf(caseId: string, answer: CaseAnswer): Promise<CaseAnswer> {
    if (isCaseOutcome(answer)) return answer; // read from the read model anyway
    const state = await findCaseState(this.deps.db, caseId);
    return state && Date.parse(state.updatedAt) > Date.parse(answer.updatedAt) ? state : answer;
  }

  /** The case an Update answered with, or (to an outcome) as the read model has it since. */
  private async caseAfter(caseId: string, answer: CaseAnswer): Promise<CasePayload> {
    if (!isCaseOutcome(answer)) return answer;
    return this.fromReadModel(caseId, answer);
  }

  private async fromReadModel(caseId: string, outcome: CaseOutcome): Promise<CasePayload> {
    const state = await findCaseState(this.deps.db, caseId);
    // The workflow answers only once the Update's events are stored: an older row is a bug or a restore.
    if (!state || Date.parse(state.updatedAt) < Date.parse(outcome.updatedAt)) {
      throw problems.unavailable('the case was changed but cannot be read back yet; read the case');
    }
    return snapshotOf(state);
  }

  private async runUpdate(
    name: string,
    caseId: string,
    principal: Principal,
    onClosedCase: ClosedCaseDecision,
    signal: AbortSignal | undefined,
    call: () => Promise<CaseAnswer>,
  ): Promise<CaseView> {
    try {
      const answer = await withTemporalDeadline(this.deps.temporal, this.deps.updateTimeoutMs, signal, call);
      const payload = await this.caseAfter(caseId, answer);
      return await this.reads.withPerson(presentCase(payload, principal));
    } catch (error) {
      const refusal = problemFromUpdateRefusal(error);
      if (refusal) {
        this.deps.metrics.updatesRefused.inc({ update: name, reason: refusal.slug });
        throw refusal;
      }
      if (error instanceof WorkflowNotFoundError) return this.answerFromClosedCase(name, caseId, principal, onClosedCase);
      throw error;
    }
  }

  /**
   * The workflow is gone: either the case never existed, or it reached a terminal stage and closed.
   * Then the same domain rules decide on the projected state: a replay is 200, anything else refused.
   */
  private async answerFromClosedCase(name: string, caseId: string, principal: Principal, onClosedCase: ClosedCaseDecision): Promise<CaseView> {
    const state = await findCaseState(this.deps.db, caseId);
    if (!state || !mayAccess(principal, scopeOfCase(state))) throw problems.caseNotFound(caseId);
    const decision = onClosedCase(state, actorOf(principal), this.deps.clock().toISOString());
    if (decision.kind === 'replay') return this.reads.withPerson(presentCase(state, principal));
    const refusal: HttpProblem =
      decision.kind === 'refuse' ? problemOfRefusal(decision.refusal) : problems.stageConflict(state.stage, `the case is closed in stage ${state.stage}`);
    this.deps.metrics.updatesRefused.inc({ update: name, reason: refusal.slug });
    throw refusal;
  }

  /** A hospital acts on its own cases only, a town clerk on the town's: any other case is 404. */
  private async assertScope(caseId: string, principal: Principal): Promise<void> {
    if (principal.role !== 'hospital' && principal.town === undefined) return;
    const scope = await this.reads.scopeOf(caseId);
    if (scope === undefined || !mayAccess(principal, scope)) throw problems.caseNotFound(caseId);
  }
}
