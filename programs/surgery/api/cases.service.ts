/**
 * What the case routes do, without HTTP: open a case (the registration constraint, then
 * update-with-start), move it with an Update, read it from the projection. Routes stay thin and
 * the roster import starts each row with `startCase`, the same registration without the wait.
 */
import { randomBytes } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client, type WorkflowStartOptions } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../../config/config';
import type { HospitalRegistry } from '../../../config/hospitals';
import { canonicalJson } from '../../../domain/canonical-json';
import { decide, type CaseCommand, type Decision } from '../domain/case-commands';
import { decideLifeEvent } from '../domain/case-life-events';
import type { CaseLifeEventInput, LifeEventEffect } from '../../../domain/life-events';
import { decideApproval, decideProposalRejection } from '../domain/claim-proposals';
import { toCaseView, type CaseState } from '../domain/case-state';
import { isIdNumber } from '../../../domain/id-number';
import { newCaseContextIssues, type AdmissionInput, type CaseView, type ClaimProposalInput, type ClaimProposalView, type ProposalApprovalInput, type ProposalRejectionInput, type DischargeInput, type NewCaseInput, type ScreeningInput, type SurgeryInput, type WithdrawInput } from '../domain/schemas';
import { type Actor } from '../../../domain/actor';
import { type FieldIssue } from '../../../domain/fields';
import type { Payer } from '../domain/stages';
import type { Database } from '../../../store/schema';
import { listCaseEvents } from '../store/case-events';
import {
  caseOpenedUpdate,
  caseWorkflowId,
  CASE_WORKFLOW_TYPE,
  getCaseQuery,
  openingSearchAttributes,
  approveProposalUpdate,
  proposeResolutionUpdate,
  recordAdmissionUpdate,
  rejectProposalUpdate,
  recordDischargeUpdate,
  recordScreeningUpdate,
  recordSurgeryUpdate,
  withdrawCaseUpdate,
  applyLifeEventUpdate,
  type AssistanceCaseInput,
  type TransitionArgs,
} from '../workflow/definitions';
import type { Principal } from '../../../http/auth/tokens';
import type { ApiMetrics } from '../../../http/plugins/metrics';
import { HttpProblem, problemOfRefusal, problems } from '../../../http/problems';
import { claimFailures, decodeCursor, encodeCursor, findCaseHospitalId, findCaseState, listCases, type CaseListFilter } from '../store/cases';
import { forgetRegistration, isRegistered, registerCase } from '../store/registrations';
import { linkCase, personIdsOfCases } from '../store/person-cases';
import { removeAbandonedRegistration } from './abandoned-registration';
import type { CasePersons as PersonService } from './case-persons';
import type { CaseListQuery } from './route-schemas';
import { problemFromUpdateRefusal } from '../../../http/temporal-errors';
import { mayAccess, presentCase, presentEvent, presentState, type EventView } from './case-views';
import type { Limited } from '../../../http/concurrency-limit';
import { transitionUpdateId } from '../../../http/update-id';

export interface CaseServiceDeps {
  config: Config;
  db: Kysely<Database>;
  temporal: Client;
  hospitals: HospitalRegistry;
  metrics: ApiMetrics;
  /** The person registry: every case opened is linked to its person. */
  persons: PersonService;
  /** How long an Update may wait for the workflow (a worker that is down) before the API answers 503. */
  updateTimeoutMs: number;
  clock: () => Date;
}

export interface OpenedCase {
  created: boolean;
  view: CaseView;
}

type StartOpening = {
  kind: 'start';
  caseId: string;
  personId: string;
  hospitalId: string;
  fingerprint: string;
  created: boolean;
  start: WorkflowStartOptions & { workflowIdConflictPolicy: 'USE_EXISTING' };
};
/** A registered case whose workflow is to be started (or joined), or one that is already closed. */
type Opening = StartOpening | { kind: 'closed'; caseId: string };

const LIANGZHOU_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day in Liangzhou: whether an applicant is a minor is decided on the local day. */
export function openingDay(now: Date): string {
  return LIANGZHOU_DAY.format(now);
}

/** Case → hospital for the hospital-scope check: a case's hospital never changes, so entries never go stale. */
const HOSPITAL_OF_CASE_ENTRIES = 50_000;

function newCaseId(now: Date): string {
  return `LZ-${openingDay(now).replaceAll('-', '')}-${randomBytes(5).toString('hex').toUpperCase()}`;
}

/** Who acts, as the case records it: never a name the client sends, and a hospital with its hospital. */
function actorOf(principal: Principal): Actor {
  return principal.role === 'hospital' ? { role: principal.role, sub: principal.sub, hospitalId: principal.hospitalId! } : { role: principal.role, sub: principal.sub };
}

type TransitionKind = 'screening' | 'admission' | 'surgery' | 'discharge' | 'withdraw';
type TransitionInput = { screening: ScreeningInput; admission: AdmissionInput; surgery: SurgeryInput; discharge: DischargeInput; withdraw: WithdrawInput };

const UPDATES: { [K in TransitionKind]: UpdateDefinition<CaseView, [TransitionArgs<TransitionInput[K]>]> } = {
  screening: recordScreeningUpdate,
  admission: recordAdmissionUpdate,
  surgery: recordSurgeryUpdate,
  discharge: recordDischargeUpdate,
  withdraw: withdrawCaseUpdate,
};

export class CaseService {
  private readonly hospitalIds: ReadonlySet<string>;
  /** Bounded; the oldest entry goes first. Saves a query before every hospital transition. */
  private readonly hospitalOfCase = new Map<string, string>();

  constructor(private readonly deps: CaseServiceDeps) {
    this.hospitalIds = new Set(deps.hospitals.byId.keys());
  }

  /** Checks that need the registry or today's date; the body's own shape is checked by newCaseSchema. */
  contextIssues(input: NewCaseInput): FieldIssue[] {
    const issues = newCaseContextIssues(input, openingDay(this.deps.clock()), this.hospitalIds);
    // Case ids appear in every log line and URL; an ID number there would leak it.
    if (input.caseId && isIdNumber(input.caseId)) {
      issues.push({ path: 'caseId', message: 'must not be a resident ID number (case ids appear in logs and URLs)' });
    }
    return issues;
  }

  /**
   * `POST /v1/cases`: registers the case and starts its workflow with an Update that answers once
   * the CaseOpened event is stored, so the caller can read the case at once.
   */
  async openCase(input: NewCaseInput, principal: Principal, log: FastifyBaseLogger, signal?: AbortSignal): Promise<OpenedCase> {
    const opening = await this.register(input, principal, log);
    if (opening.kind === 'closed') return { created: false, view: await this.closedCaseView(opening.caseId, principal) };
    const startWorkflowOperation = new WithStartWorkflowOperation(CASE_WORKFLOW_TYPE, opening.start);
    const view = await this.starting(opening, log, 'api', () =>
      this.withTemporalDeadline(signal, () => this.deps.temporal.workflow.executeUpdateWithStart(caseOpenedUpdate, { startWorkflowOperation })),
    );
    return {
      created: opening.created,
      view: view ? { ...presentCase(view, principal), personId: opening.personId } : await this.closedCaseView(opening.caseId, principal),
    };
  }

  /**
   * A roster row: registered and its workflow started, like `openCase`, without waiting for the
   * workflow's first task to store CaseOpened. Started is durable — the workflow stores it on its
   * own, and `getCase` answers from the workflow until the projection has the case — and a roster
   * of thousands then opens at the pace of plain workflow starts. `startLimit` bounds the starts
   * alone, so that registering the next rows overlaps with starting these.
   */
  async startCase(
    input: NewCaseInput,
    principal: Principal,
    log: FastifyBaseLogger,
    { signal, startLimit = (start) => start() }: { signal?: AbortSignal; startLimit?: Limited } = {},
  ): Promise<{ caseId: string; created: boolean }> {
    const opening = await this.register(input, principal, log);
    if (opening.kind === 'closed') return { caseId: opening.caseId, created: false };
    await startLimit(() =>
      this.starting(opening, log, 'import', () =>
        this.withTemporalDeadline(signal, () => this.deps.temporal.workflow.start(CASE_WORKFLOW_TYPE, opening.start)),
      ),
    );
    return { caseId: opening.caseId, created: opening.created };
  }

  /** The registration constraint (one open case per ID number, a case id reused only for the same body), then what to start. */
  private async register(input: NewCaseInput, principal: Principal, log: FastifyBaseLogger): Promise<Opening> {
    const issues = this.contextIssues(input);
    if (issues.length > 0) throw problems.validation(issues);
    const { db, metrics } = this.deps;
    const { caseId: requestedId, ...body } = input;
    const caseId = requestedId ?? newCaseId(this.deps.clock());
    const fingerprint = canonicalJson(body);
    // Found or registered before the case: a refused opening leaves a registered person, which is
    // true (they applied), while a case without its person would break the registry's promise.
    const person = await this.deps.persons.personForCase(input);
    if (person.status !== 'ACTIVE') {
      metrics.updatesRefused.inc({ update: 'openCase', reason: 'person-inactive' });
      throw problems.personInactive(person.person_id, person.status);
    }

    let registration = await registerCase(db, caseId, input.applicant.idNumber, fingerprint);
    if (registration.kind === 'open-case-for-id-number' && (await this.forgetIfAbandoned(registration.existingCaseId, log))) {
      registration = await registerCase(db, caseId, input.applicant.idNumber, fingerprint);
    }
    if (registration.kind === 'open-case-for-id-number') {
      metrics.updatesRefused.inc({ update: 'openCase', reason: 'duplicate-case' });
      throw problems.duplicateCase(registration.existingCaseId);
    }
    if (registration.kind === 'same-case' && registration.fingerprint !== fingerprint) {
      metrics.updatesRefused.inc({ update: 'openCase', reason: 'idempotency-conflict' });
      throw problems.idempotencyConflict(`case ${caseId} was already opened with a different body`);
    }
    // Before the workflow starts, so that every view of the case can name its person; a retry links again harmlessly.
    await linkCase(db, caseId, person.person_id);
    if (registration.kind === 'same-case' && !registration.open) return { kind: 'closed', caseId };

    const hospital = this.deps.hospitals.byId.get(input.hospitalId)!;
    const workflowInput: AssistanceCaseInput = {
      caseId,
      input: { ...input, caseId, insured: input.insured },
      hospitalLevel: hospital.level,
      openedBy: actorOf(principal),
      stageSlaMs: this.deps.config.stageSlaMs,
    };
    return {
      kind: 'start',
      caseId,
      personId: person.person_id,
      hospitalId: input.hospitalId,
      fingerprint,
      created: registration.kind === 'registered',
      start: {
        workflowId: caseWorkflowId(caseId),
        taskQueue: this.deps.config.temporal.taskQueue,
        args: [workflowInput],
        // A retried request, or a re-imported roster, joins the workflow it started before.
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        typedSearchAttributes: openingSearchAttributes(input, this.deps.clock()),
      },
    };
  }

  /**
   * Runs the start; `undefined` when the workflow already ran to its end (a repeat of an old
   * request, answered from the projection). A start that fails frees the ID number if the
   * workflow certainly does not exist.
   */
  private async starting<T>(opening: StartOpening, log: FastifyBaseLogger, source: 'api' | 'import', start: () => Promise<T>): Promise<T | undefined> {
    try {
      const started = await start();
      if (opening.created) {
        this.deps.metrics.workflowsStarted.inc({ source });
        log.info({ caseId: opening.caseId, hospitalId: opening.hospitalId, source }, 'case opened');
      }
      return started;
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return undefined;
      if (opening.created) await this.forgetIfNeverStarted(opening.caseId, opening.fingerprint, log);
      throw error;
    }
  }

  /**
   * The open case an ID number is registered to may be an opening that died before its workflow
   * started (an API crash between the two steps): after ABANDONED_AFTER_MS without an attempt it
   * no longer blocks the person. True if it was removed.
   */
  private async forgetIfAbandoned(caseId: string, log: FastifyBaseLogger): Promise<boolean> {
    if (await this.workflowMayExist(caseId)) return false;
    return removeAbandonedRegistration(this.deps.db, caseId, log);
  }

  /** False only when Temporal says the workflow does not exist; any other answer counts as maybe. */
  private async workflowMayExist(caseId: string): Promise<boolean> {
    try {
      await this.withTemporalDeadline(undefined, () => this.deps.temporal.workflow.getHandle(caseWorkflowId(caseId)).describe());
      return true;
    } catch (error) {
      return !(error instanceof WorkflowNotFoundError);
    }
  }

  /** Frees the ID number when the workflow certainly does not exist; a retry of the POST then starts over. */
  private async forgetIfNeverStarted(caseId: string, fingerprint: string, log: FastifyBaseLogger): Promise<void> {
    if (await this.workflowMayExist(caseId)) return;
    await forgetRegistration(this.deps.db, caseId, fingerprint).catch((cause: unknown) => log.warn({ caseId, err: cause }, 'could not forget registration'));
  }

  private async closedCaseView(caseId: string, principal: Principal): Promise<CaseView> {
    const state = await findCaseState(this.deps.db, caseId);
    if (!state) throw problems.unavailable(`case ${caseId} is registered but not projected yet; retry`);
    return this.withPerson(presentState(state, principal));
  }

  async transition<K extends TransitionKind>(kind: K, caseId: string, input: TransitionInput[K], principal: Principal, signal?: AbortSignal): Promise<CaseView> {
    await this.assertHospitalScope(caseId, principal);
    const handle = this.deps.temporal.workflow.getHandle(caseWorkflowId(caseId));
    const args: TransitionArgs<TransitionInput[K]> = { input, actor: actorOf(principal) };
    const update = UPDATES[kind] as UpdateDefinition<CaseView, [TransitionArgs<TransitionInput[K]>]>;
    const command = { action: kind, input } as CaseCommand;
    const onClosedCase = (state: CaseState, actor: Actor, now: string) => decide(state, command, actor, now);
    const updateId = transitionUpdateId(caseId, kind, input);
    return this.runUpdate(kind, caseId, principal, onClosedCase, signal, async () => this.newestOf(caseId, await handle.executeUpdate(update, { args: [args], updateId })));
  }

  /**
   * A deduplicated Update answers with the case as it was when the first one completed; the
   * projection already holds anything that happened since (every Update returns only after its
   * events are stored), so the caller still gets the current case.
   */
  private async newestOf(caseId: string, view: CaseView): Promise<CaseView> {
    const state = await findCaseState(this.deps.db, caseId);
    return state && Date.parse(state.updatedAt) > Date.parse(view.updatedAt) ? toCaseView(state) : view;
  }

  /**
   * A life event of the case's person, applied by the case's own rule (../domain/case-life-events.ts).
   * A case that closed meanwhile did nothing: its stage before and after are the same.
   */
  async applyLifeEvent(caseId: string, input: CaseLifeEventInput, principal: Principal, signal?: AbortSignal): Promise<LifeEventEffect> {
    const before = (await findCaseState(this.deps.db, caseId))?.stage;
    const handle = this.deps.temporal.workflow.getHandle(caseWorkflowId(caseId));
    const onClosedCase = (state: CaseState, actor: Actor, now: string) => decideLifeEvent(state, input, actor, now);
    try {
      const view = await this.runUpdate('applyLifeEvent', caseId, principal, onClosedCase, signal, () =>
        handle.executeUpdate(applyLifeEventUpdate, { args: [{ input, actor: actorOf(principal) }] }),
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
    const handle = this.deps.temporal.workflow.getHandle(caseWorkflowId(caseId));
    // A closed case waits on no payer: any proposal is refused by the stage.
    const onClosedCase = (state: CaseState): Decision => ({ kind: 'refuse', refusal: { kind: 'stage-conflict', currentStage: state.stage, detail: `the cascade is not waiting on ${payer}` } });
    const view = await this.runUpdate('proposeResolution', caseId, principal, onClosedCase, signal, () =>
      handle.executeUpdate(proposeResolutionUpdate, { args: [{ input, payer, actor: actorOf(principal) }] }),
    );
    const proposal = view.reimbursement?.proposals?.filter((candidate) => candidate.payer === payer && candidate.proposedBy === principal.sub).at(-1);
    if (!proposal) throw problems.unavailable('the proposal was recorded but cannot be read back; read the case');
    return { caseId, ...proposal };
  }

  /** A second administrator approves: answered once the payer's books have decided the claim. */
  async approveProposal(caseId: string, payer: Payer, proposalId: string, input: ProposalApprovalInput, principal: Principal, signal?: AbortSignal): Promise<CaseView> {
    const handle = this.deps.temporal.workflow.getHandle(caseWorkflowId(caseId));
    const onClosedCase = (state: CaseState, actor: Actor, now: string) => decideApproval(state, payer, proposalId, input, actor, now);
    return this.runUpdate('approveProposal', caseId, principal, onClosedCase, signal, () =>
      handle.executeUpdate(approveProposalUpdate, { args: [{ input, payer, proposalId, actor: actorOf(principal) }] }),
    );
  }

  async rejectProposal(caseId: string, payer: Payer, proposalId: string, input: ProposalRejectionInput, principal: Principal, signal?: AbortSignal): Promise<CaseView> {
    const handle = this.deps.temporal.workflow.getHandle(caseWorkflowId(caseId));
    const onClosedCase = (state: CaseState, actor: Actor, now: string) => decideProposalRejection(state, payer, proposalId, input, actor, now);
    return this.runUpdate('rejectProposal', caseId, principal, onClosedCase, signal, () =>
      handle.executeUpdate(rejectProposalUpdate, { args: [{ input, payer, proposalId, actor: actorOf(principal) }] }),
    );
  }

  private async runUpdate(
    name: string,
    caseId: string,
    principal: Principal,
    onClosedCase: (state: CaseState, actor: Actor, now: string) => Decision,
    signal: AbortSignal | undefined,
    call: () => Promise<CaseView>,
  ): Promise<CaseView> {
    try {
      return await this.withPerson(presentCase(await this.withTemporalDeadline(signal, call), principal));
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
  private async answerFromClosedCase(
    name: string,
    caseId: string,
    principal: Principal,
    onClosedCase: (state: CaseState, actor: Actor, now: string) => Decision,
  ): Promise<CaseView> {
    const state = await findCaseState(this.deps.db, caseId);
    if (!state || !mayAccess(principal, state.hospitalId)) throw problems.caseNotFound(caseId);
    const decision = onClosedCase(state, actorOf(principal), this.deps.clock().toISOString());
    if (decision.kind === 'replay') return this.withPerson(presentState(state, principal));
    const refusal: HttpProblem =
      decision.kind === 'refuse' ? problemOfRefusal(decision.refusal) : problems.stageConflict(state.stage, `the case is closed in stage ${state.stage}`);
    this.deps.metrics.updatesRefused.inc({ update: name, reason: refusal.slug });
    throw refusal;
  }

  private async assertHospitalScope(caseId: string, principal: Principal): Promise<void> {
    if (principal.role !== 'hospital') return;
    const hospitalId = await this.hospitalOf(caseId);
    if (hospitalId === undefined || !mayAccess(principal, hospitalId)) throw problems.caseNotFound(caseId);
  }

  /** The case's hospital, from the projection or, for a case not projected yet, from its workflow. */
  private async hospitalOf(caseId: string): Promise<string | undefined> {
    const known = this.hospitalOfCase.get(caseId);
    if (known !== undefined) return known;
    const hospitalId = (await findCaseHospitalId(this.deps.db, caseId)) ?? (await this.viewOfUnprojectedCase(caseId))?.hospitalId;
    if (hospitalId === undefined) return undefined;
    if (this.hospitalOfCase.size >= HOSPITAL_OF_CASE_ENTRIES) this.hospitalOfCase.delete(this.hospitalOfCase.keys().next().value!);
    this.hospitalOfCase.set(caseId, hospitalId);
    return hospitalId;
  }

  /** Runs a Temporal call bounded by the update timeout and by the caller going away. */
  private withTemporalDeadline<T>(signal: AbortSignal | undefined, call: () => Promise<T>): Promise<T> {
    const timeout = AbortSignal.timeout(this.deps.updateTimeoutMs);
    const deadline = signal ? AbortSignal.any([signal, timeout]) : timeout;
    // The client listens for an abort to come: one that already happened would leave the call unbounded.
    if (deadline.aborted) return Promise.reject(deadline.reason as Error);
    return this.deps.temporal.withAbortSignal(deadline, call);
  }

  async getCase(caseId: string, principal: Principal): Promise<CaseView> {
    const state = await findCaseState(this.deps.db, caseId);
    if (state) {
      if (!mayAccess(principal, state.hospitalId)) throw problems.caseNotFound(caseId);
      return this.withPerson(await this.present(state, principal));
    }
    const view = await this.viewOfUnprojectedCase(caseId);
    if (!view || !mayAccess(principal, view.hospitalId)) throw problems.caseNotFound(caseId);
    return this.withPerson(presentCase(view, principal));
  }

  /**
   * A roster row's case is started before its first event is stored: until the projection has
   * it, the workflow answers. Only registered ids are asked for, so an unknown id costs no call.
   */
  private async viewOfUnprojectedCase(caseId: string): Promise<CaseView | undefined> {
    if (!(await isRegistered(this.deps.db, caseId))) return undefined;
    try {
      return await this.withTemporalDeadline(undefined, () => this.deps.temporal.workflow.getHandle(caseWorkflowId(caseId)).query(getCaseQuery));
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw problems.unavailable(`case ${caseId} is being opened and cannot be read yet; retry in a moment`);
    }
  }

  async listEvents(caseId: string, principal: Principal): Promise<EventView[]> {
    const hospitalId = await this.hospitalOf(caseId);
    if (hospitalId === undefined || !mayAccess(principal, hospitalId)) throw problems.caseNotFound(caseId);
    const events = await listCaseEvents(this.deps.db, caseId);
    return events.map((event) => presentEvent(event, principal));
  }

  async listCases(query: CaseListQuery, principal: Principal): Promise<{ items: CaseView[]; nextCursor: string | null }> {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (query.cursor !== undefined && !after) throw problems.validation([{ path: 'query.cursor', message: 'is not a cursor this API returned' }]);
    const filter: CaseListFilter = { stage: query.stage, town: query.town, hospitalId: query.hospitalId, overdue: query.overdue };
    if (principal.role === 'hospital') {
      // A hospital lists its own cases only; asking for another hospital's finds nothing.
      if (filter.hospitalId !== undefined && filter.hospitalId !== principal.hospitalId) return { items: [], nextCursor: null };
      filter.hospitalId = principal.hospitalId!;
    }
    const page = await listCases(this.deps.db, filter, query.limit, after);
    const failures = await claimFailures(
      this.deps.db,
      page.states.filter((state) => state.stage === 'REIMBURSING').map((state) => state.caseId),
    );
    const personIds = await personIdsOfCases(this.deps.db, page.states.map((state) => state.caseId));
    return {
      items: page.states.map((state) => withPersonId(presentState(state, principal, failures.get(state.caseId)), personIds.get(state.caseId))),
      nextCursor: page.next ? encodeCursor(page.next) : null,
    };
  }

  /**
   * The workflow does not know the person (its input and histories predate the registry): the
   * link comes from the registry. A case not linked (opened before the registry and not backfilled) has none.
   */
  private async withPerson(view: CaseView): Promise<CaseView> {
    const personIds = await personIdsOfCases(this.deps.db, [view.caseId]);
    return withPersonId(view, personIds.get(view.caseId));
  }

  private async present(state: CaseState, principal: Principal): Promise<CaseView> {
    const failures = state.stage === 'REIMBURSING' ? await claimFailures(this.deps.db, [state.caseId]) : new Map();
    return presentState(state, principal, failures.get(state.caseId));
  }
}

function withPersonId(view: CaseView, personId: string | undefined): CaseView {
  return personId === undefined ? view : { ...view, personId };
}
