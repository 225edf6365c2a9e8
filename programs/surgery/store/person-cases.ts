/**
 * A person's surgery cases, as the person page and the life-event fan-out need them: every case
 * with its money, and the ones still open. Cases are linked to persons in `case_persons`.
 */
import { sql, type Kysely } from 'kysely';
import type { PersonProgram } from '../../../domain/persons';
import type { Database } from '../../../store/schema';
import { isTerminal, type Stage } from '../domain/stages';

/**
 * The person's surgery cases, newest first, with what the payers have paid on each. A case
 * registered but not projected yet is left out until it is (a few seconds after an import).
 */
export async function surgeryCasesOfPerson(db: Kysely<Database>, personId: string): Promise<PersonProgram[]> {
  const rows = await db
    .selectFrom('case_persons as link')
    .innerJoin('cases', 'cases.case_id', 'link.case_id')
    .select(['cases.case_id', 'cases.stage', 'cases.opened_at', 'cases.stage_entered_at'])
    .select((eb) =>
      eb
        .selectFrom('claims')
        .select(sql<string>`coalesce(sum(amount_fen), 0)`.as('paid'))
        .whereRef('claims.case_id', '=', 'cases.case_id')
        .where('claims.status', '=', 'PAID')
        .as('paid_fen'),
    )
    .where('link.person_id', '=', personId)
    .orderBy('cases.opened_at', 'desc')
    .orderBy('cases.case_id', 'desc')
    .execute();
  return rows.map((row) => ({
    program: 'SURGERY' as const,
    id: row.case_id,
    stage: row.stage as Stage,
    openedAt: row.opened_at.toISOString(),
    // A terminal stage is never left: the time it was entered is when the case closed.
    closedAt: isTerminal(row.stage as Stage) ? row.stage_entered_at.toISOString() : null,
    paidFen: Number(row.paid_fen ?? 0),
  }));
}

/** The person's cases that are open now (the registration's open flag, kept by the projection). */
export async function openCasesOfPerson(db: Kysely<Database>, personId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('case_persons as link')
    .innerJoin('case_registrations as registration', 'registration.case_id', 'link.case_id')
    .select('link.case_id')
    .where('link.person_id', '=', personId)
    .where('registration.open', '=', true)
    .orderBy('link.case_id')
    .execute();
  return rows.map((row) => row.case_id);
}

/** Links a case to its person; a repeat (a retried opening) changes nothing. */
export async function linkCase(db: Kysely<Database>, caseId: string, personId: string): Promise<void> {
  await db
    .insertInto('case_persons')
    .values({ case_id: caseId, person_id: personId })
    .onConflict((conflict) => conflict.column('case_id').doNothing())
    .execute();
}

/** Case → person, for the cases given (a case opened before the registry and not backfilled has none). */
export async function personIdsOfCases(db: Kysely<Database>, caseIds: readonly string[]): Promise<Map<string, string>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db.selectFrom('case_persons').select(['case_id', 'person_id']).where('case_id', 'in', caseIds).execute();
  return new Map(rows.map((row) => [row.case_id, row.person_id]));
}

/** The person's cases that received the life event `eventId`, open or closed, by id. */
export async function casesThatReceivedLifeEvent(db: Kysely<Database>, personId: string, eventId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('case_events as event')
    .innerJoin('case_persons as link', 'link.case_id', 'event.case_id')
    .select('event.case_id')
    .distinct()
    .where('link.person_id', '=', personId)
    .where('event.type', '=', 'LifeEventRecorded')
    .where(sql<string>`event.data ->> 'eventId'`, '=', eventId)
    .orderBy('event.case_id')
    .execute();
  return rows.map((row) => row.case_id);
}
