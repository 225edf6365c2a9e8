/**
 * The `case_events` table. A case's opening carries the applicant's ID number: it is stored sealed
 * (store/sealed-columns.ts) and given back opened, so the table holds no ID number in clear.
 */
import type { Kysely, Transaction } from 'kysely';
import type { CaseEvent } from '../domain/events';
import type { Database } from '../../../store/schema';
import { open, seal } from '../../../store/sealed-columns';

type OpeningData = Extract<CaseEvent, { type: 'CaseOpened' }>['data'];

function withIdNumber(data: OpeningData, change: (idNumber: string) => string): OpeningData {
  return { ...data, input: { ...data.input, applicant: { ...data.input.applicant, idNumber: change(data.input.applicant.idNumber) } } };
}

function storedData(event: CaseEvent): unknown {
  return event.type === 'CaseOpened' ? withIdNumber(event.data, (idNumber) => seal('id-number', idNumber)) : event.data;
}

function openedData(type: string, data: unknown): unknown {
  return type === 'CaseOpened' ? withIdNumber(data as OpeningData, (sealed) => open('id-number', sealed)) : data;
}

type Executor = Kysely<Database> | Transaction<Database>;

/** Inserts the events that are not stored yet; returns the ones this call wrote. */
export async function insertNewCaseEvents(db: Executor, caseId: string, events: readonly CaseEvent[]): Promise<CaseEvent[]> {
  if (events.length === 0) return [];
  const inserted = await db
    .insertInto('case_events')
    .values(
      events.map((event) => ({
        case_id: caseId,
        seq: event.seq,
        type: event.type,
        occurred_at: event.occurredAt,
        actor: JSON.stringify(event.actor),
        data: JSON.stringify(storedData(event)),
      })),
    )
    .onConflict((oc) => oc.columns(['case_id', 'seq']).doNothing())
    .returning('seq')
    .execute();
  const written = new Set(inserted.map((row) => row.seq));
  return events.filter((event) => written.has(event.seq));
}

export async function listCaseEvents(db: Executor, caseId: string): Promise<CaseEvent[]> {
  const rows = await db.selectFrom('case_events').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
  return rows.map(
    (row) =>
      ({
        seq: row.seq,
        type: row.type,
        occurredAt: row.occurred_at.toISOString(),
        actor: row.actor,
        data: openedData(row.type, row.data),
      }) as CaseEvent,
  );
}
