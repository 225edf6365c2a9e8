import { appendAndProject, rebuildReadModels } from '../../programs/surgery/store/event-store';
import { listCaseEvents } from '../../programs/surgery/store/case-events';
import { storedCaseState } from '../../programs/surgery/store/cases';
import { replayEvents } from '../../programs/surgery/domain/case-state';
import type { CaseEvent, NewCaseEvent } from '../../programs/surgery/domain/events';
import { PAYERS } from '../../programs/surgery/domain/stages';
import { admissionOk, dischargeOk, screeningOk, surgeryOk, workedExampleCase } from '../fixtures/cases';
import { testDb, uniqueId } from '../support/stack';

const db = testDb();
const at = '2026-11-28T10:00:00.000Z';
const officer = { role: 'officer' as const, sub: 'officer-li' };
const system = { role: 'system' as const, sub: 'workflow' };

/** A whole settled case's events, as the workflow would record them. */
function settledCaseEvents(caseId: string): CaseEvent[] {
  const events: NewCaseEvent[] = [
    { type: 'CaseOpened', occurredAt: at, actor: officer, data: { caseId, input: workedExampleCase(), hospitalLevel: 'TERTIARY_A' } },
    { type: 'StageOverdue', occurredAt: at, actor: system, data: { stage: 'SCREENING', slaMs: 1000 } },
    { type: 'ScreeningRecorded', occurredAt: at, actor: officer, data: screeningOk },
    { type: 'Admitted', occurredAt: at, actor: officer, data: admissionOk },
    { type: 'SurgeryCompleted', occurredAt: at, actor: officer, data: surgeryOk },
    { type: 'Discharged', occurredAt: at, actor: officer, data: dischargeOk },
    { type: 'ReimbursementStarted', occurredAt: at, actor: system, data: { policyVersion: 'v1', bill: dischargeOk.bill } },
    ...PAYERS.flatMap((payer, i): NewCaseEvent[] => [
      { type: 'ClaimSubmitted', occurredAt: at, actor: system, data: { payer, idempotencyKey: `${caseId}:${payer}` } },
      {
        type: 'ClaimDecided',
        occurredAt: at,
        actor: system,
        data: { payer, status: 'PAID', amountFen: i === 4 ? 12_000_000 - 4 * 1_000_000 : 1_000_000, reason: null, reference: `R-${i}`, explanation: 'x', attempts: 1 },
      },
    ]),
    { type: 'CaseSettled', occurredAt: at, actor: system, data: { totalFen: 12_000_000, paidFen: 12_000_000, outOfPocketFen: 0 } },
  ];
  // Distinct times, one second apart, so a column taken from the wrong event shows.
  return events.map((event, i) => ({ ...event, seq: i + 1, occurredAt: new Date(Date.parse(at) + i * 1000).toISOString() }) as CaseEvent);
}

async function snapshot(caseIds: string[]) {
  const stored = await db.selectFrom('cases').selectAll().where('case_id', 'in', caseIds).orderBy('case_id').execute();
  // Compared opened: the applicant's ID number is sealed, and sealed differently each time.
  const cases = stored.map((row) => ({ ...row, state: storedCaseState(row.state) }));
  const claims = await db.selectFrom('claims').selectAll().where('case_id', 'in', caseIds).orderBy('idempotency_key').execute();
  return { cases, claims };
}

test('events are stored with seq 1, 2, 3 … and a repeated write adds nothing', async () => {
  const caseId = uniqueId('es');
  const events = settledCaseEvents(caseId);
  await appendAndProject(db, caseId, events.slice(0, 3));
  await appendAndProject(db, caseId, events.slice(0, 3)); // a retried activity
  await appendAndProject(db, caseId, events.slice(2, 8)); // overlapping batch after a crash
  await appendAndProject(db, caseId, events.slice(8));
  await appendAndProject(db, caseId, events); // everything again

  const stored = await listCaseEvents(db, caseId);
  expect(stored.map((e) => e.seq)).toEqual(events.map((e) => e.seq));
  expect(stored).toEqual(events);
  const claims = await db.selectFrom('claims').select(['payer', 'amount_fen', 'status', 'decided_at']).where('case_id', '=', caseId).execute();
  expect(claims).toHaveLength(5);
  // Each claim is stamped with its own decision's time, not the batch's.
  const decisions = events.filter((e) => e.type === 'ClaimDecided') as Extract<CaseEvent, { type: 'ClaimDecided' }>[];
  for (const claim of claims) {
    expect(claim.decided_at?.toISOString()).toBe(decisions.find((d) => d.data.payer === claim.payer)!.occurredAt);
  }
  expect(claims.reduce((sum, c) => sum + c.amount_fen, 0)).toBe(12_000_000);

  const row = await db.selectFrom('cases').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
  expect(storedCaseState(row.state)).toEqual(replayEvents(events));
  expect(row).toMatchObject({ stage: 'SETTLED', last_seq: events.length, screened: true, eligible: true, surgery_completed: true, total_billed_fen: 12_000_000, overdue: false });
});

test('a terminal case frees its ID number registration', async () => {
  const caseId = uniqueId('es');
  const events = settledCaseEvents(caseId);
  const idNumber = (events[0] as Extract<CaseEvent, { type: 'CaseOpened' }>).data.input.applicant.idNumber;
  await db.insertInto('case_registrations').values({ case_id: caseId, id_number_index: idNumber, fingerprint: 'f' }).execute();
  await appendAndProject(db, caseId, events.slice(0, 6));
  expect((await db.selectFrom('case_registrations').select('open').where('case_id', '=', caseId).executeTakeFirstOrThrow()).open).toBe(true);
  await appendAndProject(db, caseId, events.slice(6));
  expect((await db.selectFrom('case_registrations').select('open').where('case_id', '=', caseId).executeTakeFirstOrThrow()).open).toBe(false);
});

test('the read models rebuilt from case_events alone equal the live projection', async () => {
  const ids = [uniqueId('rb'), uniqueId('rb'), uniqueId('rb')];
  await appendAndProject(db, ids[0]!, settledCaseEvents(ids[0]!));
  await appendAndProject(db, ids[1]!, settledCaseEvents(ids[1]!).slice(0, 4));
  await appendAndProject(db, ids[2]!, settledCaseEvents(ids[2]!).slice(0, 9));
  const live = await snapshot(ids);

  // Scoped to this test's cases: other test files are writing beside it.
  await db.deleteFrom('claims').where('case_id', 'in', ids).execute();
  await db.updateTable('cases').set({ stage: 'WRONG', state: '{}' }).where('case_id', 'in', ids).execute();
  expect(await rebuildReadModels(db, { caseIds: ids })).toBe(3);
  expect(await snapshot(ids)).toEqual(live);
});

test('a projection that fell behind catches up from the store', async () => {
  const caseId = uniqueId('es');
  const events = settledCaseEvents(caseId);
  await appendAndProject(db, caseId, events.slice(0, 5));
  await db.deleteFrom('cases').where('case_id', '=', caseId).execute();
  await appendAndProject(db, caseId, events.slice(5, 7));
  const row = await db.selectFrom('cases').selectAll().where('case_id', '=', caseId).executeTakeFirstOrThrow();
  expect(storedCaseState(row.state)).toEqual(replayEvents(events.slice(0, 7)));
});
