/**
 * Enrolments as the API lists them: newest first, in keyset pages, each with what the bank has
 * paid on it, in one query per page. The persons are the registry's to read (store/persons.ts).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../store/schema';
import { decodePageCursor, encodePageCursor } from '../../../store/page-cursor';
import type { EnrolmentStage, EnrolmentState, SubsidyProgram } from '../domain/index';
import { openEnrolmentState } from './sealed-enrolment';

export interface EnrolmentCursor {
  openedAt: string;
  enrolmentId: string;
}

export function encodeEnrolmentCursor(cursor: EnrolmentCursor): string {
  return encodePageCursor([cursor.openedAt, cursor.enrolmentId]);
}

/** Undefined when the text is not a cursor this API handed out. */
export function decodeEnrolmentCursor(text: string): EnrolmentCursor | undefined {
  const pair = decodePageCursor(text);
  if (!pair) return undefined;
  const [openedAt, enrolmentId] = pair;
  if (enrolmentId.length > 64) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(openedAt) || Number.isNaN(Date.parse(openedAt))) return undefined;
  return { openedAt, enrolmentId };
}

export interface EnrolmentPageFilter {
  program?: SubsidyProgram | undefined;
  stage?: EnrolmentStage | undefined;
  town?: string | undefined;
  overdue?: boolean | undefined;
  personId?: string | undefined;
}

export interface EnrolmentPageItem {
  state: EnrolmentState;
  paidFen: number;
}

export interface EnrolmentPage {
  items: EnrolmentPageItem[];
  next: EnrolmentCursor | null;
}

export async function listEnrolmentPage(db: Kysely<Database>, filter: EnrolmentPageFilter, limit: number, after: EnrolmentCursor | undefined): Promise<EnrolmentPage> {
  let query = db
    .selectFrom('enrolments as e')
    .select(['e.enrolment_id', 'e.opened_at', 'e.state', 'e.bank_account'])
    .select((eb) =>
      eb
        .selectFrom('enrolment_months as m')
        .select(sql<string>`coalesce(sum(m.amount_fen), 0)`.as('paid'))
        .whereRef('m.enrolment_id', '=', 'e.enrolment_id')
        .where('m.status', '=', 'PAID')
        .as('paid_fen'),
    );
  if (filter.program !== undefined) query = query.where('e.program', '=', filter.program);
  if (filter.stage !== undefined) query = query.where('e.stage', '=', filter.stage);
  if (filter.town !== undefined) query = query.where('e.town', '=', filter.town);
  if (filter.overdue !== undefined) query = query.where('e.overdue', '=', filter.overdue);
  if (filter.personId !== undefined) query = query.where('e.person_id', '=', filter.personId);
  if (after) query = query.where(sql<boolean>`(e.opened_at, e.enrolment_id) < (${after.openedAt}::timestamptz, ${after.enrolmentId})`);
  const rows = await query
    .orderBy('e.opened_at', 'desc')
    .orderBy('e.enrolment_id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => ({
      // The columns are typed by their owner, this folder: the state without the account, and the account, sealed.
      state: openEnrolmentState(row.state, row.bank_account),
      paidFen: Number(row.paid_fen ?? 0),
    })),
    next: rows.length > limit && last ? { openedAt: last.opened_at.toISOString(), enrolmentId: last.enrolment_id } : null,
  };
}

/** Enrolments of the program approved in `[from, to)` and not withdrawn since, oldest decision first, with their town. */
export async function enrolmentsApprovedBetween(
  db: Kysely<Database>,
  program: SubsidyProgram,
  from: string,
  to: string,
  town?: string,
): Promise<{ state: Omit<EnrolmentState, 'bankAccount'>; town: string }[]> {
  // The bank account is not read: the list has no use for it.
  let query = db
    .selectFrom('enrolments')
    .select(['state', 'town'])
    .where('program', '=', program)
    .where('stage', 'in', ['PUBLIC_NOTICE', 'ACTIVE', 'SUSPENDED', 'TERMINATED'])
    .where(sql<boolean>`(state -> 'decision' ->> 'approved')::boolean`)
    .where(sql<boolean>`(state -> 'decision' ->> 'decidedAt')::timestamptz >= ${from}::timestamptz`)
    .where(sql<boolean>`(state -> 'decision' ->> 'decidedAt')::timestamptz < ${to}::timestamptz`);
  if (town !== undefined) query = query.where('town', '=', town);
  const rows = await query.orderBy(sql`(state -> 'decision' ->> 'decidedAt')::timestamptz`).orderBy('enrolment_id').execute();
  return rows.map((row) => ({ state: row.state as Omit<EnrolmentState, 'bankAccount'>, town: row.town }));
}
