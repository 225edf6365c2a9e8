/**
 * Appends a pairing's new events and projects them into the read model, in one transaction. Safe
 * to repeat: events already stored are skipped (unique pairing_id, seq), and the projection folds
 * only events past the row's last seq. A second open pairing of the person fails the whole
 * transaction on the partial unique index (`isDuplicatePairingError`), leaving nothing written.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/schema';
import { findPersonById } from '../../../store/persons';
import { evolve, type PairingEvent, type PairingState } from '../domain/index';
import type { Executor } from './executor';
import { insertNewPairingEvents, listPairingEvents } from './pairing-events';
import { readPairingState, townOfPairing, upsertPairingRow } from './pairings';

export async function appendPairingEvents(db: Kysely<Database>, pairingId: string, events: readonly PairingEvent[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await insertNewPairingEvents(trx, pairingId, events);
    await projectPairingEvents(trx, pairingId, events);
  });
}

/** Folds `events` (consecutive, following what is projected) into the pairing's row. */
export async function projectPairingEvents(trx: Executor, pairingId: string, events: readonly PairingEvent[]): Promise<PairingState | undefined> {
  if (events.length === 0) return undefined;
  const current = await readPairingState(trx, pairingId, { forUpdate: true });
  const projectedSeq = current?.seq ?? 0;
  let unseen = events.filter((event) => event.seq > projectedSeq);
  if (unseen.length === 0) return current;
  if (unseen[0]!.seq !== projectedSeq + 1) unseen = await listPairingEvents(trx, pairingId, projectedSeq);
  const state = unseen.reduce<PairingState | undefined>(evolve, current)!;
  await upsertPairingRow(trx, state, (await townOfPairing(trx, pairingId)) ?? (await personTown(trx, state.personId)));
  return state;
}

async function personTown(trx: Executor, personId: string): Promise<string> {
  const person = await findPersonById(trx as Kysely<Database>, personId);
  if (!person) throw new Error(`pairing of an unknown person ${personId}`);
  return person.town;
}

/** Refolds one pairing from all its events, as if the read model had never been written. */
export async function rebuildPairing(trx: Executor, pairingId: string): Promise<PairingState | undefined> {
  const events = await listPairingEvents(trx, pairingId);
  const state = events.reduce<PairingState | undefined>(evolve, undefined);
  if (!state) return undefined;
  await readPairingState(trx, pairingId, { forUpdate: true });
  await upsertPairingRow(trx, state, (await townOfPairing(trx, pairingId)) ?? (await personTown(trx, state.personId)));
  return state;
}
