import type { Kysely } from 'kysely';
import { isSealed } from '../../codec/sealed-field';
import { open, openJson, seal, sealJson } from '../sealed-columns';

// Bank accounts leave the clear. The two jsonb columns set apart for them,
// `enrolments.bank_account` and `enrolment_events.bank_account`, become text holding the account
// sealed (AES-256-GCM, opened by programs/subsidy/store/sealed-enrolment.ts). The fingerprints of
// applied actions (`enrolments.state.applied`, `enrolment_events.idempotency`) are canonical
// request bodies, an application's with its account number: sealed too. Existing rows are sealed
// here with the payload codec's keys, in batches.
const BATCH = 500;

type Applied = Record<string, string>;
type Idempotency = { key: string; fingerprint: string };

const sealFingerprint = (text: string) => (isSealed(text) ? text : seal('fingerprint', text));
const openFingerprint = (text: string) => (isSealed(text) ? open('fingerprint', text) : text);

function mapApplied(state: { applied?: Applied }, change: (text: string) => string): string {
  const applied = Object.fromEntries(Object.entries(state.applied ?? {}).map(([key, value]) => [key, change(value)]));
  return JSON.stringify({ ...state, applied });
}

async function eachBatch<T extends { enrolment_id: string }>(read: (after: string) => Promise<T[]>, write: (row: T) => Promise<void>): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await read(after);
    for (const row of rows) await write(row);
    if (rows.length < BATCH) return;
    after = rows.at(-1)!.enrolment_id;
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('enrolments').addColumn('bank_account_sealed', 'text').execute();
  await eachBatch(
    (after) => db.selectFrom('enrolments').select(['enrolment_id', 'bank_account', 'state']).where('enrolment_id', '>', after).orderBy('enrolment_id').limit(BATCH).execute(),
    async (row) => {
      await db
        .updateTable('enrolments')
        .set({ bank_account_sealed: sealJson('bank-account', row.bank_account), state: mapApplied(row.state, sealFingerprint) })
        .where('enrolment_id', '=', row.enrolment_id)
        .execute();
    },
  );
  await db.schema.alterTable('enrolments').dropColumn('bank_account').execute();
  await db.schema.alterTable('enrolments').renameColumn('bank_account_sealed', 'bank_account').execute();
  await db.schema.alterTable('enrolments').alterColumn('bank_account', (c) => c.setNotNull()).execute();

  await db.schema.alterTable('enrolment_events').addColumn('bank_account_sealed', 'text').execute();
  // Events are many: page by (enrolment_id, seq) over the ones that carry something to seal.
  let after = { id: '', seq: 0 };
  for (;;) {
    const rows = await db
      .selectFrom('enrolment_events')
      .select(['enrolment_id', 'seq', 'bank_account', 'idempotency'])
      .where((eb) => eb.or([eb('bank_account', 'is not', null), eb('idempotency', 'is not', null)]))
      .where((eb) => eb.or([eb('enrolment_id', '>', after.id), eb.and([eb('enrolment_id', '=', after.id), eb('seq', '>', after.seq)])]))
      .orderBy('enrolment_id')
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    for (const row of rows) {
      const idempotency = row.idempotency as Idempotency | null;
      await db
        .updateTable('enrolment_events')
        .set({
          bank_account_sealed: row.bank_account === null ? null : sealJson('bank-account', row.bank_account),
          idempotency: idempotency === null ? null : JSON.stringify({ ...idempotency, fingerprint: sealFingerprint(idempotency.fingerprint) }),
        })
        .where('enrolment_id', '=', row.enrolment_id)
        .where('seq', '=', row.seq)
        .execute();
    }
    if (rows.length < BATCH) break;
    after = { id: rows.at(-1)!.enrolment_id, seq: rows.at(-1)!.seq };
  }
  await db.schema.alterTable('enrolment_events').dropColumn('bank_account').execute();
  await db.schema.alterTable('enrolment_events').renameColumn('bank_account_sealed', 'bank_account').execute();
}

// Back to clear jsonb (the keys are needed: rows are opened).
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('enrolments').addColumn('bank_account_clear', 'jsonb').execute();
  const enrolments = await db.selectFrom('enrolments').select(['enrolment_id', 'bank_account', 'state']).execute();
  for (const row of enrolments) {
    await db
      .updateTable('enrolments')
      .set({ bank_account_clear: JSON.stringify(openJson('bank-account', row.bank_account)), state: mapApplied(row.state, openFingerprint) })
      .where('enrolment_id', '=', row.enrolment_id)
      .execute();
  }
  await db.schema.alterTable('enrolments').dropColumn('bank_account').execute();
  await db.schema.alterTable('enrolments').renameColumn('bank_account_clear', 'bank_account').execute();
  await db.schema.alterTable('enrolments').alterColumn('bank_account', (c) => c.setNotNull()).execute();

  await db.schema.alterTable('enrolment_events').addColumn('bank_account_clear', 'jsonb').execute();
  const events = await db
    .selectFrom('enrolment_events')
    .select(['enrolment_id', 'seq', 'bank_account', 'idempotency'])
    .where((eb) => eb.or([eb('bank_account', 'is not', null), eb('idempotency', 'is not', null)]))
    .execute();
  for (const row of events) {
    const idempotency = row.idempotency as Idempotency | null;
    await db
      .updateTable('enrolment_events')
      .set({
        bank_account_clear: row.bank_account === null ? null : JSON.stringify(openJson('bank-account', row.bank_account)),
        idempotency: idempotency === null ? null : JSON.stringify({ ...idempotency, fingerprint: openFingerprint(idempotency.fingerprint) }),
      })
      .where('enrolment_id', '=', row.enrolment_id)
      .where('seq', '=', row.seq)
      .execute();
  }
  await db.schema.alterTable('enrolment_events').dropColumn('bank_account').execute();
  await db.schema.alterTable('enrolment_events').renameColumn('bank_account_clear', 'bank_account').execute();
}
