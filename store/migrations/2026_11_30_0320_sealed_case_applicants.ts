import type { Kysely } from 'kysely';
import { isSealed } from '../../codec/sealed-field';
import { open, seal } from '../sealed-columns';

// A surgery case's applicant's ID number leaves the clear: in the read model
// (`cases.state.applicant.idNumber`) and in the opening event
// (`case_events.data.input.applicant.idNumber` of CaseOpened), the value becomes its sealed text
// (programs/surgery/store/stored-case.ts and case-events.ts open it). Existing rows are sealed
// here, in batches.
const BATCH = 500;

type WithApplicant = { applicant?: { idNumber?: string } };

function changeApplicant<T extends WithApplicant>(holder: T, change: (text: string) => string): T {
  const idNumber = holder.applicant?.idNumber;
  return idNumber === undefined ? holder : { ...holder, applicant: { ...holder.applicant, idNumber: change(idNumber) } };
}

const sealText = (text: string) => (isSealed(text) ? text : seal('id-number', text));
const openText = (text: string) => (isSealed(text) ? open('id-number', text) : text);

async function changeAll(db: Kysely<any>, change: (text: string) => string): Promise<void> {
  let after = '';
  for (;;) {
    const rows = await db.selectFrom('cases').select(['case_id', 'state']).where('case_id', '>', after).orderBy('case_id').limit(BATCH).execute();
    for (const row of rows) {
      await db
        .updateTable('cases')
        .set({ state: JSON.stringify(changeApplicant(row.state as WithApplicant, change)) })
        .where('case_id', '=', row.case_id)
        .execute();
    }
    if (rows.length < BATCH) break;
    after = rows.at(-1)!.case_id;
  }
  after = '';
  for (;;) {
    const rows = await db
      .selectFrom('case_events')
      .select(['case_id', 'seq', 'data'])
      .where('type', '=', 'CaseOpened')
      .where('case_id', '>', after)
      .orderBy('case_id')
      .limit(BATCH)
      .execute();
    for (const row of rows) {
      const data = row.data as { input?: WithApplicant };
      if (!data.input) continue;
      await db
        .updateTable('case_events')
        .set({ data: JSON.stringify({ ...data, input: changeApplicant(data.input, change) }) })
        .where('case_id', '=', row.case_id)
        .where('seq', '=', row.seq)
        .execute();
    }
    if (rows.length < BATCH) break;
    after = rows.at(-1)!.case_id;
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await changeAll(db, sealText);
}

export async function down(db: Kysely<any>): Promise<void> {
  await changeAll(db, openText);
}
