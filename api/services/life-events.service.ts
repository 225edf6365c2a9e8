/**
 * `POST /v1/persons/{personId}/life-events`: the event is recorded on the person (status, details)
 * and then delivered to every open case and enrolment of the person, in every program of the
 * catalogue, each applying its own program's rule; the answer lists what it did to each and comes
 * only once all have applied it. A retry with the same eventId answers what the first complete
 * delivery answered; if that answer was never kept (the API died half-way), the new event goes to
 * the open items that have not received it yet, and those that have answer from their stored
 * events, even those the event closed.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { canonicalJson } from '../../domain/canonical-json';
import { isIdNumber } from '../../domain/id-number';
import type { CaseLifeEventInput, LifeEventEffect, NewLifeEventInput } from '../../domain/life-events';
import type { LifeEventResult } from '../../domain/persons';
import type { Database } from '../../store/schema';
import type { Principal } from '../../http/auth/tokens';
import type { ApiMetrics } from '../../http/plugins/metrics';
import { problems } from '../../http/problems';
import { findPersonById, recordLifeEvent, saveLifeEventEffects } from '../../store/persons';
import { reachesTown } from '../../http/auth/town-scope';
import type { ConnectedPrograms } from '../../programs/connected-programs';
import { presentPerson } from './person-views';

export interface LifeEventServiceDeps {
  db: Kysely<Database>;
  programs: ConnectedPrograms;
  metrics: ApiMetrics;
}

function newEventId(): string {
  return `LE-${randomBytes(6).toString('hex').toUpperCase()}`;
}

export class LifeEventService {
  constructor(private readonly deps: LifeEventServiceDeps) {}

  async apply(personId: string, body: NewLifeEventInput, principal: Principal, signal?: AbortSignal): Promise<LifeEventResult> {
    if (body.eventId && isIdNumber(body.eventId)) {
      throw problems.validation([{ path: 'eventId', message: 'must not be a resident ID number (event ids appear in logs)' }]);
    }
    if (principal.town !== undefined) {
      // A town clerk records the life events of the town's persons only; another town's is not found.
      const person = await findPersonById(this.deps.db, personId);
      if (person && !reachesTown(principal, person.town)) throw problems.notFound(`no person ${personId}`);
    }
    const input: CaseLifeEventInput = { ...body, eventId: body.eventId ?? newEventId() };
    const { eventId: _eventId, ...fingerprinted } = input;
    const fingerprint = canonicalJson({ personId, ...fingerprinted });
    const outcome = await recordLifeEvent(this.deps.db, personId, input, fingerprint, principal.sub);
    switch (outcome.kind) {
      case 'no-person':
        throw problems.notFound(`no person ${personId}`);
      case 'person-inactive':
        this.deps.metrics.updatesRefused.inc({ update: 'lifeEvent', reason: 'person-inactive' });
        throw problems.personInactive(personId, outcome.person.status);
      case 'existing':
        if (outcome.event.fingerprint !== fingerprint) {
          this.deps.metrics.updatesRefused.inc({ update: 'lifeEvent', reason: 'idempotency-conflict' });
          throw problems.idempotencyConflict(`life event ${input.eventId} was already recorded with a different body`);
        }
        break;
      case 'recorded':
        break;
    }
    // Delivered again on a retry: a delivery cut short (the API died, a worker was down) finishes now.
    const effects = await this.deps.programs.applyLifeEvent(personId, input, principal, signal);
    const stored = outcome.kind === 'existing' ? (outcome.event.effects as LifeEventEffect[] | null) : null;
    if (stored === null) await saveLifeEventEffects(this.deps.db, input.eventId, effects);
    return { person: presentPerson(outcome.person, principal), effects: stored ?? effects };
  }
}
