/**
 * A case's workflow continues as new when its history grows long: between Updates, or between two
 * payers of the cascade. The tests lower the bound to a few dozen events, so that a case driven
 * with repeated reports continues several times, and check that nothing is lost on the way: the
 * ledger, the events, the Updates sent during the switch, the stage's service-level timer.
 */
import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { tsToMs } from '@temporalio/common/lib/time';
import type { temporal } from '@temporalio/proto';
import { listCaseEvents } from '../../programs/surgery/store/case-events';
import type { assistanceCase } from '../../programs/workflows';
import { caseOpenedUpdate, getCaseQuery, recordAdmissionUpdate, recordDischargeUpdate, recordScreeningUpdate, searchAttributes, type AssistanceCaseInput } from '../../programs/surgery/workflow/definitions';
import { ACTORS, admissionOk, dischargeOk, screeningOk, SETTLED_CASE_EVENT_TYPES, WORKED_EXAMPLE_AMOUNTS } from '../fixtures/cases';
import { driveCase } from '../support/case-steps';
import { eventually } from '../support/eventually';
import { testPayloadCodec } from '../support/stack';
import { createCaseHarness, toReimbursing, type CaseHarness } from './case-harness';

type CaseHandle = WorkflowHandleWithFirstExecutionRunId<typeof assistanceCase>;

/** Low enough that a case continues after a handful of Updates, and between payers of the cascade. */
const BOUND = 24;

let h: CaseHarness;
beforeAll(async () => {
  h = await createCaseHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Each run of the case's workflow, first to last, with the input it was started with. */
async function runsOf(handle: CaseHandle): Promise<{ runId: string; input: AssistanceCaseInput }[]> {
  const first = handle.firstExecutionRunId;
  const runs: { runId: string; input: AssistanceCaseInput }[] = [];
  for (let runId: string | undefined = first; runId; ) {
    const history: temporal.api.history.v1.IHistory = await h.client.workflow.getHandle(handle.workflowId, runId).fetchHistory();
    const events: temporal.api.history.v1.IHistoryEvent[] = history.events ?? [];
    const payloads = (events[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? []) as Payload[];
    const [decoded] = await testPayloadCodec().decode(payloads);
    runs.push({ runId, input: defaultPayloadConverter.fromPayload<AssistanceCaseInput>(decoded!) });
    runId = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return runs;
}

/** Screening, then `repeats` deliveries of the same report (answered as replays), then the rest. */
async function driveWithRepeats(handle: CaseHandle, repeats: number) {
  await driveCase(handle, { officer: ACTORS.officer, hospital: ACTORS.hospital, to: 'screening' });
  for (let i = 0; i < repeats; i++) {
    const view = await handle.executeUpdate(recordScreeningUpdate, { args: [{ input: screeningOk, actor: ACTORS.officer }] });
    expect(view.stage).toBe('AWAITING_ADMISSION');
  }
  return driveCase(handle, { officer: ACTORS.officer, hospital: ACTORS.hospital, from: 'admission' });
}

async function ledgerOf(caseId: string) {
  const rows = await h.db.selectFrom('claims').selectAll().where('case_id', '=', caseId).orderBy('idempotency_key').execute();
  return rows.map((row) => ({ payer: row.payer, amountFen: row.amount_fen, status: row.status }));
}

test('a case driven through many Updates continues as new several times and settles as one that did not', async () => {
  const plain = await h.startCase({ withSearchAttributes: true });
  const long = await h.startCase({ withSearchAttributes: true, historyLengthBound: BOUND });
  await driveWithRepeats(plain, 8);
  await driveWithRepeats(long, 8);
  expect(await plain.result()).toMatchObject({ stage: 'SETTLED' });
  expect(await long.result()).toMatchObject({ stage: 'SETTLED' });

  const runs = await runsOf(long);
  expect(runs.length).toBeGreaterThanOrEqual(3);
  expect(await runsOf(plain)).toHaveLength(1);
  // Some run continued between Updates, and some in the middle of the cascade, between two payers.
  expect(runs.some((run) => run.input.carried && !run.input.carried.cascade)).toBe(true);
  expect(runs.some((run) => (run.input.carried?.cascade?.nextPayer ?? 0) > 0)).toBe(true);

  const plainView = await plain.query(getCaseQuery);
  const longView = await h.client.workflow.getHandle(long.workflowId).query(getCaseQuery);
  const [plainId, longId] = [plainView.caseId, longView.caseId];
  const amounts = Object.fromEntries(longView.reimbursement!.claims.map((claim) => [claim.payer, claim.amountFen]));
  expect(amounts).toEqual(WORKED_EXAMPLE_AMOUNTS);
  expect(longView.reimbursement!.paidFen).toBe(12_000_000);
  expect(longView.reimbursement!.claims.map(({ payer, status, amountFen, decidedBy }) => ({ payer, status, amountFen, decidedBy }))).toEqual(
    plainView.reimbursement!.claims.map(({ payer, status, amountFen, decidedBy }) => ({ payer, status, amountFen, decidedBy })),
  );

  const events = await listCaseEvents(h.db, longView.caseId);
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  expect(events.map((e) => e.type)).toEqual(SETTLED_CASE_EVENT_TYPES);
  expect(events.map((e) => e.type)).toEqual((await listCaseEvents(h.db, plainView.caseId)).map((e) => e.type));
  expect(await ledgerOf(longId)).toEqual(await ledgerOf(plainId));
  expect((await ledgerOf(longId)).reduce((sum, row) => sum + row.amountFen, 0)).toBe(12_000_000);

  // The last run carries the case's search attributes, set from its state.
  const attributes = (await h.client.workflow.getHandle(long.workflowId).describe()).typedSearchAttributes;
  expect(attributes.get(searchAttributes.stage)).toBe('SETTLED');
  expect(attributes.get(searchAttributes.town)).toBe(longView.applicant.town);
  expect(attributes.get(searchAttributes.hospital)).toBe(longView.hospitalId);
  expect(attributes.get(searchAttributes.stageEnteredAt)?.toISOString()).toBe(new Date(longView.stageEnteredAt).toISOString());
});

test('Updates sent while the case continues as new are all answered, none applied twice', async () => {
  const handle = await h.startCase({ historyLengthBound: BOUND });
  await handle.executeUpdate(caseOpenedUpdate);
  await handle.executeUpdate(recordScreeningUpdate, { args: [{ input: screeningOk, actor: ACTORS.officer }] });
  // Many at once: some reach the run that is draining, some the next one.
  const answers = await Promise.all([
    ...Array.from({ length: 12 }, () => handle.executeUpdate(recordScreeningUpdate, { args: [{ input: screeningOk, actor: ACTORS.officer }] })),
    handle.executeUpdate(recordAdmissionUpdate, { args: [{ input: admissionOk, actor: ACTORS.hospital }] }),
    ...Array.from({ length: 6 }, () => handle.executeUpdate(recordAdmissionUpdate, { args: [{ input: admissionOk, actor: ACTORS.hospital }] })),
  ]);
  expect(answers.slice(12).every((view) => view.stage === 'AWAITING_SURGERY')).toBe(true);
  expect((await runsOf(handle)).length).toBeGreaterThanOrEqual(2);
  const caseId = answers[0]!.caseId;
  const types = (await listCaseEvents(h.db, caseId)).map((e) => e.type);
  expect(types).toEqual(['CaseOpened', 'ScreeningRecorded', 'Admitted']);
  await handle.terminate('test done');
});

test("a stage's service-level timer still fires after the case continued as new, counted from when the stage was entered", async () => {
  const slaMs = 6_000;
  const handle = await h.startCase({ historyLengthBound: BOUND, sla: { AWAITING_ADMISSION: slaMs } });
  const screened = await handle.executeUpdate(recordScreeningUpdate, { args: [{ input: screeningOk, actor: ACTORS.officer }] });
  for (let i = 0; i < 8; i++) await handle.executeUpdate(recordScreeningUpdate, { args: [{ input: screeningOk, actor: ACTORS.officer }] });
  // Generous: on a loaded machine a workflow task may wait for its timeout before it runs again.
  const overdue = await eventually(
    'the overdue event',
    async () => (await listCaseEvents(h.db, screened.caseId)).find((event) => event.type === 'StageOverdue'),
    60_000,
  );
  expect(overdue.data).toEqual({ stage: 'AWAITING_ADMISSION', slaMs });
  expect(Date.parse(overdue.occurredAt) - Date.parse(screened.stageEnteredAt)).toBeGreaterThanOrEqual(slaMs);
  // Not restarted by a new run: each continued run set the stage's timer for what was left of the
  // stage's time when it started, never for the whole of it again.
  const runs = await runsOf(handle);
  expect(runs.length).toBeGreaterThanOrEqual(2);
  const dueAt = Date.parse(screened.stageEnteredAt) + slaMs;
  for (const { runId } of runs.slice(1)) {
    const events = (await h.client.workflow.getHandle(handle.workflowId, runId).fetchHistory()).events ?? [];
    const timer = events.find((event) => event.timerStartedEventAttributes)?.timerStartedEventAttributes;
    if (!timer) continue; // started after the stage's time was up, with the overdue carried
    const runStartedAt = tsToMs(events[0]!.eventTime);
    expect(tsToMs(timer.startToFireTimeout)).toBeLessThanOrEqual(Math.max(1, dueAt - runStartedAt) + 1);
  }
  const view = await h.client.workflow.getHandle(handle.workflowId).query(getCaseQuery);
  expect(view.overdue).toBe(true);
  await eventually('overdue search attribute', async () => ((await handle.describe()).typedSearchAttributes.get(searchAttributes.overdue) ? true : undefined));
  await handle.terminate('test done');
});

test('a payer call in flight holds the switch back: the run continues only once that claim is decided, and the call is made once', async () => {
  const payer = 'MEDICAL_ASSISTANCE';
  h.setPayer(payer, { mode: 'down' });
  try {
    const handle = await h.startCase({ historyLengthBound: BOUND });
    const { caseId } = await toReimbursing(handle);
    const current = () => h.client.workflow.getHandle(handle.workflowId);
    await eventually('the call to the third payer', async () => ((await current().query(getCaseQuery)).reimbursement?.claims[2]?.status === 'IN_PROGRESS' ? true : undefined));
    const runsBefore = (await runsOf(handle)).length;
    // The same discharge again and again (answered as replays): the history passes the bound…
    for (let i = 0; i < 8; i++) {
      expect((await handle.executeUpdate(recordDischargeUpdate, { args: [{ input: dischargeOk, actor: ACTORS.hospital }] })).stage).toBe('REIMBURSING');
    }
    expect((await current().describe()).historyLength).toBeGreaterThan(BOUND);
    // …but the run waits for the payer call it has running.
    expect(await runsOf(handle)).toHaveLength(runsBefore);
    h.setPayer(payer, { mode: 'up' });
    expect(await handle.result()).toMatchObject({ stage: 'SETTLED' });
    expect((await runsOf(handle)).length).toBeGreaterThan(runsBefore);
    const events = await listCaseEvents(h.db, caseId);
    expect(events.filter((event) => event.type === 'ClaimSubmitted' && event.data.payer === payer)).toHaveLength(1);
    expect(events.map((e) => e.type)).toEqual(SETTLED_CASE_EVENT_TYPES);
    const view = await current().query(getCaseQuery);
    expect(Object.fromEntries(view.reimbursement!.claims.map((claim) => [claim.payer, claim.amountFen]))).toEqual(WORKED_EXAMPLE_AMOUNTS);
    expect(view.reimbursement!.claims.find((claim) => claim.payer === payer)!.attempts).toBeGreaterThan(1);
  } finally {
    h.setPayer(payer, { mode: 'up' });
  }
});
