/**
 * What the enrolment routes do, without HTTP: apply (the registry's checks, then update-with-start
 * of the enrolment's workflow), act on an enrolment with an Update, read it from the read model.
 *
 * Every Update has an id derived from the request and from the round of the action (the domain's
 * idempotency key: a second decision after an objection is a new action, a retried one is not),
 * so a client retrying the same request reaches the same Update, which Temporal answers again
 * without writing anything.
 */
import { randomBytes } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../../config/config';
import { isIdNumber } from '../../../domain/id-number';
import type { Principal } from '../../../http/auth/tokens';
import { assertMayOpenInTown, reachesTown, townFilterOf } from '../../../http/auth/town-scope';
import type { ApiMetrics } from '../../../http/plugins/metrics';
import { HttpProblem, problems } from '../../../http/problems';
import { transitionUpdateId } from '../../../http/update-id';
import { findPersonById, findPersonsByIds, type PersonRow } from '../../../store/persons';
import type { Database } from '../../../store/schema';
import {
  actionFingerprint,
  APPLICATION_KEY,
  dayOfInstant,
  decide,
  idempotencyKey,
  monthOfInstant,
  type ApplyInput,
  type BankAccount,
  type DecisionInput,
  type EnrolmentCommand,
  type EnrolmentState,
  type ReasonInput,
  type ReinstateInput,
  type RepaymentInput,
  type ReviewInput,
  type SubsidyActor,
  type SubsidyPolicy,
  type SuspendInput,
} from '../domain/index';
import { listEnrolmentEvents } from '../store/enrolment-events';
import { listEnrolmentMonths } from '../store/enrolment-months';
import { openEnrolmentsOfPerson, readEnrolmentState, townOfEnrolment } from '../store/enrolments';
import { decodeEnrolmentCursor, encodeEnrolmentCursor, listEnrolmentPage } from '../store/enrolment-pages';
import { subsidyPolicyByVersion } from '../store/subsidy-policies';
import {
  applyUpdate,
  bankAccountUpdate,
  cdpfReviewUpdate,
  decisionUpdate,
  ENROLMENT_WORKFLOW_TYPE,
  enrolmentOpeningSearchAttributes,
  enrolmentWorkflowId,
  objectionUpdate,
  reinstateUpdate,
  repaymentUpdate,
  suspendUpdate,
  townReviewUpdate,
  waiveUpdate,
  withdrawUpdate,
  type EnrolmentUpdateArgs,
  type EnrolmentUpdateResult,
  type SubsidyEnrolmentInput,
} from '../workflow/definitions';
import { enrolmentRefusalOfFailure, problemOfEnrolmentRefusal } from './enrolment-problems';
import { presentEnrolment, presentEnrolmentEvent, presentEnrolmentSummary, type EnrolledPerson } from './enrolment-views';
import type { EnrolmentEventView, EnrolmentListQuery, EnrolmentSummary, EnrolmentView, NewEnrolmentInput } from './schemas';

export interface EnrolmentServiceDeps {
  config: Config;
  db: Kysely<Database>;
  temporal: Client;
  metrics: ApiMetrics;
  /**
   * The policy in force (SUBSIDY_POLICY_FILE): what a closed enrolment's repeated action is judged
   * by when no decision pinned one. The workflow reads its own; this one never decides money.
   */
  policy: SubsidyPolicy;
  /** How long an Update may wait for the workflow (a worker that is down) before the API answers 503. */
  updateTimeoutMs: number;
  clock: () => Date;
}

/** The actions on an enrolment after the application, by the name their URL gives them. */
export type EnrolmentAction = 'town-review' | 'cdpf-review' | 'decision' | 'objection' | 'withdraw' | 'suspend' | 'reinstate' | 'bank-account' | 'repayment' | 'waive';

export interface EnrolmentActionInput {
  'town-review': ReviewInput;
  'cdpf-review': ReviewInput;
  decision: DecisionInput;
  objection: ReasonInput;
  withdraw: ReasonInput;
  suspend: SuspendInput;
  reinstate: ReinstateInput;
  'bank-account': BankAccount;
  repayment: RepaymentInput;
  waive: ReasonInput;
}

const UPDATES: { [A in EnrolmentAction]: UpdateDefinition<EnrolmentUpdateResult, [EnrolmentUpdateArgs<EnrolmentActionInput[A]>]> } = {
  'town-review': townReviewUpdate,
  'cdpf-review': cdpfReviewUpdate,
  decision: decisionUpdate,
  objection: objectionUpdate,
  withdraw: withdrawUpdate,
  suspend: suspendUpdate,
  reinstate: reinstateUpdate,
  'bank-account': bankAccountUpdate,
  repayment: repaymentUpdate,
  waive: waiveUpdate,
};

export interface AppliedEnrolment {
  created: boolean;
  view: EnrolmentView;
}

function newEnrolmentId(now: Date): string {
  return `EN-${dayOfInstant(now.toISOString()).replaceAll('-', '')}-${randomBytes(5).toString('hex').toUpperCase()}`;
}

/** Who acts, as the enrolment records it: the token's subject, never a name the client sends. */
function actorOf(principal: Principal): SubsidyActor {
  if (principal.role !== 'officer' && principal.role !== 'civil' && principal.role !== 'finance' && principal.role !== 'admin') {
    // The routes let no other role through; this keeps a wiring mistake from reaching the workflow.
    throw problems.forbidden(`the ${principal.role} role may not do this; allowed: officer, civil, finance, admin`);
  }
  return { role: principal.role, sub: principal.sub };
}

/** The registry's person of an enrolment; the foreign key makes a missing one a broken database, not a request to refuse. */
function enrolledPerson(row: PersonRow | undefined, state: EnrolmentState): EnrolledPerson {
  if (!row) throw new Error(`enrolment ${state.enrolmentId} names person ${state.personId}, who is not in the registry`);
  return { name: row.name, idNumber: row.id_number, town: row.town };
}

function commandOf<A extends EnrolmentAction>(action: A, input: EnrolmentActionInput[A]): EnrolmentCommand {
  return { action, input } as EnrolmentCommand;
}

export class EnrolmentService {
  constructor(private readonly deps: EnrolmentServiceDeps) {}

  /**
   * `POST /v1/enrolments`: the person must be registered and active, and have no other open
   * enrolment in the program; then the workflow is started with the application as its first
   * Update, which answers once the application is stored.
   */
  async apply(body: NewEnrolmentInput, principal: Principal, log: FastifyBaseLogger, signal?: AbortSignal): Promise<AppliedEnrolment> {
    const { db, metrics, config } = this.deps;
    const now = this.deps.clock();
    const issues = [];
    if (body.enrolmentId && isIdNumber(body.enrolmentId)) issues.push({ path: 'enrolmentId', message: 'must not be a resident ID number (enrolment ids appear in logs and URLs)' });
    if (body.appliedOn > dayOfInstant(now.toISOString())) issues.push({ path: 'appliedOn', message: 'must not be after today (Asia/Shanghai)' });
    const person = await findPersonById(db, body.personId);
    if (!person) issues.push({ path: 'personId', message: 'is not a person in the registry' });
    if (issues.length > 0 || !person) throw problems.validation(issues);
    assertMayOpenInTown(principal, person.town, 'an enrolment');

    const enrolmentId = body.enrolmentId ?? newEnrolmentId(now);
    const application: ApplyInput = { enrolmentId, program: body.program, personId: body.personId, appliedOn: body.appliedOn, bankAccount: body.bankAccount };
    const existing = await readEnrolmentState(db, enrolmentId);
    // A repeated application is the workflow's to tell from a conflicting one; a new one is checked here first,
    // so that the refusals name the person's status and their open enrolment.
    if (!existing) {
      if (person.status !== 'ACTIVE') {
        metrics.updatesRefused.inc({ update: 'applyEnrolment', reason: 'person-inactive' });
        throw new HttpProblem('person-inactive', `person ${person.person_id} is ${person.status}; only an active person may apply`, { personStatus: person.status });
      }
      const open = await this.openEnrolmentOf(body.personId, body.program);
      if (open !== undefined && open !== enrolmentId) {
        metrics.updatesRefused.inc({ update: 'applyEnrolment', reason: 'duplicate-enrolment' });
        throw problems.duplicateEnrolment(open, body.program);
      }
    }

    const args: EnrolmentUpdateArgs<ApplyInput> = { input: application, actor: actorOf(principal) };
    const workflowInput: SubsidyEnrolmentInput = {
      enrolmentId,
      application: args,
      stageSlaMs: config.subsidy.stageSlaMs,
      ...(config.subsidy.noticeMs !== undefined ? { noticeMs: config.subsidy.noticeMs } : {}),
    };
    const startWorkflowOperation = new WithStartWorkflowOperation(ENROLMENT_WORKFLOW_TYPE, {
      workflowId: enrolmentWorkflowId(enrolmentId),
      taskQueue: config.temporal.taskQueue,
      args: [workflowInput],
      // A retried request joins the workflow it started; an enrolment that has ended is never started again.
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: enrolmentOpeningSearchAttributes(person.town, now),
    });
    try {
      await this.withTemporalDeadline(signal, () =>
        this.deps.temporal.workflow.executeUpdateWithStart(applyUpdate, { args: [args], startWorkflowOperation, updateId: transitionUpdateId(enrolmentId, APPLICATION_KEY, application) }),
      );
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return { created: false, view: await this.answerClosedApplication(application, principal) };
      throw await this.problemOf(error, 'applyEnrolment', enrolmentId, { personId: body.personId, program: body.program });
    }
    if (!existing) {
      metrics.workflowsStarted.inc({ source: 'api' });
      log.info({ enrolmentId, program: body.program }, 'enrolment applied');
    }
    return { created: !existing, view: await this.get(enrolmentId, principal) };
  }

  /**
   * The application's workflow has ended (the enrolment was closed, or the application refused):
   * the same application is answered with the enrolment, any other is a conflict.
   */
  private async answerClosedApplication(application: ApplyInput, principal: Principal): Promise<EnrolmentView> {
    const state = await readEnrolmentState(this.deps.db, application.enrolmentId);
    if (state && state.applied[APPLICATION_KEY] === actionFingerprint(application)) return this.present(state, principal);
    this.deps.metrics.updatesRefused.inc({ update: 'applyEnrolment', reason: 'idempotency-conflict' });
    throw problems.idempotencyConflict(
      state ? `enrolment ${application.enrolmentId} already exists with a different body` : `enrolment id ${application.enrolmentId} was used by an application that was refused; apply with another id`,
    );
  }

  async act<A extends EnrolmentAction>(action: A, enrolmentId: string, input: EnrolmentActionInput[A], principal: Principal, signal?: AbortSignal): Promise<EnrolmentView> {
    await this.assertReaches(enrolmentId, principal);
    const state = await readEnrolmentState(this.deps.db, enrolmentId);
    if (!state) throw problems.notFound(`no enrolment ${enrolmentId}`);
    const actor = actorOf(principal);
    const command = commandOf(action, input);
    const handle: WorkflowHandle = this.deps.temporal.workflow.getHandle(enrolmentWorkflowId(enrolmentId));
    const update = UPDATES[action] as UpdateDefinition<EnrolmentUpdateResult, [EnrolmentUpdateArgs<EnrolmentActionInput[A]>]>;
    try {
      await this.withTemporalDeadline(signal, () => handle.executeUpdate(update, { args: [{ input, actor }], updateId: this.updateIdOf(state, action, command, input) }));
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return this.answerFromClosedEnrolment(action, enrolmentId, command, actor, principal);
      throw await this.problemOf(error, action, enrolmentId);
    }
    return this.get(enrolmentId, principal);
  }

  /**
   * The same request in the same round of its action is the same Update. Actions without a key
   * (a bank account, which may change back to an earlier one) are keyed by the event they follow:
   * a retry after it was applied is then a new Update that the workflow answers as a replay.
   */
  private updateIdOf(state: EnrolmentState, action: EnrolmentAction, command: EnrolmentCommand, input: unknown): string {
    const key = idempotencyKey(state, command) ?? `${action}@${state.seq}`;
    return transitionUpdateId(state.enrolmentId, key, input);
  }

  /**
   * The workflow is gone: the enrolment has ended. The same rules decide on the stored state: a
   * repeat of what was done is answered with the enrolment, anything else refused.
   */
  private async answerFromClosedEnrolment(action: EnrolmentAction, enrolmentId: string, command: EnrolmentCommand, actor: SubsidyActor, principal: Principal): Promise<EnrolmentView> {
    const state = await readEnrolmentState(this.deps.db, enrolmentId);
    if (!state) throw problems.notFound(`no enrolment ${enrolmentId}`);
    const pinned = state.decision ? await subsidyPolicyByVersion(this.deps.db, state.decision.policyVersion) : undefined;
    const decision = decide(state, command, actor, pinned ?? this.deps.policy, this.deps.clock().toISOString());
    if (decision.kind === 'replay') return this.present(state, principal);
    const refusal =
      decision.kind === 'refuse'
        ? problemOfEnrolmentRefusal(decision.refusal, { currentStage: state.stage })
        : problems.stageConflict(state.stage, `the enrolment is closed in stage ${state.stage}`);
    this.deps.metrics.updatesRefused.inc({ update: action, reason: refusal.slug });
    throw refusal;
  }

  /** A Temporal error as the problem to answer with; refusals are counted by their slug. */
  private async problemOf(error: unknown, update: string, enrolmentId: string, applicant?: { personId: string; program: NewEnrolmentInput['program'] }): Promise<unknown> {
    const refusal = enrolmentRefusalOfFailure(error);
    if (!refusal) return error;
    const context =
      refusal.kind === 'duplicate-enrolment' && applicant
        ? { existingEnrolmentId: await this.openEnrolmentOf(applicant.personId, applicant.program) }
        : refusal.kind === 'recovery-not-open'
          ? { currentStage: (await readEnrolmentState(this.deps.db, enrolmentId))?.stage }
          : {};
    const problem = problemOfEnrolmentRefusal(refusal, Object.fromEntries(Object.entries(context).filter(([, value]) => value !== undefined)));
    this.deps.metrics.updatesRefused.inc({ update, reason: problem.slug });
    return problem;
  }

  private async openEnrolmentOf(personId: string, program: NewEnrolmentInput['program']): Promise<string | undefined> {
    const open = await openEnrolmentsOfPerson(this.deps.db, personId);
    return open.find((enrolment) => enrolment.program === program)?.enrolmentId;
  }

  /** Runs a Temporal call bounded by the update timeout and by the caller going away. */
  private withTemporalDeadline<T>(signal: AbortSignal | undefined, call: () => Promise<T>): Promise<T> {
    const timeout = AbortSignal.timeout(this.deps.updateTimeoutMs);
    const deadline = signal ? AbortSignal.any([signal, timeout]) : timeout;
    if (deadline.aborted) return Promise.reject(deadline.reason as Error);
    return this.deps.temporal.withAbortSignal(deadline, call);
  }

  /** A town clerk reaches the town's enrolments only: another town's is answered like one that does not exist. */
  private async assertReaches(enrolmentId: string, principal: Principal): Promise<void> {
    if (principal.town === undefined) return;
    const town = await townOfEnrolment(this.deps.db, enrolmentId);
    if (town === undefined || !reachesTown(principal, town)) throw problems.notFound(`no enrolment ${enrolmentId}`);
  }

  async get(enrolmentId: string, principal: Principal): Promise<EnrolmentView> {
    await this.assertReaches(enrolmentId, principal);
    const state = await readEnrolmentState(this.deps.db, enrolmentId);
    if (!state) throw problems.notFound(`no enrolment ${enrolmentId}`);
    return this.present(state, principal);
  }

  private async present(state: EnrolmentState, principal: Principal): Promise<EnrolmentView> {
    const { db } = this.deps;
    const [person, ledger, policy] = await Promise.all([
      findPersonById(db, state.personId),
      listEnrolmentMonths(db, state.enrolmentId),
      state.decision ? subsidyPolicyByVersion(db, state.decision.policyVersion) : Promise.resolve(undefined as SubsidyPolicy | undefined),
    ]);
    return presentEnrolment(state, enrolledPerson(person, state), policy, ledger, monthOfInstant(this.deps.clock().toISOString()), principal.role);
  }

  async listEvents(enrolmentId: string, principal: Principal): Promise<EnrolmentEventView[]> {
    await this.assertReaches(enrolmentId, principal);
    const events = await listEnrolmentEvents(this.deps.db, enrolmentId);
    if (events.length === 0) throw problems.notFound(`no enrolment ${enrolmentId}`);
    return events.map((event) => presentEnrolmentEvent(event, principal.role));
  }

  async list(query: EnrolmentListQuery, principal: Principal): Promise<{ items: EnrolmentSummary[]; nextCursor: string | null }> {
    const after = query.cursor === undefined ? undefined : decodeEnrolmentCursor(query.cursor);
    if (query.cursor !== undefined && !after) throw problems.validation([{ path: 'query.cursor', message: 'is not a cursor this API returned' }]);
    // A town clerk lists the town's enrolments only; asking for another town finds nothing.
    const town = townFilterOf(principal, query.town);
    if (town === null) return { items: [], nextCursor: null };
    const page = await listEnrolmentPage(this.deps.db, { ...query, town }, query.limit, after);
    const persons = await findPersonsByIds(this.deps.db, page.items.map((item) => item.state.personId));
    return {
      items: page.items.map((item) => presentEnrolmentSummary(item.state, enrolledPerson(persons.get(item.state.personId), item.state), item.paidFen, principal.role)),
      nextCursor: page.next ? encodeEnrolmentCursor(page.next) : null,
    };
  }
}
