/**
 * One pairing, from its creation for as long as the official looks after the person (years).
 * People act on it through Updates, refused by their validators before anything is written; the
 * workflow itself flags a pairing that has gone without contact past its cadence, and continues as
 * new before its history grows too long. Free text never reaches it: the API keeps it in
 * PostgreSQL and the Updates carry its id.
 */
import { ActivityFailure, ApplicationFailure, allHandlersFinished, condition, continueAsNew, patched, proxyLocalActivities, setHandler, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { CaseLifeEventInput } from '../../../domain/life-events';
import type { PairingActivities } from '../activities/index';
import { decidePairing, forbiddenPairingReason, type NewPairingEvent, type PairingActor, type PairingCommand, type PairingState } from '../domain/index';
import {
  contactUpdate,
  createPairingUpdate,
  getPairingQuery,
  matterUpdate,
  needUpdate,
  PAIRING_REFUSAL_TYPES,
  pairingLifeEventUpdate,
  pairingRefusalFailure,
  pairingSearchAttributes,
  reassignUpdate,
  referralUpdate,
  type AnyPairingRefusal,
  type PairingLifeEventEffect,
  type PairingLifeEventResult,
  type PairingUpdateArgs,
  type PairingUpdateResult,
  type PairingWorkflowInput,
  type PairingWorkflowResult,
} from './definitions';
import { PairingJournal } from './pairing-journal';
import { whenDrained } from '../../drained';
import type * as UpdateBodies from '../domain/update-bodies';

const { creationFacts, pairingPerson, storePairingCreation } = proxyLocalActivities<Pick<PairingActivities, 'creationFacts' | 'pairingPerson' | 'storePairingCreation'>>({
  startToCloseTimeout: '15s',
  retry: { initialInterval: '200ms', backoffCoefficient: 2, maximumInterval: '20s' },
});

/** The workflow itself: flags a pairing past its cadence. No person may act as it. */
const SYSTEM: PairingActor = { role: 'system', sub: 'workflow' };

/** A pairing lives for years: continue as new past this many history events. */
const HISTORY_LENGTH_BOUND = 10_000;

/**
 * From this version on, the creation (the start input) is checked by the local activity that reads
 * its person (`creationFacts`), not inside the workflow: its schema is zod's, and a module loaded
 * here is kept once per cached pairing. Histories recorded before check it here.
 */
const CREATION_CHECKED_BY_ACTIVITY_PATCH = 'pairing-creation-checked-by-activity';

/**
 * The Update bodies' schemas, loaded when a body is first checked (a validator, or the start of a
 * pairing recorded before the patch above): validators do not run on replay, so a pairing
 * replayed into the worker's cache does not load them at all.
 */
function updateBodies(): typeof UpdateBodies {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a `require` inside the function is what makes the load lazy; webpack bundles it
  return require('../domain/update-bodies') as typeof UpdateBodies;
}

function now(): string {
  return new Date().toISOString();
}

type Opening = { status: 'pending' } | { status: 'open' } | { status: 'refused'; refusal: AnyPairingRefusal };

export async function pairing(args: PairingWorkflowInput): Promise<PairingWorkflowResult> {
  const { pairingId } = args;
  const journal = new PairingJournal(pairingId, args.carried?.state);
  const state = (): PairingState => journal.state;
  const lifeEventEffects: Record<string, PairingLifeEventEffect> = { ...args.carried?.lifeEventEffects };
  let opening: Opening = args.carried ? { status: 'open' } : { status: 'pending' };

  function record(events: readonly NewPairingEvent[]): void {
    const before = journal.state;
    journal.record(events);
    const after = journal.state;
    if (after.stage !== before.stage) {
      upsertSearchAttributes([
        { key: pairingSearchAttributes.stage, value: after.stage },
        { key: pairingSearchAttributes.stageEnteredAt, value: new Date(after.stageEnteredAt) },
        { key: pairingSearchAttributes.overdue, value: after.overdue },
      ]);
    } else if (after.overdue !== before.overdue) {
      upsertSearchAttributes([{ key: pairingSearchAttributes.overdue, value: after.overdue }]);
    }
  }

  const closed = () => state().stage === 'CLOSED';

  /** Past the due time without a contact the pairing is flagged overdue; the next contact clears it. */
  async function watchCadence(): Promise<void> {
    for (;;) {
      if (closed()) return;
      if (state().overdue) {
        await condition(() => closed() || !state().overdue);
        continue;
      }
      const due = state().dueAt;
      const changed = await condition(() => closed() || state().dueAt !== due || state().overdue, Math.max(1, Date.parse(due) - Date.now()));
      if (!changed) {
        const decision = decidePairing(state(), { action: 'overdue' }, SYSTEM, now());
        if (decision.kind === 'apply') record(decision.events);
      }
    }
  }

  const result = (): PairingUpdateResult => ({ pairingId, stage: state().stage, seq: state().seq });

  setHandler(getPairingQuery, () => state());

  setHandler(
    createPairingUpdate,
    async ({ input, actor }) => {
      await condition(() => opening.status !== 'pending');
      if (opening.status === 'refused') throw pairingRefusalFailure(opening.refusal);
      const decision = decidePairing(state(), { action: 'create', input, cadence: state().cadence }, actor, now());
      if (decision.kind === 'refuse') throw pairingRefusalFailure(decision.refusal);
      await journal.persisted();
      return result();
    },
    {
      validator: ({ input, actor }) => {
        const forbidden = forbiddenPairingReason('create', actor);
        if (forbidden) throw pairingRefusalFailure({ kind: 'forbidden', detail: forbidden });
        // The creation that starts the workflow is checked by the activity that reads its person,
        // and the handler answers with that check; one that reaches a running pairing is checked here.
        if (opening.status !== 'pending') {
          const problem = updateBodies().pairingBodyProblem('create', input);
          if (problem) throw pairingRefusalFailure({ kind: 'unprocessable', detail: problem });
        }
        const named = (input as Partial<typeof input> | undefined)?.pairingId;
        if (named !== pairingId) throw pairingRefusalFailure({ kind: 'unprocessable', detail: `pairingId: ${String(named)} is not this pairing's (${pairingId})` });
      },
    },
  );

  /** An Update decided by the core: refused by the validator before anything is written, decided again by the handler. */
  function handleUpdate<I, R extends PairingUpdateResult>(
    update: UpdateDefinition<R, [PairingUpdateArgs<I>]>,
    action: UpdateBodies.PairingBodyAction,
    command: (input: I) => PairingCommand,
    answer?: (input: I, events: readonly NewPairingEvent[], before: PairingState) => R,
  ): void {
    setHandler(
      update,
      async ({ input, actor }) => {
        const before = state();
        const decision = decidePairing(before, command(input), actor, now());
        if (decision.kind === 'refuse') throw pairingRefusalFailure(decision.refusal);
        const events = decision.kind === 'apply' ? decision.events : [];
        if (events.length > 0) record(events);
        await journal.persisted();
        return answer ? answer(input, events, before) : (result() as R);
      },
      {
        validator: ({ input, actor }) => {
          if (!journal.opened) throw pairingRefusalFailure({ kind: 'not-found', detail: `pairing ${pairingId} is not open yet` });
          const problem = updateBodies().pairingBodyProblem(action, input);
          if (problem) throw pairingRefusalFailure({ kind: 'unprocessable', detail: problem });
          const decision = decidePairing(state(), command(input), actor, now());
          if (decision.kind === 'refuse') throw pairingRefusalFailure(decision.refusal);
        },
      },
    );
  }

  handleUpdate(reassignUpdate, 'reassign', (input) => ({ action: 'reassign', input }));
  handleUpdate(contactUpdate, 'contact', (input) => ({ action: 'contact', input }));
  handleUpdate(needUpdate, 'need', (input) => ({ action: 'need', input }));
  handleUpdate(matterUpdate, 'matter', (input) => ({ action: 'matter', input }));
  handleUpdate(referralUpdate, 'referral', (input) => ({ action: 'referral', input }));
  handleUpdate<CaseLifeEventInput, PairingLifeEventResult>(
    pairingLifeEventUpdate,
    'life-event',
    (input) => ({ action: 'life-event', input }),
    (input, events, before) => {
      const known = lifeEventEffects[input.eventId];
      if (events.length === 0 && known) return { ...result(), effect: known };
      const effect: PairingLifeEventEffect = { stageBefore: before.stage, stageAfter: state().stage };
      lifeEventEffects[input.eventId] = effect;
      return { ...result(), effect };
    },
  );

  if (opening.status === 'pending') {
    opening = await open();
    if (opening.status === 'refused') {
      await condition(allHandlersFinished);
      return { pairingId, stage: null };
    }
  }
  void journal.runWriter();
  void watchCadence();

  const historyLong = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > (args.historyLengthBound ?? HISTORY_LENGTH_BOUND);
  await condition(() => closed() || historyLong());
  if (!closed()) {
    // Only between Updates, with everything recorded stored: the next run starts from the stored state.
    await whenDrained(journal, () => continueAsNew<typeof pairing>({ ...args, carried: { state: state(), lifeEventEffects } }));
  }
  return whenDrained(journal, () => ({ pairingId, stage: state().stage }));

  /** Checks the creation, reads the person and stores the first event (or says why not). */
  async function open(): Promise<Opening> {
    const { creation, cadence } = args;
    const forbidden = forbiddenPairingReason('create', creation.actor);
    if (forbidden) return { status: 'refused', refusal: { kind: 'forbidden', detail: forbidden } };
    let person: Awaited<ReturnType<typeof pairingPerson>>;
    if (patched(CREATION_CHECKED_BY_ACTIVITY_PATCH)) {
      const facts = await creationFacts({ pairingId, creation: creation.input });
      if ('problem' in facts) return { status: 'refused', refusal: { kind: 'unprocessable', detail: facts.problem } };
      person = facts.person;
    } else {
      const problem = updateBodies().pairingBodyProblem('create', creation.input);
      if (problem) return { status: 'refused', refusal: { kind: 'unprocessable', detail: problem } };
      person = await pairingPerson({ pairingId, personId: creation.input.personId });
    }
    if (!person) return { status: 'refused', refusal: { kind: 'not-found', detail: `no person ${creation.input.personId} in the registry` } };
    const decision = decidePairing(undefined, { action: 'create', input: creation.input, cadence }, creation.actor, now());
    if (decision.kind !== 'apply') throw new Error('a creation without a pairing is neither refused nor a repeat');
    const events = journal.number(decision.events);
    try {
      await storePairingCreation({ pairingId, events });
    } catch (error) {
      const failure = error instanceof ActivityFailure ? error.cause : error;
      if (failure instanceof ApplicationFailure && failure.type === PAIRING_REFUSAL_TYPES.duplicatePairing) {
        return { status: 'refused', refusal: { kind: 'duplicate-pairing', detail: failure.message } };
      }
      throw error;
    }
    journal.adoptStored(events);
    if (workflowInfo().typedSearchAttributes.get(pairingSearchAttributes.town) === undefined) {
      upsertSearchAttributes([{ key: pairingSearchAttributes.town, value: person.town }]);
    }
    return { status: 'open' };
  }
}
