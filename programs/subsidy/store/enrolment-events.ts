/**
 * The `enrolment_events` table: each enrolment's events, numbered 1, 2, 3… with no gaps. A bank
 * account an event carries is stored in its own column, not in `data`, so that one column (here
 * and in the read model) is all there is to encrypt: it is sealed (sealed-enrolment.ts), as is the
 * fingerprint of an action's body in `idempotency`.
 */
import type { ActionIdempotency, BankAccount, EnrolmentEvent } from '../domain/index';
import { sql } from 'kysely';
import type { Executor } from './executor';
import { openBankAccount, openIdempotency, sealBankAccount, sealIdempotency } from './sealed-enrolment';

interface StoredParts {
  data: unknown;
  bankAccount: BankAccount | null;
}

function splitBankAccount(event: EnrolmentEvent): StoredParts {
  if (event.type === 'EnrolmentApplied') {
    const { bankAccount, ...input } = event.data.input;
    return { data: { ...event.data, input }, bankAccount };
  }
  if (event.type === 'BankAccountChanged') return { data: {}, bankAccount: event.data };
  return { data: event.data, bankAccount: null };
}

function joinBankAccount(type: string, data: Record<string, unknown>, bankAccount: BankAccount | null): Record<string, unknown> {
  if (type === 'EnrolmentApplied') return { ...data, input: { ...(data.input as object), bankAccount } };
  if (type === 'BankAccountChanged') return { ...bankAccount };
  return data;
}

/** Inserts the events that are not stored yet (unique enrolment_id, seq); returns the ones this call wrote. */
export async function insertNewEnrolmentEvents(db: Executor, enrolmentId: string, events: readonly EnrolmentEvent[]): Promise<EnrolmentEvent[]> {
  if (events.length === 0) return [];
  const inserted = await db
    .insertInto('enrolment_events')
    .values(
      events.map((event) => {
        const { data, bankAccount } = splitBankAccount(event);
        return {
          enrolment_id: enrolmentId,
          seq: event.seq,
          type: event.type,
          occurred_at: event.occurredAt,
          actor: JSON.stringify(event.actor),
          data: JSON.stringify(data),
          idempotency: event.idempotency ? JSON.stringify(sealIdempotency(event.idempotency)) : null,
          bank_account: bankAccount ? sealBankAccount(bankAccount) : null,
        };
      }),
    )
    .onConflict((oc) => oc.columns(['enrolment_id', 'seq']).doNothing())
    .returning('seq')
    .execute();
  const written = new Set(inserted.map((row) => row.seq));
  return events.filter((event) => written.has(event.seq));
}

export async function listEnrolmentEvents(db: Executor, enrolmentId: string, afterSeq = 0): Promise<EnrolmentEvent[]> {
  const rows = await db.selectFrom('enrolment_events').selectAll().where('enrolment_id', '=', enrolmentId).where('seq', '>', afterSeq).orderBy('seq').execute();
  return rows.map(
    (row) =>
      ({
        seq: row.seq,
        type: row.type,
        occurredAt: row.occurred_at.toISOString(),
        actor: row.actor,
        data: joinBankAccount(row.type, row.data as Record<string, unknown>, row.bank_account === null ? null : openBankAccount(row.bank_account)),
        ...(row.idempotency ? { idempotency: openIdempotency(row.idempotency as ActionIdempotency) } : {}),
      }) as EnrolmentEvent,
  );
}

/** The person's enrolments in the program that received the life event `eventId`, open or closed, by id. */
export async function enrolmentsThatReceivedLifeEvent(db: Executor, personId: string, program: string, eventId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('enrolment_events as event')
    .innerJoin('enrolments as enrolment', 'enrolment.enrolment_id', 'event.enrolment_id')
    .select('event.enrolment_id')
    .distinct()
    .where('enrolment.person_id', '=', personId)
    .where('enrolment.program', '=', program)
    .where('event.type', '=', 'LifeEventApplied')
    .where(sql<string>`event.data -> 'input' ->> 'eventId'`, '=', eventId)
    .orderBy('event.enrolment_id')
    .execute();
  return rows.map((row) => row.enrolment_id);
}
