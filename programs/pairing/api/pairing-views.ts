/**
 * Pairings as the API shows them: explicit mappers from the state the workflow folds (and the read
 * model stores) to the view clients read, and from a stored event to the timeline's entry, with
 * the free text put back from where it is kept.
 */
import { dayOfInstant, overdueReason, visitsInLastYear, type PairingEvent, type PairingState } from '../domain/index';
import type { PairingEventView, PairingView } from './schemas';

export interface PairedPerson {
  name: string;
  town: string;
}

export function presentPairing(state: PairingState, person: PairedPerson, now: Date): PairingView {
  const { visits, asked } = visitsInLastYear(state, dayOfInstant(now.toISOString()));
  return {
    pairingId: state.pairingId,
    personId: state.personId,
    person: { name: person.name, town: person.town },
    category: state.category,
    stage: state.stage,
    official: { ...state.official },
    overdue: state.overdue,
    dueAt: state.dueAt,
    overdueReason: state.overdue ? overdueReason(state) : null,
    lastContactOn: state.lastContactOn,
    contacts: state.contacts,
    visits: state.visits,
    visitsLastYear: visits,
    visitsPerYear: asked,
    needs: state.needs,
    matters: state.matters,
    mattersValueFen: state.mattersValueFen,
    mattersValueFenByFunder: { ...state.mattersValueFenByFunder },
    referrals: state.referrals.map((referral) => ({ program: referral.program, id: referral.itemId, created: referral.created })),
    closedReason: state.closedReason,
    closedOn: state.closedOn,
    openedAt: state.openedAt,
    updatedAt: state.updatedAt,
  };
}

/** One event of the timeline; `notes` holds the free text by note id. */
export function presentPairingEvent(event: PairingEvent, notes: ReadonlyMap<string, string>): PairingEventView {
  const data = { ...(event.data as unknown as Record<string, unknown>) };
  const noteId = typeof data.noteId === 'string' ? data.noteId : undefined;
  if (noteId !== undefined) data.text = notes.get(noteId) ?? null;
  return { seq: event.seq, type: event.type, occurredAt: event.occurredAt, actor: { role: event.actor.role, sub: event.actor.sub }, data };
}
