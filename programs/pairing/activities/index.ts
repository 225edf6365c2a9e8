/**
 * The pairing workflow's side effects: the event store and the person registry. Each activity is
 * thin and logs with the pairing id only (never a name, an ID number or a note).
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema';
import { findPersonById } from '../../../store/persons';
import type { PairingEvent } from '../domain/index';
import { appendPairingEvents } from '../store/event-store';
import { isDuplicatePairingError } from '../store/pairings';
import { PAIRING_REFUSAL_TYPES } from '../workflow/definitions';

export interface PersistPairingEventsInput {
  pairingId: string;
  events: PairingEvent[];
}

export function createPairingActivities({ db }: { db: Kysely<Database> }) {
  return {
    async persistPairingEvents({ pairingId, events }: PersistPairingEventsInput): Promise<void> {
      await appendPairingEvents(db, pairingId, events);
    },

    /** The creation's event. A second open pairing of the person is refused for good: not retried, nothing kept. */
    async storePairingCreation({ pairingId, events }: PersistPairingEventsInput): Promise<void> {
      try {
        await appendPairingEvents(db, pairingId, events);
      } catch (error) {
        if (!isDuplicatePairingError(error)) throw error;
        Context.current().log.info('pairing refused: the person already has an open pairing', { pairingId });
        throw ApplicationFailure.create({ type: PAIRING_REFUSAL_TYPES.duplicatePairing, message: 'the person already has an open pairing', nonRetryable: true });
      }
    },

    /** The person's town and status; null for a person the registry does not know. */
    async pairingPerson({ personId }: { pairingId: string; personId: string }): Promise<{ town: string; status: string } | null> {
      const row = await findPersonById(db, personId);
      return row ? { town: row.town, status: row.status } : null;
    },
  };
}

export type PairingActivities = ReturnType<typeof createPairingActivities>;
