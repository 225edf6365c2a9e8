/**
 * The `pairing_notes` table: the free text an official writes (a contact's notes, a need, a
 * matter's description), by the note id its event carries. Written by the API before the event,
 * so the text never enters a workflow's history.
 */
import type { Executor } from './executor';

/**
 * Keeps the text under its id unless one is kept already. Answers the text kept: a different one
 * means the same client id was used for another body.
 */
export async function keepPairingNote(db: Executor, pairingId: string, noteId: string, body: string): Promise<string> {
  await db.insertInto('pairing_notes').values({ pairing_id: pairingId, note_id: noteId, body }).onConflict((oc) => oc.columns(['pairing_id', 'note_id']).doNothing()).execute();
  const row = await db.selectFrom('pairing_notes').select('body').where('pairing_id', '=', pairingId).where('note_id', '=', noteId).executeTakeFirstOrThrow();
  return row.body;
}

/** Every note of the pairing, by its id. */
export async function pairingNotes(db: Executor, pairingId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('pairing_notes').select(['note_id', 'body']).where('pairing_id', '=', pairingId).execute();
  return new Map(rows.map((row) => [row.note_id, row.body]));
}
