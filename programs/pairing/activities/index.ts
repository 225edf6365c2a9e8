/**
 * The pairing workflow's side effects: the event store and the person registry. Each activity is
 * thin and logs with the pairing id only (never a name, an ID number or a note). Each failed
 * attempt is counted in `pairing_activity_failures`, so a pairing whose step keeps failing is on
 * the stuck radar.
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema';
import { findPersonById } from '../../../store/persons';
import type { CreatePairingInput, PairingEvent } from '../domain/index';
import { pairingBodyProblem } from '../domain/update-bodies';
import { appendPairingEvents } from '../store/event-store';
import { isDuplicatePairingError } from '../store/pairings';
import { clearPairingActivityFailures, recordPairingActivityFailure } from '../store/activity-failures';
import { activityTracker } from '../../tracked-activity';
import { PAIRING_REFUSAL_TYPES } from '../workflow/definitions';

export interface PersistPairingEventsInput {
  pairingId: string;
  events: PairingEvent[];
}

/** The person a pairing is about: their town and status. */
export interface PersonOfPairing {
  town: string;
  status: string;
}

/** A creation that is malformed (its first problem), or its person (null: the registry does not know them). */
export type CreationFacts = { problem: string } | { person: PersonOfPairing | null };

export function createPairingActivities({ db }: { db: Kysely<Database> }) {
  const tracked = activityTracker(
    { record: (id, activity, attempts, failure) => recordPairingActivityFailure(db, id, activity, attempts, failure), clear: (id, activity) => clearPairingActivityFailures(db, id, activity) },
    'pairingId',
  );

  async function pairingPerson({ pairingId, personId }: { pairingId: string; personId: string }): Promise<PersonOfPairing | null> {
    const row = await tracked(pairingId, () => findPersonById(db, personId));
    return row ? { town: row.town, status: row.status } : null;
  }

  return {
    async persistPairingEvents({ pairingId, events }: PersistPairingEventsInput): Promise<void> {
      await tracked(pairingId, () => appendPairingEvents(db, pairingId, events));
    },

    /** The creation's event. A second open pairing of the person is refused for good: not retried, nothing kept. */
    async storePairingCreation({ pairingId, events }: PersistPairingEventsInput): Promise<void> {
      await tracked(pairingId, async () => {
        try {
          await appendPairingEvents(db, pairingId, events);
        } catch (error) {
          if (!isDuplicatePairingError(error)) throw error;
          Context.current().log.info('pairing refused: the person already has an open pairing', { pairingId });
          throw ApplicationFailure.create({ type: PAIRING_REFUSAL_TYPES.duplicatePairing, message: 'the person already has an open pairing', nonRetryable: true });
        }
      });
    },

    /** The person's town and status; null for a person the registry does not know. */
    pairingPerson,

    /**
     * The creation (the workflow's start input) checked against its body's shape, then its person
     * read: the first problem naming its field, or what `pairingPerson` answers. The check runs
     * here, in the worker, so that a pairing's workflow does not load the schemas (and zod) into its
     * own sandbox for the sake of one check at its start.
     */
    async creationFacts({ pairingId, creation }: { pairingId: string; creation: unknown }): Promise<CreationFacts> {
      const problem = pairingBodyProblem('create', creation);
      if (problem) return { problem };
      return { person: await pairingPerson({ pairingId, personId: (creation as CreatePairingInput).personId }) };
    },
  };
}

export type PairingActivities = ReturnType<typeof createPairingActivities>;
