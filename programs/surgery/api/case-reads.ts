/**
 * Reading cases: from the projection, or from the workflow for a case started and not projected
 * yet; with the case's person from the registry, and as the caller may see it. Also the case →
 * hospital-and-town cache the scope check reads before every hospital or town clerk's transition.
 */
import { WorkflowNotFoundError } from '@temporalio/client';
import type { CaseState } from '../domain/case-state';
import { caseWorkflowId } from '../domain/ids';
import type { CaseView } from '../domain/schemas';
import { getCaseQuery, policyShareQuery, type CasePayload } from '../workflow/definitions';
import type { Payer } from '../domain/stages';
import { listCaseEvents } from '../store/case-events';
import { claimFailures, decodeCursor, encodeCursor, findCaseScope, findCaseState, listCases, type CaseListFilter } from '../store/cases';
import { isRegistered } from '../store/registrations';
import { displayNamesOf } from '../../../store/users';
import { personIdsOfCases } from '../store/person-cases';
import type { Principal } from '../../../http/auth/tokens';
import { problems } from '../../../http/problems';
import type { CaseListQuery } from './route-schemas';
import type { CaseServiceDeps } from './case-service-deps';
import { mayAccess, presentCase, presentEvent, scopeOfCase, type CaseScope, type EventView } from './case-views';
import { townFilterOf } from '../../../http/auth/town-scope';
import { withTemporalDeadline } from './temporal-deadline';

/**
 * Case → hospital and town (the scope check), case → person (every answer names the person): none
 * of them ever changes for a case, so entries never go stale.
 */
const ENTRIES_PER_CACHE = 50_000;

/** Bounded: past the limit, the oldest entry goes first. */
function remember<V>(cache: Map<string, V>, caseId: string, value: V): void {
  if (cache.size >= ENTRIES_PER_CACHE) cache.delete(cache.keys().next().value!);
  cache.set(caseId, value);
}

export class CaseReads {
  /** Saves a query before every hospital or town clerk's transition. */
  private readonly scopeOfCase = new Map<string, CaseScope>();
  /** Saves a query after every transition (the answer names the case's person). */
  private readonly personOfCase = new Map<string, string>();

  constructor(private readonly deps: CaseServiceDeps) {}

  async getCase(caseId: string, principal: Principal): Promise<CaseView> {
    const state = await findCaseState(this.deps.db, caseId);
    if (state) {
      if (!mayAccess(principal, scopeOfCase(state))) throw problems.caseNotFound(caseId);
      return this.withPerson(await this.present(state, principal));
    }
    const payload = await this.payloadOfUnprojectedCase(caseId);
    if (!payload || !mayAccess(principal, scopeOfCase(payload))) throw problems.caseNotFound(caseId);
    return this.withPerson(presentCase(payload, principal));
  }

  async listEvents(caseId: string, principal: Principal): Promise<EventView[]> {
    const scope = await this.scopeOf(caseId);
    if (scope === undefined || !mayAccess(principal, scope)) throw problems.caseNotFound(caseId);
    const events = await listCaseEvents(this.deps.db, caseId);
    const displayNames = await displayNamesOf(this.deps.db, events.map((event) => event.actor.sub));
    return events.map((event) => presentEvent(event, principal, displayNames));
  }

  async listCases(query: CaseListQuery, principal: Principal): Promise<{ items: CaseView[]; nextCursor: string | null }> {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (query.cursor !== undefined && !after) throw problems.validation([{ path: 'query.cursor', message: 'is not a cursor this API returned' }]);
    const filter: CaseListFilter = { q: query.q, stage: query.stage, town: query.town, hospitalId: query.hospitalId, overdue: query.overdue };
    if (principal.role === 'hospital') {
      // A hospital lists its own cases only; asking for another hospital's finds nothing.
      if (filter.hospitalId !== undefined && filter.hospitalId !== principal.hospitalId) return { items: [], nextCursor: null };
      filter.hospitalId = principal.hospitalId!;
    }
    // A town clerk lists the town's cases only; asking for another town finds nothing.
    const town = townFilterOf(principal, filter.town);
    if (town === null) return { items: [], nextCursor: null };
    filter.town = town;
    const page = await listCases(this.deps.db, filter, query.limit, after);
    const failures = await claimFailures(
      this.deps.db,
      page.states.filter((state) => state.stage === 'REIMBURSING').map((state) => state.caseId),
    );
    const personIds = await personIdsOfCases(this.deps.db, page.states.map((state) => state.caseId));
    return {
      items: page.states.map((state) => withPersonId(presentCase(state, principal, failures.get(state.caseId)), personIds.get(state.caseId))),
      nextCursor: page.next ? encodeCursor(page.next) : null,
    };
  }

  /**
   * What the pinned policy pays `payer` here and what is still owed before it, asked of the case's
   * workflow (it holds the policy the case was settled under). 409 while the cascade waits on
   * another payer or none.
   */
  async policyShare(caseId: string, payer: Payer, principal: Principal): Promise<{ caseId: string; payer: Payer; policyAmountFen: number; owedFen: number }> {
    const view = await this.getCase(caseId, principal);
    const waiting = view.stage === 'REIMBURSING' ? view.reimbursement?.claims.find((claim) => claim.status !== 'PAID' && claim.status !== 'REJECTED') : undefined;
    if (waiting?.payer !== payer) throw problems.stageConflict(view.stage, `the cascade is not waiting on ${payer}`);
    let share: { policyAmountFen: number; owedFen: number } | null;
    try {
      share = await withTemporalDeadline(this.deps.temporal, this.deps.updateTimeoutMs, undefined, () =>
        this.deps.temporal.workflow.getHandle(caseWorkflowId(caseId)).query(policyShareQuery, payer),
      );
    } catch {
      throw problems.unavailable(`the policy's share for case ${caseId} cannot be computed just now; retry in a moment`);
    }
    if (!share) throw problems.stageConflict(view.stage, 'the case has no policy pinned yet');
    return { caseId, payer, ...share };
  }

  /** A case whose workflow has closed, answered from the projection. */
  async closedCaseView(caseId: string, principal: Principal): Promise<CaseView> {
    const state = await findCaseState(this.deps.db, caseId);
    if (!state) throw problems.unavailable(`case ${caseId} is registered but not projected yet; retry`);
    return this.withPerson(presentCase(state, principal));
  }

  /** The case's hospital and town, from the projection or, for a case not projected yet, from its workflow. */
  async scopeOf(caseId: string): Promise<CaseScope | undefined> {
    const known = this.scopeOfCase.get(caseId);
    if (known !== undefined) return known;
    const payload = (await findCaseScope(this.deps.db, caseId)) ?? (await this.payloadOfUnprojectedCase(caseId));
    if (payload === undefined) return undefined;
    const scope = 'applicant' in payload ? scopeOfCase(payload) : payload;
    remember(this.scopeOfCase, caseId, scope);
    return scope;
  }

  /**
   * The workflow does not know the person (its input and histories predate the registry): the
   * link comes from the registry. A case not linked (opened before the registry and not backfilled) has none.
   */
  async withPerson(view: CaseView): Promise<CaseView> {
    let personId = this.personOfCase.get(view.caseId);
    if (personId === undefined) {
      personId = (await personIdsOfCases(this.deps.db, [view.caseId])).get(view.caseId);
      // A link is written once and never changed; a case not linked yet is asked again next time.
      if (personId !== undefined) remember(this.personOfCase, view.caseId, personId);
    }
    return withPersonId(view, personId);
  }

  /**
   * A roster row's case is started before its first event is stored: until the projection has
   * it, the workflow answers. Only registered ids are asked for, so an unknown id costs no call.
   */
  private async payloadOfUnprojectedCase(caseId: string): Promise<CasePayload | undefined> {
    if (!(await isRegistered(this.deps.db, caseId))) return undefined;
    try {
      return await withTemporalDeadline(this.deps.temporal, this.deps.updateTimeoutMs, undefined, () =>
        this.deps.temporal.workflow.getHandle(caseWorkflowId(caseId)).query(getCaseQuery),
      );
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return undefined;
      throw problems.unavailable(`case ${caseId} is being opened and cannot be read yet; retry in a moment`);
    }
  }

  private async present(state: CaseState, principal: Principal): Promise<CaseView> {
    const failures = state.stage === 'REIMBURSING' ? await claimFailures(this.deps.db, [state.caseId]) : new Map();
    return presentCase(state, principal, failures.get(state.caseId));
  }
}

function withPersonId(view: CaseView, personId: string | undefined): CaseView {
  return personId === undefined ? view : { ...view, personId };
}
