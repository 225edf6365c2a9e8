/**
 * The person registry's tables, `persons` and `person_life_events`, and nothing else writes them.
 * What each program holds for a person is read by that program (its entry in
 * programs/catalogue.ts), never here; a surgery case's link to its person is the surgery
 * program's own table. The unique constraint on `persons.id_number_index` (the ID number's blind
 * index) keeps one person per ID number under concurrent requests; the primary key and
 * `fingerprint` tell a retried POST from a conflicting one, as case registrations do.
 *
 * The ID number and the fingerprint (a canonical body, which holds the ID number) are sealed in
 * the table (store/sealed-columns.ts); every function here gives rows back with them opened.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, PersonLifeEventsTable, PersonsTable } from './schema';
import { decodePageCursor, encodePageCursor } from './page-cursor';
import { blindIndex, open, seal } from './sealed-columns';
import type { CaseLifeEventInput } from '../domain/life-events';
import type { Disability, NewPersonInput } from '../domain/persons';

type StoredPersonRow = Selectable<PersonsTable>;

/** A person as the registry gives it: the ID number and the fingerprint opened. */
export type PersonRow = Omit<StoredPersonRow, 'id_number_sealed' | 'id_number_index'> & { id_number: string };

const ID_NUMBER_KEY = 'persons_id_number_index_key';
const PRIMARY_KEY = 'persons_pkey';

/** A person's fields as the registry stores them (the body of a POST, or an applicant of a case). */
export type PersonRecord = Omit<NewPersonInput, 'personId' | 'disability'> & { disability: Disability | null };

export type PersonInsertOutcome =
  | { kind: 'registered'; row: PersonRow }
  | { kind: 'same-person'; row: PersonRow }
  | { kind: 'id-number-registered'; existingPersonId: string };

function uniqueViolation(error: unknown): string | undefined {
  const pgError = error as { code?: string; constraint?: string };
  return pgError.code === '23505' ? pgError.constraint ?? '' : undefined;
}

/** The ID number's blind index: what the unique constraint and a lookup compare. */
export function idNumberIndex(idNumber: string): string {
  return blindIndex('id-number', idNumber);
}

function openRow(stored: StoredPersonRow): PersonRow {
  const { id_number_sealed, id_number_index: _index, fingerprint, ...rest } = stored;
  return { ...rest, id_number: open('id-number', id_number_sealed), fingerprint: fingerprint === null ? null : open('fingerprint', fingerprint) };
}

function values(personId: string, person: PersonRecord, fingerprint: string | null) {
  return {
    person_id: personId,
    id_number_sealed: seal('id-number', person.idNumber),
    id_number_index: idNumberIndex(person.idNumber),
    name: person.name,
    phone: person.phone ?? null,
    town: person.town,
    village: person.village ?? null,
    assistance_category: person.assistanceCategory,
    disability: person.disability === null ? null : JSON.stringify(person.disability),
    fingerprint: fingerprint === null ? null : seal('fingerprint', fingerprint),
  };
}

/**
 * Registers a person under `personId`. The same id again gives the stored row back (the caller
 * compares fingerprints); an ID number registered to another person is reported, never overwritten.
 */
export async function insertPerson(db: Kysely<Database>, personId: string, person: PersonRecord, fingerprint: string): Promise<PersonInsertOutcome> {
  try {
    const row = await db.insertInto('persons').values(values(personId, person, fingerprint)).returningAll().executeTakeFirstOrThrow();
    return { kind: 'registered', row: openRow(row) };
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint === PRIMARY_KEY) {
      const row = await findPersonById(db, personId);
      if (row) return { kind: 'same-person', row };
    } else if (constraint === ID_NUMBER_KEY) {
      const existing = await findPersonByIdNumber(db, person.idNumber);
      if (existing) return { kind: 'id-number-registered', existingPersonId: existing.person_id };
    }
    throw error;
  }
}

/**
 * Registers many persons in multi-row INSERTs, sealed and indexed as `insertPerson` does, without
 * a fingerprint (as a backfill registers them). For loading a registry of a district's size at
 * once (the benchmark's million); an ID number or id already there fails the whole chunk.
 */
export async function insertPersonsInBulk(db: Kysely<Database>, persons: readonly { personId: string; person: PersonRecord }[], chunkSize = 1000): Promise<void> {
  for (let start = 0; start < persons.length; start += chunkSize) {
    const chunk = persons.slice(start, start + chunkSize);
    await db
      .insertInto('persons')
      .values(chunk.map(({ personId, person }) => values(personId, person, null)))
      .execute();
  }
}

/**
 * The person of an ID number, registered now from `person` if there is none. Used when a case
 * opens: an existing person is taken as the registry has them (the registry, not the case, is
 * where a person's details are kept up to date).
 */
export async function findOrRegisterPerson(db: Kysely<Database>, newPersonId: () => string, person: PersonRecord): Promise<PersonRow> {
  const existing = await findPersonByIdNumber(db, person.idNumber);
  if (existing) return existing;
  const inserted = await db
    .insertInto('persons')
    .values(values(newPersonId(), person, null))
    .onConflict((conflict) => conflict.column('id_number_index').doNothing())
    .returningAll()
    .executeTakeFirst();
  // Nothing inserted: a concurrent opening registered the same person between the two statements.
  return inserted ? openRow(inserted) : (await findPersonByIdNumber(db, person.idNumber))!;
}

export async function findPersonById(db: Kysely<Database>, personId: string): Promise<PersonRow | undefined> {
  const row = await db.selectFrom('persons').selectAll().where('person_id', '=', personId).executeTakeFirst();
  return row && openRow(row);
}

/** The persons of a page of some program's list, by id; ids not registered are left out. */
export async function findPersonsByIds(db: Kysely<Database>, personIds: readonly string[]): Promise<Map<string, PersonRow>> {
  if (personIds.length === 0) return new Map();
  const rows = await db.selectFrom('persons').selectAll().where('person_id', 'in', [...new Set(personIds)]).execute();
  return new Map(rows.map((row) => [row.person_id, openRow(row)]));
}

export async function findPersonByIdNumber(db: Kysely<Database>, idNumber: string): Promise<PersonRow | undefined> {
  const row = await db.selectFrom('persons').selectAll().where('id_number_index', '=', idNumberIndex(idNumber)).executeTakeFirst();
  return row && openRow(row);
}

/** The persons of many ID numbers at once (a month's list), by their blind index; numbers not registered are left out. */
export async function findPersonsByIdNumberIndexes(db: Kysely<Database>, indexes: readonly string[]): Promise<Map<string, PersonRow>> {
  if (indexes.length === 0) return new Map();
  const rows = await db.selectFrom('persons').selectAll().where('id_number_index', 'in', [...new Set(indexes)]).execute();
  return new Map(rows.map((row) => [row.id_number_index, openRow(row)]));
}

export interface PersonCursor {
  name: string;
  personId: string;
}

export function encodePersonCursor(cursor: PersonCursor): string {
  return encodePageCursor([cursor.name, cursor.personId]);
}

/** Undefined when the text is not a cursor this API handed out. */
export function decodePersonCursor(text: string): PersonCursor | undefined {
  const pair = decodePageCursor(text);
  if (!pair) return undefined;
  const [name, personId] = pair;
  if (name.length > 64 || personId.length > 64) return undefined;
  return { name, personId };
}

export interface PersonFilter {
  town?: string | undefined;
  /** Part of the name, matched literally (no wildcards). */
  q?: string | undefined;
}

/** Persons by name, then id: keyset pages, so a page costs the same at any depth of a town. */
export async function listPersons(db: Kysely<Database>, filter: PersonFilter, limit: number, after: PersonCursor | undefined) {
  let query = db.selectFrom('persons').selectAll();
  if (filter.town !== undefined) query = query.where('town', '=', filter.town);
  if (filter.q !== undefined) query = query.where(sql<boolean>`strpos(lower(name), lower(${filter.q})) > 0`);
  if (after) query = query.where(sql<boolean>`(name, person_id) > (${after.name}, ${after.personId})`);
  const rows = await query
    .orderBy('name')
    .orderBy('person_id')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit).map(openRow);
  const last = page.at(-1);
  return { rows: page, next: rows.length > limit && last ? { name: last.name, personId: last.person_id } : null };
}

export type LifeEventRow = Selectable<PersonLifeEventsTable>;

export type LifeEventOutcome =
  | { kind: 'no-person' }
  | { kind: 'recorded'; person: PersonRow }
  | { kind: 'existing'; person: PersonRow; event: LifeEventRow }
  | { kind: 'person-inactive'; person: PersonRow };

/** What a life event changes on the person: their status from the day, or their details. */
function personChange(input: CaseLifeEventInput) {
  // The day in Liangzhou: a death on the 17th is on the 17th whatever the server's zone.
  const since = `${input.on}T00:00:00+08:00`;
  switch (input.type) {
    case 'DIED':
      return { status: 'DECEASED', status_since: since };
    case 'MOVED_OUT':
      return { status: 'MOVED_OUT', status_since: since };
    case 'DISABILITY_CHANGED':
      return { disability: input.disability ? JSON.stringify(input.disability) : null };
    case 'ASSISTANCE_CHANGED':
      return { assistance_category: input.assistanceCategory! };
  }
}

/**
 * Records a life event and applies it to the person, in one transaction that holds the person's
 * row: two events of one person are decided one after the other, so a second death is refused.
 * An eventId seen before gives the stored event back (the caller compares fingerprints).
 */
export async function recordLifeEvent(
  db: Kysely<Database>,
  personId: string,
  input: CaseLifeEventInput,
  fingerprint: string,
  recordedBy: string,
): Promise<LifeEventOutcome> {
  return db.transaction().execute(async (trx) => {
    const stored = await trx.selectFrom('persons').selectAll().where('person_id', '=', personId).forUpdate().executeTakeFirst();
    const person = stored && openRow(stored);
    if (!person) return { kind: 'no-person' } as const;
    const existing = await trx.selectFrom('person_life_events').selectAll().where('event_id', '=', input.eventId).executeTakeFirst();
    if (existing) return { kind: 'existing', person, event: existing } as const;
    if (person.status !== 'ACTIVE') return { kind: 'person-inactive', person } as const;
    await trx
      .insertInto('person_life_events')
      .values({ event_id: input.eventId, person_id: personId, type: input.type, on_day: input.on, body: JSON.stringify(input), fingerprint, recorded_by: recordedBy })
      .execute();
    const updated = await trx
      .updateTable('persons')
      .set({ ...personChange(input), updated_at: sql`now()` })
      .where('person_id', '=', personId)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { kind: 'recorded', person: openRow(updated) } as const;
  });
}

export async function saveLifeEventEffects(db: Kysely<Database>, eventId: string, effects: unknown[]): Promise<void> {
  await db.updateTable('person_life_events').set({ effects: JSON.stringify(effects) }).where('event_id', '=', eventId).execute();
}
