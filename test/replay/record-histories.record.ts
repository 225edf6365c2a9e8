/**
 * Records the histories that test/replay/replay.test.ts replays. Not part of `npm test`; run it
 * when a new scenario deserves a guard (see README, "Changing the workflow safely"):
 *
 *   npx jest --testMatch '**\/record-histories.record.ts'
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import type { assistanceCase } from '../../programs/workflows';
import { applyLifeEventUpdate, approveProposalUpdate, getCaseQuery, proposeResolutionUpdate, recordAdmissionUpdate, recordDischargeUpdate, recordScreeningUpdate, recordSurgeryUpdate, rejectProposalUpdate, withdrawCaseUpdate } from '../../programs/surgery/workflow/definitions';
import { ACTORS, admissionOk, dischargeOk, screeningOk, surgeryOk } from '../fixtures/cases';
import { createCaseHarness, type CaseHarness } from '../workflow/case-harness';
import { testNamespace, testPayloadCodec, testTemporalAddress, testTemporalCli } from '../support/stack';
import { mapHistoryPayloads } from './history-payloads';

const HISTORIES = path.join(__dirname, 'histories');
/**
 * Bumped with every patch of the workflow (v2: lean-cascade, v3: four-eyes-resolution, v4: payer-task-queue,
 * v5: case-continue-as-new, v6: case-generation-6). Files of earlier generations stay: they are the running cases the patch must keep replaying.
 */
const GENERATION = 'v6';
const { officer, hospital, admin, approver } = ACTORS;

let h: CaseHarness;
beforeAll(async () => {
  h = await createCaseHarness();
});
afterAll(async () => {
  await h?.close();
});

async function save(name: string, handle: WorkflowHandle<typeof assistanceCase>): Promise<void> {
  await handle.result();
  await saveRun(`${GENERATION}-${name}`, handle.workflowId);
}

/** One run's history: the last one unless `runId` is given. */
async function saveRun(file: string, workflowId: string, runId?: string): Promise<void> {
  // The CLI writes the history in the proto3 JSON form replay reads back. Its payloads are
  // encrypted with this run's key: saved decoded, so any later run replays them.
  const run = runId === undefined ? [] : ['--run-id', runId];
  const json = execFileSync(testTemporalCli(), ['workflow', 'show', '--workflow-id', workflowId, ...run, '--address', testTemporalAddress(), '--namespace', testNamespace(), '--output', 'json']);
  const decoded = await mapHistoryPayloads(JSON.parse(json.toString('utf8')), 'decode', testPayloadCodec());
  fs.writeFileSync(path.join(HISTORIES, `${file}.json`), `${JSON.stringify(decoded, null, 2)}\n`);
}

/** Every run of a case that continued as new, first to last: `<name>-run1.json`, `<name>-run2.json`… */
async function saveRuns(name: string, handle: WorkflowHandleWithFirstExecutionRunId<typeof assistanceCase>): Promise<number> {
  await handle.result();
  let count = 0;
  for (let runId: string | undefined = handle.firstExecutionRunId; runId; ) {
    count += 1;
    await saveRun(`${GENERATION}-${name}-run${count}`, handle.workflowId, runId);
    const events: temporal.api.history.v1.IHistoryEvent[] = (await h.client.workflow.getHandle(handle.workflowId, runId).fetchHistory()).events ?? [];
    runId = events.at(-1)?.workflowExecutionContinuedAsNewEventAttributes?.newExecutionRunId ?? undefined;
  }
  return count;
}

async function toReimbursing(handle: WorkflowHandle<typeof assistanceCase>) {
  await handle.executeUpdate(recordScreeningUpdate, { args: [{ input: screeningOk, actor: officer }] });
  await handle.executeUpdate(recordAdmissionUpdate, { args: [{ input: admissionOk, actor: hospital }] });
  await handle.executeUpdate(recordAdmissionUpdate, { args: [{ input: admissionOk, actor: hospital }] }); // a replayed report
  await handle.executeUpdate(recordSurgeryUpdate, { args: [{ input: surgeryOk, actor: hospital }] });
  await handle.executeUpdate(recordDischargeUpdate, { args: [{ input: dischargeOk, actor: hospital }] });
}

test('happy path', async () => {
  const handle = await h.startCase({ caseId: 'replay-happy-path', withSearchAttributes: true });
  await toReimbursing(handle);
  await save('happy-path', handle);
});

test('payer outage resolved by hand', async () => {
  h.setPayer('MEDICAL_ASSISTANCE', { mode: 'down' });
  const handle = await h.startCase({ caseId: 'replay-payer-outage', withSearchAttributes: true });
  await toReimbursing(handle);
  for (;;) {
    const view = await handle.query(getCaseQuery);
    if (view.reimbursement?.claims[2]?.status === 'IN_PROGRESS') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await new Promise((resolve) => setTimeout(resolve, 1_500)); // let a few attempts fail
  // Two administrators: a proposal turned down, another proposed and approved (the key voided at the payer).
  const payer = 'MEDICAL_ASSISTANCE';
  const first = await handle.executeUpdate(proposeResolutionUpdate, { args: [{ payer, input: { status: 'PAID', amountFen: 1, reference: 'MA-TYPO', overridePolicy: false }, actor: admin }] });
  await handle.executeUpdate(rejectProposalUpdate, { args: [{ payer, proposalId: first.reimbursement!.proposals![0]!.proposalId, input: { reason: '金额有误' }, actor: approver }] });
  const second = await handle.executeUpdate(proposeResolutionUpdate, { args: [{ payer, input: { status: 'PAID', amountFen: 500_000, reference: 'MA-OFFLINE-1', overridePolicy: false }, actor: admin }] });
  await handle.executeUpdate(approveProposalUpdate, { args: [{ payer, proposalId: second.reimbursement!.proposals![1]!.proposalId, input: {}, actor: approver }] });
  h.setPayer('MEDICAL_ASSISTANCE', { mode: 'up' });
  await save('payer-outage-manual-resolution', handle);
});

test('withdrawal after an overdue screening', async () => {
  const handle = await h.startCase({ caseId: 'replay-withdrawal', sla: { SCREENING: 500 } });
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  await handle.executeUpdate(withdrawCaseUpdate, { args: [{ input: { reason: '家属不同意手术' }, actor: officer }] });
  await save('withdrawal', handle);
});

// A new Update, no patch: recorded in the current generation (`-t 'life events'` records it alone).
test('life events', async () => {
  const handle = await h.startCase({ caseId: 'replay-life-events' });
  const category = { eventId: 'LE-CATEGORY', type: 'ASSISTANCE_CHANGED' as const, on: '2026-11-20', assistanceCategory: 'TEKUN' as const };
  await handle.executeUpdate(applyLifeEventUpdate, { args: [{ input: category, actor: officer }] });
  await handle.executeUpdate(recordScreeningUpdate, { args: [{ input: screeningOk, actor: officer }] });
  await handle.executeUpdate(applyLifeEventUpdate, { args: [{ input: category, actor: officer }] }); // delivered again: a replay
  await handle.executeUpdate(recordAdmissionUpdate, { args: [{ input: admissionOk, actor: hospital }] });
  await handle.executeUpdate(recordSurgeryUpdate, { args: [{ input: surgeryOk, actor: hospital }] });
  // A death in rehabilitation ends the case WITHDRAWN.
  await handle.executeUpdate(applyLifeEventUpdate, { args: [{ input: { eventId: 'LE-DIED', type: 'DIED', on: '2026-11-25' }, actor: officer }] });
  await save('life-events', handle);
});

// The case continues as new between Updates (repeated reports) and between two payers of the
// cascade: each run is saved, the first ones ending in the continuation, the later ones starting
// from the carried case (`-t 'continues as new'` records it alone).
test('a long case continues as new', async () => {
  const handle = await h.startCase({ caseId: 'replay-continue-as-new', withSearchAttributes: true, historyLengthBound: 24 });
  await handle.executeUpdate(recordScreeningUpdate, { args: [{ input: screeningOk, actor: officer }] });
  for (let i = 0; i < 6; i++) await handle.executeUpdate(recordScreeningUpdate, { args: [{ input: screeningOk, actor: officer }] });
  await handle.executeUpdate(recordAdmissionUpdate, { args: [{ input: admissionOk, actor: hospital }] });
  await handle.executeUpdate(recordSurgeryUpdate, { args: [{ input: surgeryOk, actor: hospital }] });
  await handle.executeUpdate(recordDischargeUpdate, { args: [{ input: dischargeOk, actor: hospital }] });
  expect(await saveRuns('continue-as-new', handle)).toBeGreaterThanOrEqual(3);
});
