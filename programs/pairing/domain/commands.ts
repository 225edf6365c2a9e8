/**
 * What an action does to a pairing, decided purely from its state: the events it produces, a
 * replay of an action already applied (same key, same body), or a refusal the API can show.
 *
 * Whose pairing it is decides what an official may do: another official's pairing is refused as
 * `not-found`, so that an official cannot learn which pairings exist.
 */
import type { CaseLifeEventInput } from '../../../domain/life-events';
import {
  actionFingerprint,
  contactCountedFrom,
  CREATION_KEY,
  dayOfInstant,
  overdueReason,
  type ActionIdempotency,
  type ContactInput,
  type CreatePairingInput,
  type MatterInput,
  type NeedInput,
  type NewPairingEvent,
  type PairingActor,
  type PairingCadence,
  type PairingRole,
  type PairingStage,
  type PairingState,
  type ReassignInput,
  type ReferralInput,
} from './pairing';

export type PairingCommand =
  | { action: 'create'; input: CreatePairingInput; cadence: PairingCadence }
  | { action: 'reassign'; input: ReassignInput }
  | { action: 'contact'; input: ContactInput }
  | { action: 'need'; input: NeedInput }
  | { action: 'matter'; input: MatterInput }
  | { action: 'referral'; input: ReferralInput }
  | { action: 'life-event'; input: CaseLifeEventInput }
  | { action: 'overdue' };

export type PairingActionKind = PairingCommand['action'];

export type PairingRefusal =
  | { kind: 'stage-conflict'; currentStage: PairingStage; detail: string }
  | { kind: 'idempotency-conflict'; detail: string }
  | { kind: 'unprocessable'; detail: string }
  | { kind: 'forbidden'; detail: string }
  | { kind: 'not-found'; detail: string };

export type PairingDecision = { kind: 'apply'; events: NewPairingEvent[] } | { kind: 'replay' } | { kind: 'refuse'; refusal: PairingRefusal };

/** Officers and administrators arrange pairings; the official does the work of their own. */
const ROLES_BY_ACTION: Record<PairingActionKind, readonly PairingRole[]> = {
  create: ['officer', 'admin'],
  reassign: ['officer', 'admin'],
  'life-event': ['officer', 'admin'],
  contact: ['official'],
  need: ['official'],
  matter: ['official'],
  referral: ['official'],
  overdue: ['system'],
};

export function pairingRolesFor(action: PairingActionKind): readonly PairingRole[] {
  return ROLES_BY_ACTION[action];
}

export function forbiddenPairingReason(action: PairingActionKind, actor: PairingActor): string | undefined {
  const roles = ROLES_BY_ACTION[action];
  if (!roles.includes(actor.role)) return `${action} is for ${roles.join(' or ')}, not ${actor.role}`;
  if (actor.sub.trim() === '') return 'the actor has no name';
  return undefined;
}

/** The key a client's id gives an action; undefined for actions judged by the state alone. */
export function pairingIdempotencyKey(command: PairingCommand): string | undefined {
  switch (command.action) {
    case 'create':
      return CREATION_KEY;
    case 'contact':
      return `contact:${command.input.eventId}`;
    case 'need':
      return `need:${command.input.eventId}`;
    case 'matter':
      return `matter:${command.input.matterId}`;
    case 'referral':
      return `referral:${command.input.eventId}`;
    case 'life-event':
      return `life-event:${command.input.eventId}`;
    case 'reassign':
    case 'overdue':
      return undefined;
  }
}

/** The part of the body the fingerprint covers (a referral's item is found, not sent). */
function fingerprintOf(command: PairingCommand): string {
  if (command.action === 'referral') return actionFingerprint({ program: command.input.program });
  return 'input' in command ? actionFingerprint(command.input) : '';
}

/** The official of the pairing may act on it; no other official may even see it. */
export function isOwnPairing(state: Pick<PairingState, 'official'>, actor: PairingActor): boolean {
  return actor.role !== 'official' || state.official.sub === actor.sub;
}

const sameOfficial = (a: PairingState['official'], b: PairingState['official']) => a.sub === b.sub && a.name === b.name && a.unit === b.unit;

export function decidePairing(state: PairingState | undefined, command: PairingCommand, actor: PairingActor, now: string): PairingDecision {
  const forbidden = forbiddenPairingReason(command.action, actor);
  if (forbidden) return { kind: 'refuse', refusal: { kind: 'forbidden', detail: forbidden } };
  const key = pairingIdempotencyKey(command);
  const fingerprint = fingerprintOf(command);
  const idempotency: ActionIdempotency | undefined = key === undefined ? undefined : { key, fingerprint };
  const event = <E extends NewPairingEvent>(type: E['type'], data: E['data'], withKey = true): NewPairingEvent =>
    ({ type, occurredAt: now, actor, data, ...(withKey && idempotency ? { idempotency } : {}) }) as NewPairingEvent;

  if (command.action === 'create') {
    if (state) {
      return state.applied[CREATION_KEY] === fingerprint
        ? { kind: 'replay' }
        : { kind: 'refuse', refusal: { kind: 'idempotency-conflict', detail: `pairing ${state.pairingId} already exists with a different body` } };
    }
    return { kind: 'apply', events: [event('PairingCreated', { input: command.input, cadence: command.cadence })] };
  }
  if (!state) return { kind: 'refuse', refusal: { kind: 'not-found', detail: 'no such pairing' } };
  if (!isOwnPairing(state, actor)) return { kind: 'refuse', refusal: { kind: 'not-found', detail: `no pairing ${state.pairingId}` } };

  if (key !== undefined && state.applied[key] !== undefined) {
    if (state.applied[key] === fingerprint) return { kind: 'replay' };
    return { kind: 'refuse', refusal: { kind: 'idempotency-conflict', detail: `${command.action} ${key.slice(key.indexOf(':') + 1)} was already recorded on this pairing with a different body` } };
  }
  if (command.action === 'reassign' && sameOfficial(state.official, command.input.official)) return { kind: 'replay' };
  if (state.stage === 'CLOSED') {
    // A life event after the close changes nothing: the pairing heard the one that closed it.
    if (command.action === 'life-event' || command.action === 'overdue') return { kind: 'replay' };
    return { kind: 'refuse', refusal: { kind: 'stage-conflict', currentStage: state.stage, detail: `${command.action} needs stage ACTIVE; the pairing is in CLOSED` } };
  }

  switch (command.action) {
    case 'reassign':
      return { kind: 'apply', events: [event('PairingReassigned', { from: state.official, to: command.input.official, reason: command.input.reason })] };
    case 'contact': {
      if (command.input.on > dayOfInstant(now)) return unprocessable('on must not be after today (Asia/Shanghai)');
      return { kind: 'apply', events: [event('ContactLogged', { ...command.input, countedFrom: contactCountedFrom(command.input.on, now) })] };
    }
    case 'need':
      return { kind: 'apply', events: [event('NeedLogged', command.input)] };
    case 'matter':
      if (!Number.isSafeInteger(command.input.valueFen) || command.input.valueFen < 0) return unprocessable('valueFen must be a whole number of fen, 0 or more');
      return { kind: 'apply', events: [event('MatterDone', command.input)] };
    case 'referral':
      return { kind: 'apply', events: [event('ReferralMade', command.input)] };
    case 'overdue':
      if (state.overdue) return { kind: 'replay' };
      return { kind: 'apply', events: [event('PairingOverdue', { dueAt: state.dueAt, contactEveryMs: state.cadence.contactEveryMs, reason: overdueReason(state) })] };
    case 'life-event': {
      const { eventId, type, on } = command.input;
      const closes = type === 'DIED' || type === 'MOVED_OUT';
      const applied = event('LifeEventApplied', { eventId, type, on, outcome: closes ? 'CLOSED' : 'RECORDED' });
      if (!closes) return { kind: 'apply', events: [applied] };
      return { kind: 'apply', events: [applied, event('PairingClosed', { reason: type, on }, false)] };
    }
  }
}

function unprocessable(detail: string): PairingDecision {
  return { kind: 'refuse', refusal: { kind: 'unprocessable', detail } };
}
