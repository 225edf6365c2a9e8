/**
 * Records the subsidy enrolment's histories that test/replay/replay.test.ts replays. Not part of
 * `npm test`; run it when a new scenario deserves a guard:
 *
 *   npx jest --testMatch '**\/record-enrolment-histories.record.ts'
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { markMonthsPaid, settleMonths, takeMonthsForPayroll } from '../../programs/subsidy/store/enrolment-months';
import { bankAccountUpdate, getEnrolmentQuery, lifeEventUpdate, objectionUpdate, decisionUpdate, payrollMonthsSettledSignal, repaymentUpdate, townReviewUpdate, waiveUpdate } from '../../programs/subsidy/workflow/definitions';
import { ACTORS, createEnrolmentHarness, storedInStage, throughDecision, type EnrolmentHandle, type EnrolmentHarness } from '../programs/subsidy/enrolment-harness';
import { testNamespace, testPayloadCodec, testTemporalAddress, testTemporalCli } from '../support/stack';
import { mapHistoryPayloads } from './history-payloads';

const HISTORIES = path.join(__dirname, 'histories');
/** Bumped with every patch of the enrolment workflow; files of earlier generations stay. */
const GENERATION = 'enrolment-v3';

let h: EnrolmentHarness;
beforeAll(async () => {
  h = await createEnrolmentHarness();
});
afterAll(async () => {
  await h?.close();
});

async function save(name: string, handle: EnrolmentHandle): Promise<void> {
  await handle.result();
  // Saved decoded (the payloads are encrypted with this run's key), so any later run replays them.
  const json = execFileSync(testTemporalCli(), ['workflow', 'show', '--workflow-id', handle.workflowId, '--address', testTemporalAddress(), '--namespace', testNamespace(), '--output', 'json']);
  const decoded = await mapHistoryPayloads(JSON.parse(json.toString('utf8')), 'decode', testPayloadCodec());
  fs.writeFileSync(path.join(HISTORIES, `${GENERATION}-${name}.json`), `${JSON.stringify(decoded, null, 2)}\n`);
}

test('objection, a second decision, the notice, a death after paid months, a repayment and a waiver', async () => {
  const personId = await h.registerPerson({ assistanceCategory: 'DIBAO', grade: 1 });
  const { handle, enrolmentId } = await h.apply({ personId, program: 'NURSING_SUBSIDY', appliedOn: '2026-05-04', enrolmentId: 'replay-death', noticeMs: 2_000, sla: { TOWN_REVIEW: 500 } });
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // the town review goes overdue
  const review = { input: { approved: true, reviewedBy: '镇民政办 张' }, actor: ACTORS.officer };
  await handle.executeUpdate(townReviewUpdate, { args: [review] });
  await handle.executeUpdate(townReviewUpdate, { args: [review] }); // delivered again: a replay
  await throughDecision(handle).catch(() => undefined); // the town review is a replay by then; the rest moves on
  await handle.executeUpdate(objectionUpdate, { args: [{ input: { reason: '村民反映' }, actor: ACTORS.officer }] });
  await handle.executeUpdate(decisionUpdate, { args: [{ input: { approved: true }, actor: ACTORS.civil }] });
  await storedInStage(h, enrolmentId, 'ACTIVE');
  await handle.executeUpdate(bankAccountUpdate, { args: [{ input: { bank: '甘肃银行', accountNo: '6214000000000000' }, actor: ACTORS.officer }] });
  await markMonthsPaid(h.db, enrolmentId, ['2026-06', '2026-07'], 'payroll-replay');
  await handle.executeUpdate(lifeEventUpdate, { args: [{ input: { eventId: 'LE-DIED', type: 'DIED', on: '2026-06-17' }, actor: ACTORS.officer }] });
  await handle.executeUpdate(repaymentUpdate, { args: [{ input: { amountFen: 5_000, reference: 'BANK-RET-001' }, actor: ACTORS.civil }] });
  await handle.executeUpdate(waiveUpdate, { args: [{ input: { reason: '家属困难，经批准核销' }, actor: ACTORS.admin }] });
  await save('death-and-recovery', handle);
});

test('a death while a payroll holds a month: the enrolment waits, the month is paid and signalled, a recovery opens and is waived', async () => {
  const personId = await h.registerPerson({ assistanceCategory: 'DIBAO', grade: 1 });
  const { handle, enrolmentId } = await h.apply({ personId, program: 'NURSING_SUBSIDY', appliedOn: '2026-05-04', enrolmentId: 'replay-held', noticeMs: 1_000 });
  await throughDecision(handle);
  await storedInStage(h, enrolmentId, 'ACTIVE');
  await markMonthsPaid(h.db, enrolmentId, ['2026-05', '2026-06'], 'payroll-replay-june');
  const july = [{ enrolmentId, month: '2026-07' }];
  const held = await takeMonthsForPayroll(h.db, 'NURSING_SUBSIDY', 'payroll-replay-july', july);
  if (held.length !== 1) throw new Error('July was not taken by the payroll');
  await handle.executeUpdate(lifeEventUpdate, { args: [{ input: { eventId: 'LE-DIED-HELD', type: 'DIED', on: '2026-06-17' }, actor: ACTORS.officer }] });
  await settleMonths(h.db, 'NURSING_SUBSIDY', 'payroll-replay-july', july, 'PAID');
  await handle.signal(payrollMonthsSettledSignal);
  for (let i = 0; i < 100 && (await handle.query(getEnrolmentQuery)).recovery === null; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  await handle.executeUpdate(waiveUpdate, { args: [{ input: { reason: '家属困难，经批准核销' }, actor: ACTORS.admin }] });
  await save('death-while-held', handle);
});
