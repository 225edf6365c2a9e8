/**
 * What the pairing routes do, without HTTP: create (the registry's checks, then update-with-start
 * of the pairing's workflow), act on a pairing with an Update, read it from the read model.
 *
 * An official reaches only their own pairings: every read and write checks the read model's
 * official first (another official's pairing is 404, as if it did not exist), and the workflow
 * checks again against its state. Free text is kept in PostgreSQL before the Update, which carries
 * only its id.
 */
import { randomBytes } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../../config/config';
import { isIdNumber } from '../../../domain/id-number';
import type { Principal } from '../../../http/auth/tokens';
import type { ApiMetrics } from '../../../http/plugins/metrics';
import { HttpProblem, problems } from '../../../http/problems';
import { transitionUpdateId } from '../../../http/update-id';
import { findPersonById, findPersonsByIds, type PersonRow } from '../../../store/persons';
import type { Database } from '../../../store/schema';
import {
  actionFingerprint,
  CREATION_KEY,
  dayOfInstant,
  decidePairing,
  isOwnPairing,
  pairingIdempotencyKey,
  type ContactInput,
  type CreatePairingInput,
  type MatterInput,
  type NeedInput,
  type PairingActor,
  type PairingCommand,
  type PairingState,
  type ReassignInput,
  type ReferralInput,
} from '../domain/index';
import { listPairingEvents } from '../store/pairing-events';
import { keepPairingNote, pairingNotes } from '../store/pairing-notes';
import { decodePairingCursor, encodePairingCursor, listPairingPage, openPairingOfPerson, readPairingState, townOfPairing } from '../store/pairings';
import { assertMayOpenInTown, reachesTown, townFilterOf } from '../../../http/auth/town-scope';
import {
  contactUpdate,
  createPairingUpdate,
  matterUpdate,
  needUpdate,
  PAIRING_WORKFLOW_TYPE,
  pairingOpeningSearchAttributes,
  pairingWorkflowId,
  reassignUpdate,
  referralUpdate,
  type PairingUpdateArgs,
  type PairingUpdateResult,
  type PairingWorkflowInput,
} from '../workflow/definitions';
import { pairingRefusalOfFailure, problemOfPairingRefusal } from './pairing-problems';
import { presentPairing, presentPairingEvent, type PairedPerson } from './pairing-views';
import type { ContactBody, MatterBody, NeedBody, NewPairingBody, PairingEventView, PairingListQuery, PairingView, ReassignBody, ReferralBody } from './schemas';

export interface PairingServiceDeps {
  config: Config;
  db: Kysely<Database>;
  temporal: Client;
  metrics: ApiMetrics;
  updateTimeoutMs: number;
  clock: () => Date;
  /** Opens (or finds open) the application a referral asks for, in the program it names. */
  referrer?: PairingReferrer;
}

/** How a referral reaches another program; the app provides it, as a program imports no other. */
export interface PairingReferrer {
  refer(request: { program: ReferralBody['program']; personId: string; pairingId: string; referralId: string; body: ReferralBody; referredBy: Principal }, signal?: AbortSignal): Promise<{ id: string; created: boolean }>;
}

function newId(prefix: string, now: Date): string {
  return `${prefix}-${dayOfInstant(now.toISOString()).replaceAll('-', '')}-${randomBytes(5).toString('hex').toUpperCase()}`;
}

/** Who acts, as the pairing records it: the token's subject, never a name the client sends. */
export function pairingActorOf(principal: Principal): PairingActor {
  if (principal.role !== 'officer' && principal.role !== 'admin' && principal.role !== 'official') {
    throw problems.forbidden(`the ${principal.role} role may not do this; allowed: officer, admin, official`);
  }
  return { role: principal.role, sub: principal.sub };
}

function pairedPerson(row: PersonRow | undefined, state: PairingState): PairedPerson {
  if (!row) throw new Error(`pairing ${state.pairingId} names person ${state.personId}, who is not in the registry`);
  return { name: row.name, town: row.town };
}

type Acted = { update: UpdateDefinition<PairingUpdateResult, [PairingUpdateArgs<never>]>; command: PairingCommand };

export class PairingService {
  constructor(private readonly deps: PairingServiceDeps) {}

  async create(body: NewPairingBody, principal: Principal, log: FastifyBaseLogger, signal?: AbortSignal): Promise<{ created: boolean; view: PairingView }> {
    const { db, metrics, config } = this.deps;
    const now = this.deps.clock();
    const issues = [];
    if (body.pairingId && isIdNumber(body.pairingId)) issues.push({ path: 'pairingId', message: 'must not be a resident ID number (pairing ids appear in logs and URLs)' });
    const person = await findPersonById(db, body.personId);
    if (!person) issues.push({ path: 'personId', message: 'is not a person in the registry' });
    if (issues.length > 0 || !person) throw problems.validation(issues);
    assertMayOpenInTown(principal, person.town, 'a pairing');

    const pairingId = body.pairingId ?? newId('PR', now);
    const input: CreatePairingInput = { pairingId, personId: body.personId, category: body.category, official: body.official };
    const existing = await readPairingState(db, pairingId);
    if (!existing) {
      if (person.status !== 'ACTIVE') {
        metrics.updatesRefused.inc({ update: 'createPairing', reason: 'person-inactive' });
        throw problems.personInactive(person.person_id, person.status);
      }
      const open = await openPairingOfPerson(db, body.personId);
      if (open !== undefined && open !== pairingId) {
        metrics.updatesRefused.inc({ update: 'createPairing', reason: 'duplicate-pairing' });
        throw problems.duplicatePairing(open);
      }
    }
    const args: PairingUpdateArgs<CreatePairingInput> = { input, actor: pairingActorOf(principal) };
    const workflowInput: PairingWorkflowInput = { pairingId, creation: args, cadence: config.pairing.cadence };
    const startWorkflowOperation = new WithStartWorkflowOperation(PAIRING_WORKFLOW_TYPE, {
      workflowId: pairingWorkflowId(pairingId),
      taskQueue: config.temporal.taskQueue,
      args: [workflowInput],
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      typedSearchAttributes: pairingOpeningSearchAttributes(person.town, now),
    });
    try {
      await this.withTemporalDeadline(signal, () =>
        this.deps.temporal.workflow.executeUpdateWithStart(createPairingUpdate, { args: [args], startWorkflowOperation, updateId: transitionUpdateId(pairingId, CREATION_KEY, input) }),
      );
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return { created: false, view: await this.answerClosedCreation(input, principal) };
      throw await this.problemOf(error, 'createPairing', body.personId);
    }
    if (!existing) {
      metrics.workflowsStarted.inc({ source: 'api' });
      log.info({ pairingId }, 'pairing created');
    }
    return { created: !existing, view: await this.get(pairingId, principal) };
  }

  /** The pairing's workflow has ended (closed, or the creation refused): the same creation is answered, any other refused. */
  private async answerClosedCreation(input: CreatePairingInput, principal: Principal): Promise<PairingView> {
    const state = await readPairingState(this.deps.db, input.pairingId);
    if (state && state.applied[CREATION_KEY] === actionFingerprint(input)) return this.present(state, principal);
    throw problems.idempotencyConflict(
      state ? `pairing ${input.pairingId} already exists with a different body` : `pairing id ${input.pairingId} was used by a request that was refused; use another id`,
    );
  }

  reassign(pairingId: string, body: ReassignBody, principal: Principal, signal?: AbortSignal): Promise<PairingView> {
    const input: ReassignInput = { official: body.official, reason: body.reason };
    return this.act(pairingId, principal, signal, () => ({ update: reassignUpdate as Acted['update'], command: { action: 'reassign', input } }));
  }

  contact(pairingId: string, body: ContactBody, principal: Principal, signal?: AbortSignal): Promise<PairingView> {
    const eventId = body.eventId ?? newId('CT', this.deps.clock());
    this.refuseFuture('on', body.on);
    const input: ContactInput = { eventId, kind: body.kind, on: body.on, noteId: `contact-${eventId}` };
    return this.act(pairingId, principal, signal, () => ({ update: contactUpdate as Acted['update'], command: { action: 'contact', input } }), { noteId: input.noteId, text: body.notes });
  }

  need(pairingId: string, body: NeedBody, principal: Principal, signal?: AbortSignal): Promise<PairingView> {
    const eventId = body.eventId ?? newId('ND', this.deps.clock());
    const input: NeedInput = { eventId, noteId: `need-${eventId}` };
    return this.act(pairingId, principal, signal, () => ({ update: needUpdate as Acted['update'], command: { action: 'need', input } }), { noteId: input.noteId, text: body.description });
  }

  matter(pairingId: string, body: MatterBody, principal: Principal, signal?: AbortSignal): Promise<PairingView> {
    const matterId = body.matterId ?? newId('MT', this.deps.clock());
    this.refuseFuture('doneOn', body.doneOn);
    const input: MatterInput = { matterId, noteId: `matter-${matterId}`, valueFen: body.valueFen, fundedBy: body.fundedBy, doneOn: body.doneOn };
    return this.act(pairingId, principal, signal, () => ({ update: matterUpdate as Acted['update'], command: { action: 'matter', input } }), { noteId: input.noteId, text: body.description });
  }

  /**
   * A referral: the other program opens an application for the person (or names the one already
   * open), then the pairing records it. The same eventId again answers with what was recorded.
   */
  async referral(pairingId: string, body: ReferralBody, principal: Principal, signal?: AbortSignal): Promise<{ program: ReferralBody['program']; id: string; created: boolean }> {
    const { referrer } = this.deps;
    if (!referrer) throw problems.unprocessable('referrals are not available on this server');
    const state = await this.ownState(pairingId, principal);
    if (state.stage === 'CLOSED') throw problems.stageConflict(state.stage, 'referral needs stage ACTIVE; the pairing is in CLOSED');
    const eventId = body.eventId ?? newId('RF', this.deps.clock());
    const key = pairingIdempotencyKey({ action: 'referral', input: { eventId, program: body.program, itemId: '', created: false } })!;
    if (state.applied[key] !== undefined) {
      const recorded = (await listPairingEvents(this.deps.db, pairingId)).find((event) => event.type === 'ReferralMade' && event.data.eventId === eventId);
      if (recorded?.type === 'ReferralMade' && recorded.data.program === body.program) return { program: body.program, id: recorded.data.itemId, created: recorded.data.created };
      throw problems.idempotencyConflict(`referral ${eventId} was already recorded on this pairing with a different body`);
    }
    const opened = await referrer.refer({ program: body.program, personId: state.personId, pairingId, referralId: eventId, body, referredBy: principal }, signal);
    const input: ReferralInput = { eventId, program: body.program, itemId: opened.id, created: opened.created };
    await this.act(pairingId, principal, signal, () => ({ update: referralUpdate as Acted['update'], command: { action: 'referral', input } }), { noteId: `referral-${eventId}`, text: body.notes });
    return { program: body.program, id: opened.id, created: opened.created };
  }

  private refuseFuture(field: string, day: string): void {
    if (day > dayOfInstant(this.deps.clock().toISOString())) throw problems.validation([{ path: field, message: 'must not be after today (Asia/Shanghai)' }]);
  }

  /** The pairing, if the principal may see it: an official another's pairing is not found. */
  private async ownState(pairingId: string, principal: Principal): Promise<PairingState> {
    const state = await readPairingState(this.deps.db, pairingId);
    if (!state || !isOwnPairing(state, pairingActorOf(principal))) throw problems.notFound(`no pairing ${pairingId}`);
    // A town clerk's account reaches its own town's pairings; another town's is not found either.
    if (principal.town !== undefined && !reachesTown(principal, (await townOfPairing(this.deps.db, pairingId)) ?? '')) throw problems.notFound(`no pairing ${pairingId}`);
    return state;
  }

  private async act(pairingId: string, principal: Principal, signal: AbortSignal | undefined, build: () => Acted, note?: { noteId: string; text: string }): Promise<PairingView> {
    const state = await this.ownState(pairingId, principal);
    const actor = pairingActorOf(principal);
    const { update, command } = build();
    // Refused on the stored state before any text is kept (a closed pairing, a conflicting repeat).
    const early = decidePairing(state, command, actor, this.deps.clock().toISOString());
    if (early.kind === 'refuse') {
      const problem = problemOfPairingRefusal(early.refusal);
      this.deps.metrics.updatesRefused.inc({ update: command.action, reason: problem.slug });
      throw problem;
    }
    if (note) {
      const kept = await keepPairingNote(this.deps.db, pairingId, note.noteId, note.text);
      if (kept !== note.text) throw problems.idempotencyConflict(`${command.action} ${note.noteId.slice(note.noteId.indexOf('-') + 1)} was already recorded on this pairing with a different body`);
    }
    const input = (command as { input?: unknown }).input;
    const key = pairingIdempotencyKey(command) ?? `${command.action}@${state.seq}`;
    const handle: WorkflowHandle = this.deps.temporal.workflow.getHandle(pairingWorkflowId(pairingId));
    try {
      await this.withTemporalDeadline(signal, () => handle.executeUpdate(update, { args: [{ input: input as never, actor }], updateId: transitionUpdateId(pairingId, key, input) }));
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return this.answerFromClosedPairing(pairingId, command, actor, principal);
      throw await this.problemOf(error, command.action);
    }
    return this.get(pairingId, principal);
  }

  /** The workflow is gone: the pairing has closed. A repeat of what was done is answered; anything else refused. */
  private async answerFromClosedPairing(pairingId: string, command: PairingCommand, actor: PairingActor, principal: Principal): Promise<PairingView> {
    const state = await readPairingState(this.deps.db, pairingId);
    if (!state) throw problems.notFound(`no pairing ${pairingId}`);
    const decision = decidePairing(state, command, actor, this.deps.clock().toISOString());
    if (decision.kind === 'replay') return this.present(state, principal);
    const refusal = decision.kind === 'refuse' ? problemOfPairingRefusal(decision.refusal) : problems.stageConflict(state.stage, `${command.action} needs stage ACTIVE; the pairing is in ${state.stage}`);
    this.deps.metrics.updatesRefused.inc({ update: command.action, reason: refusal.slug });
    throw refusal;
  }

  private async problemOf(error: unknown, update: string, personId?: string): Promise<unknown> {
    const refusal = pairingRefusalOfFailure(error);
    if (!refusal) return error;
    const existing = refusal.kind === 'duplicate-pairing' && personId ? await openPairingOfPerson(this.deps.db, personId) : undefined;
    const problem: HttpProblem = problemOfPairingRefusal(refusal, existing);
    this.deps.metrics.updatesRefused.inc({ update, reason: problem.slug });
    return problem;
  }

  private withTemporalDeadline<T>(signal: AbortSignal | undefined, call: () => Promise<T>): Promise<T> {
    const timeout = AbortSignal.timeout(this.deps.updateTimeoutMs);
    const deadline = signal ? AbortSignal.any([signal, timeout]) : timeout;
    if (deadline.aborted) return Promise.reject(deadline.reason as Error);
    return this.deps.temporal.withAbortSignal(deadline, call);
  }

  async get(pairingId: string, principal: Principal): Promise<PairingView> {
    return this.present(await this.ownState(pairingId, principal), principal);
  }

  private async present(state: PairingState, _principal: Principal): Promise<PairingView> {
    return presentPairing(state, pairedPerson(await findPersonById(this.deps.db, state.personId), state), this.deps.clock());
  }

  async listEvents(pairingId: string, principal: Principal): Promise<PairingEventView[]> {
    await this.ownState(pairingId, principal);
    const [events, notes] = await Promise.all([listPairingEvents(this.deps.db, pairingId), pairingNotes(this.deps.db, pairingId)]);
    return events.map((event) => presentPairingEvent(event, notes));
  }

  async list(query: PairingListQuery, principal: Principal): Promise<{ items: PairingView[]; nextCursor: string | null }> {
    const after = query.cursor === undefined ? undefined : decodePairingCursor(query.cursor);
    if (query.cursor !== undefined && !after) throw problems.validation([{ path: 'query.cursor', message: 'is not a cursor this API returned' }]);
    // An official sees only their own: asking for another's pairings finds none.
    if (principal.role === 'official' && query.official !== undefined && query.official !== principal.sub) return { items: [], nextCursor: null };
    const officialSub = principal.role === 'official' ? principal.sub : query.official;
    const town = townFilterOf(principal, query.town);
    if (town === null) return { items: [], nextCursor: null };
    const page = await listPairingPage(this.deps.db, { officialSub, town, overdue: query.overdue }, query.limit, after);
    const persons = await findPersonsByIds(this.deps.db, page.items.map((item) => item.state.personId));
    const now = this.deps.clock();
    return {
      items: page.items.map((item) => presentPairing(item.state, pairedPerson(persons.get(item.state.personId), item.state), now)),
      nextCursor: page.next ? encodePairingCursor(page.next) : null,
    };
  }
}
