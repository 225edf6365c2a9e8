/**
 * Opening a case: the registration constraint (one open case per ID number, a case id reused only
 * for the same body), the link to its person, then the workflow's start — with an Update that
 * answers once the case is stored (`openCase`), or a plain start for a roster row (`startCase`).
 */
import { randomBytes } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type WorkflowStartOptions } from '@temporalio/client';
import type { FastifyBaseLogger } from 'fastify';
import { canonicalJson } from '../../../domain/canonical-json';
import { isIdNumber } from '../../../domain/id-number';
import type { FieldIssue } from '../../../domain/fields';
import { caseWorkflowId } from '../domain/ids';
import { newCaseContextIssues, type CaseView, type NewCaseInput } from '../domain/schemas';
import { caseOpenedUpdate, CASE_WORKFLOW_TYPE, openingSearchAttributes, type AssistanceCaseInput } from '../workflow/definitions';
import { forgetRegistration, registerCase } from '../store/registrations';
import { linkCase } from '../store/person-cases';
import type { Principal } from '../../../http/auth/tokens';
import { assertMayOpenInTown } from '../../../http/auth/town-scope';
import { problems } from '../../../http/problems';
import type { Limited } from '../../../http/concurrency-limit';
import { removeAbandonedRegistration } from './abandoned-registration';
import { actorOf } from './case-actor';
import type { CaseReads } from './case-reads';
import type { CaseServiceDeps } from './case-service-deps';
import { presentCase } from './case-views';
import { withTemporalDeadline } from './temporal-deadline';

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

function newCaseId(now: Date): string {
  return `LZ-${openingDay(now).replaceAll('-', '')}-${randomBytes(5).toString('hex').toUpperCase()}`;
}

export class CaseOpening {
  private readonly hospitalIds: ReadonlySet<string>;

  constructor(
    private readonly deps: CaseServiceDeps,
    private readonly reads: CaseReads,
  ) {
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
    if (opening.kind === 'closed') return { created: false, view: await this.reads.closedCaseView(opening.caseId, principal) };
    const startWorkflowOperation = new WithStartWorkflowOperation(CASE_WORKFLOW_TYPE, opening.start);
    const payload = await this.starting(opening, log, 'api', () =>
      this.withDeadline(signal, () => this.deps.temporal.workflow.executeUpdateWithStart(caseOpenedUpdate, { startWorkflowOperation })),
    );
    return {
      created: opening.created,
      view: payload ? { ...presentCase(payload, principal), personId: opening.personId } : await this.reads.closedCaseView(opening.caseId, principal),
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
      this.starting(opening, log, 'import', () => this.withDeadline(signal, () => this.deps.temporal.workflow.start(CASE_WORKFLOW_TYPE, opening.start))),
    );
    return { caseId: opening.caseId, created: opening.created };
  }

  /** The registration constraint (one open case per ID number, a case id reused only for the same body), then what to start. */
  private async register(input: NewCaseInput, principal: Principal, log: FastifyBaseLogger): Promise<Opening> {
    const issues = this.contextIssues(input);
    if (issues.length > 0) throw problems.validation(issues);
    assertMayOpenInTown(principal, input.applicant.town, 'a case');
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
      await this.withDeadline(undefined, () => this.deps.temporal.workflow.getHandle(caseWorkflowId(caseId)).describe());
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

  private withDeadline<T>(signal: AbortSignal | undefined, call: () => Promise<T>): Promise<T> {
    return withTemporalDeadline(this.deps.temporal, this.deps.updateTimeoutMs, signal, call);
  }
}
