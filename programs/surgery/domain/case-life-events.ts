/**
 * What a life event does to a surgery case. `DIED` or `MOVED_OUT` before discharge ends the case
 * `WITHDRAWN` with that reason: there is nobody to operate on, or the district no longer pays.
 * After discharge the bill is owed to the hospital, so the cascade goes on and the event is only
 * recorded; so are the other events, which change nothing, because a case's policy inputs were
 * fixed when it opened. Each event is applied once per case, by its `eventId`.
 */
import type { Decision } from './case-commands';
import { actionFingerprint, replayEvents, type CaseState } from './case-state';
import type { CaseEvent } from './events';
import { ENDING_LIFE_EVENTS } from '../../../domain/life-event-types';
import type { CaseLifeEventInput } from '../../../domain/life-events';
import type { Actor } from '../../../domain/actor';
import { isTerminal, type Stage } from './stages';

/** The stages before the hospital's discharge: a case here ends with the person. */
export const BEFORE_DISCHARGE: readonly Stage[] = ['SCREENING', 'AWAITING_ADMISSION', 'AWAITING_SURGERY', 'REHABILITATION'];

export function lifeEventAction(eventId: string): `life-event:${string}` {
  return `life-event:${eventId}`;
}

export function decideLifeEvent(state: CaseState, input: CaseLifeEventInput, actor: Actor, now: string): Decision {
  const previous = state.applied[lifeEventAction(input.eventId)];
  if (previous !== undefined) {
    return previous === actionFingerprint(input)
      ? { kind: 'replay' }
      : { kind: 'refuse', refusal: { kind: 'idempotency-conflict', detail: `life event ${input.eventId} was already applied to this case with a different body` } };
  }
  if (isTerminal(state.stage)) {
    return { kind: 'refuse', refusal: { kind: 'stage-conflict', currentStage: state.stage, detail: `the case is closed in stage ${state.stage}` } };
  }
  const withdrawn = ENDING_LIFE_EVENTS.includes(input.type) && BEFORE_DISCHARGE.includes(state.stage);
  return { kind: 'apply', event: { type: 'LifeEventRecorded', occurredAt: now, actor, data: { ...input, withdrawn } } };
}

/**
 * What the life event `eventId` did to the case, read from its stored events: the stage before
 * its `LifeEventRecorded` and after it. Undefined if the case never received it. A repeat of the
 * event is answered from here, also once the event has closed the case and its workflow is gone.
 */
export function lifeEventEffectOnRecord(events: readonly CaseEvent[], eventId: string): { stageBefore: Stage; stageAfter: Stage } | undefined {
  const at = events.findIndex((event) => event.type === 'LifeEventRecorded' && event.data.eventId === eventId);
  if (at < 0) return undefined;
  const before = replayEvents(events.slice(0, at));
  const after = replayEvents(events.slice(0, at + 1));
  return before && after ? { stageBefore: before.stage, stageAfter: after.stage } : undefined;
}
