/**
 * The "lean cascade" patch: the payer call stores the cascade's events itself, and a case started
 * with its search attributes is not upserted again.
 * Fewer writes must not mean fewer events stored: every event reaches `case_events`, in order,
 * whoever carries it, and nobody waiting for a write waits on a payer.
 */
import type { temporal } from '@temporalio/proto';
import { listCaseEvents } from '../../programs/surgery/store/case-events';
import { recordDischargeUpdate, recordScreeningUpdate } from '../../programs/surgery/workflow/definitions';
import { ACTORS, dischargeOk, screeningOk, SETTLED_CASE_EVENT_TYPES } from '../fixtures/cases';
import { eventually } from '../support/eventually';
import { createCaseHarness, resolveByHand, toReimbursing, type CaseHarness } from './case-harness';

const { hospital } = ACTORS;

let h: CaseHarness;
beforeAll(async () => {
  h = await createCaseHarness();
});
afterAll(async () => {
  await h?.close();
});

/** As many as a case settled with every payer deciding, or one resolved by hand instead. */
const SETTLED_CASE_EVENTS = SETTLED_CASE_EVENT_TYPES.length;

type Handle = Awaited<ReturnType<CaseHarness['startCase']>>;
type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

async function historyOf(handle: Handle): Promise<HistoryEvent[]> {
  return (await handle.fetchHistory()).events ?? [];
}

function localActivityTypes(events: HistoryEvent[]): string[] {
  return events
    .filter((event) => event.markerRecordedEventAttributes?.markerName === 'core_local_activity')
    .map((event) => {
      const data = event.markerRecordedEventAttributes!.details!['data']!.payloads![0]!.data!;
      return (JSON.parse(Buffer.from(data).toString('utf8')) as { activity_type: string }).activity_type;
    });
}

function scheduledActivityTypes(events: HistoryEvent[]): string[] {
  return events.filter((event) => event.activityTaskScheduledEventAttributes).map((event) => event.activityTaskScheduledEventAttributes!.activityType!.name!);
}

/** Upserts of the case's own attributes (the SDK adds one of TemporalChangeVersion for the patch). */
function caseUpsertCount(events: HistoryEvent[]): number {
  return events.filter((event) => {
    const fields = event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {};
    return Object.keys(fields).some((key) => key.startsWith('Case'));
  }).length;
}

/** Every event the workflow recorded is stored, numbered 1, 2, 3 … without a gap, and projected. */
async function expectAllStored(caseId: string, lastSeq: number): Promise<string[]> {
  const stored = await listCaseEvents(h.db, caseId);
  expect(stored.map((event) => event.seq)).toEqual(Array.from({ length: lastSeq }, (_, i) => i + 1));
  const row = await h.db.selectFrom('cases').select(['last_seq', 'stage']).where('case_id', '=', caseId).executeTakeFirstOrThrow();
  expect(row.last_seq).toBe(lastSeq);
  return stored.map((event) => event.type);
}

test('a settled case wrote once per transition and once at the end, the claims rode with the payer calls; every event is stored in order', async () => {
  const handle = await h.startCase({ withSearchAttributes: true });
  await toReimbursing(handle);
  expect(await handle.result()).toMatchObject({ stage: 'SETTLED' });
  const caseId = handle.workflowId.replace(/^case-/, '');

  const history = await historyOf(handle);
  // One patch asked (case-generation-6, for all the case's behaviours), so one marker and one
  // upsert of TemporalChangeVersion, where cases of the fifth generation had four of each.
  expect(history.filter((event) => event.markerRecordedEventAttributes?.markerName === 'core_patch')).toHaveLength(1);
  expect(history.filter((event) => 'TemporalChangeVersion' in (event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {}))).toHaveLength(1);
  // Opening, four transitions, and the last claim decision with CaseSettled; beside the last, the
  // ledger reconciled with the payers' books.
  // (At most: a write still in flight when the next events come takes them along in one batch.)
  const localActivities = localActivityTypes(history);
  expect(localActivities.filter((type) => type === 'reconcileClaims')).toHaveLength(1);
  const writes = localActivities.filter((type) => type === 'persistCaseEvents').length;
  expect(writes).toBeGreaterThanOrEqual(5);
  expect(writes).toBeLessThanOrEqual(6);
  expect(localActivities).toHaveLength(writes + 1);
  expect(scheduledActivityTypes(history)).toEqual(['loadPolicy', ...Array(5).fill('submitClaim')]);
  // One per stage entered; the opening's were set by the starter.
  expect(caseUpsertCount(history)).toBe(5);

  expect(await expectAllStored(caseId, SETTLED_CASE_EVENTS)).toEqual(SETTLED_CASE_EVENT_TYPES);
  const claims = await h.db.selectFrom('claims').select(['payer', 'status']).where('case_id', '=', caseId).execute();
  expect(claims.map((claim) => claim.status)).toEqual(Array(5).fill('PAID'));
});

test('a case started without search attributes sets them itself', async () => {
  const handle = await h.startCase();
  await handle.executeUpdate(recordScreeningUpdate, { args: [{ input: screeningOk, actor: ACTORS.officer }] });
  const history = await historyOf(handle);
  // The opening's and AWAITING_ADMISSION's.
  expect(caseUpsertCount(history)).toBe(2);
  const description = await handle.describe();
  expect(description.typedSearchAttributes.getAll().map((pair) => pair.key.name)).toEqual(expect.arrayContaining(['CaseStage', 'CaseTown', 'CaseHospital', 'StageEnteredAt', 'CaseOverdue']));
  await handle.terminate('test over');
});

test('while a payer is down its claim is stored as submitted, and an update waiting for a write does not wait on the payer', async () => {
  h.setPayer('MEDICAL_ASSISTANCE', { mode: 'down' });
  try {
    const handle = await h.startCase({ withSearchAttributes: true });
    await toReimbursing(handle);
    const caseId = handle.workflowId.replace(/^case-/, '');

    // Carried by the payer call, which stores them before it calls the payer.
    const claims = await eventually('the claim stored as submitted', async () => {
      const rows = await h.db.selectFrom('claims').select(['payer', 'status']).where('case_id', '=', caseId).orderBy('payer').execute();
      return rows.some((row) => row.payer === 'MEDICAL_ASSISTANCE' && row.status === 'IN_PROGRESS') ? rows : undefined;
    });
    expect(claims.filter((row) => row.status === 'PAID')).toHaveLength(2);

    // A repeated discharge report changes nothing and answers once everything recorded is
    // stored; the payer stays down until it has answered.
    const repeated = await handle.executeUpdate(recordDischargeUpdate, { args: [{ input: dischargeOk, actor: hospital }] });
    expect(repeated.stage).toBe('REIMBURSING');

    const resolved = await resolveByHand(handle, 'MEDICAL_ASSISTANCE', { status: 'PAID', amountFen: 500_000, reference: 'MA-OFFLINE-7' });
    expect(resolved.reimbursement!.claims[2]).toMatchObject({ status: 'PAID', decidedBy: 'admin' });
    h.setPayer('MEDICAL_ASSISTANCE', { mode: 'up' });
    expect(await handle.result()).toMatchObject({ stage: 'SETTLED' });

    // Proposed and approved, then recorded in place of the payer's decision.
    const types = await expectAllStored(caseId, SETTLED_CASE_EVENTS + 2);
    expect(types.filter((type) => type === 'ClaimResolvedManually')).toHaveLength(1);
    expect(types.filter((type) => type === 'ClaimDecided')).toHaveLength(4);
    expect(types[types.length - 1]).toBe('CaseSettled');
  } finally {
    h.setPayer('MEDICAL_ASSISTANCE', { mode: 'up' });
  }
});

describe('a payer call run by a worker of the earlier version (a rolling deploy)', () => {
  let old: CaseHarness;
  beforeAll(async () => {
    // It takes the claim but not the events that ride with it, stores nothing and says nothing.
    old = await createCaseHarness({ adaptActivities: (activities) => ({ ...activities, submitClaim: (request) => activities.submitClaim(request) }) });
  });
  afterAll(async () => {
    await old?.close();
  });

  test('the workflow stores the events itself: settled, every event stored in order', async () => {
    const handle = await old.startCase({ withSearchAttributes: true });
    await toReimbursing(handle);
    expect(await handle.result()).toMatchObject({ stage: 'SETTLED' });
    expect(await expectAllStored(handle.workflowId.replace(/^case-/, ''), SETTLED_CASE_EVENTS)).toEqual(SETTLED_CASE_EVENT_TYPES);
  });
});
