/**
 * The enrolment workflow on the real stack: Temporal's dev server, PostgreSQL, the worker with
 * both programs' activities. Amounts are the default policy's standards, written out here.
 */
import { openBankAccount, openEnrolmentState } from '../../../programs/subsidy/store/sealed-enrolment';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { listEnrolmentEvents } from '../../../programs/subsidy/store/enrolment-events';
import { listEnrolmentMonths, markMonthsPaid } from '../../../programs/subsidy/store/enrolment-months';
import { listEnrolments, readEnrolmentState } from '../../../programs/subsidy/store/enrolments';
import { rebuildEnrolmentReadModels } from '../../../programs/subsidy/store/event-store';
import { monthOfInstant, monthsFromThrough } from '../../../programs/subsidy/domain/index';
import {
  bankAccountUpdate,
  decisionUpdate,
  DEFAULT_ENROLMENT_STAGE_SLA_MS,
  enrolmentWorkflowId,
  ENROLMENT_REFUSAL_TYPES,
  enrolmentSearchAttributes,
  getEnrolmentQuery,
  lifeEventUpdate,
  objectionUpdate,
  reinstateUpdate,
  repaymentUpdate,
  suspendUpdate,
  townReviewUpdate,
  waiveUpdate,
} from '../../../programs/subsidy/workflow/definitions';
import { eventually } from '../../support/eventually';
import { testPayloadCodec, uniqueId } from '../../support/stack';
import { mapHistoryPayloads, payloadTexts } from '../../replay/history-payloads';
import { subsidyEnrolment } from '../../../programs/workflows';
import type { ApplyInput } from '../../../programs/subsidy/domain/index';
import { ACTORS, createEnrolmentHarness, disability, refusalOf, storedInStage, throughDecision, type EnrolmentHarness } from './enrolment-harness';

// The default policy's monthly standards, in fen, as its file states them.
const NURSING_GRADE_1_BEFORE_JULY_2026 = 10_000;
const NURSING_GRADE_1_FROM_JULY_2026 = 11_000;
const NURSING_GRADE_2_FROM_JULY_2026 = 9_000;
const LIVING_FROM_JULY_2026 = 13_000;

const NOTICE_MS = 3_000;

let h: EnrolmentHarness;
const enrolmentsOfThisFile: string[] = [];

beforeAll(async () => {
  h = await createEnrolmentHarness();
});
afterAll(async () => {
  await h?.close();
});

const thisMonth = () => monthOfInstant(new Date().toISOString());

async function activeEnrolment(person: Parameters<EnrolmentHarness['registerPerson']>[0], program: 'NURSING_SUBSIDY' | 'LIVING_SUBSIDY', appliedOn: string) {
  const personId = await h.registerPerson(person);
  const applied = await h.apply({ personId, program, appliedOn, noticeMs: NOTICE_MS });
  enrolmentsOfThisFile.push(applied.enrolmentId);
  await throughDecision(applied.handle);
  await storedInStage(h, applied.enrolmentId, 'ACTIVE');
  return { ...applied, personId };
}

async function months(enrolmentId: string) {
  return (await listEnrolmentMonths(h.db, enrolmentId)).map(({ month, amountFen, status }) => ({ month, amountFen, status }));
}

test('an application goes through both reviews, the decision and a 3-second public notice to ACTIVE', async () => {
  const personId = await h.registerPerson({ assistanceCategory: 'DIBAO', grade: 1 });
  const { handle, enrolmentId, opened } = await h.apply({ personId, program: 'NURSING_SUBSIDY', appliedOn: '2026-10-08', noticeMs: NOTICE_MS });
  enrolmentsOfThisFile.push(enrolmentId);
  expect(opened).toEqual({ enrolmentId, stage: 'TOWN_REVIEW', seq: 1 });

  // Refused before anything is written: the wrong role, the wrong stage, a malformed body.
  expect((await refusalOf(handle.executeUpdate(townReviewUpdate, { args: [{ input: { approved: true, reviewedBy: '张' }, actor: ACTORS.civil }] }))).type).toBe(ENROLMENT_REFUSAL_TYPES.forbidden);
  const early = await refusalOf(handle.executeUpdate(objectionUpdate, { args: [{ input: { reason: '邻居反映' }, actor: ACTORS.officer }] }));
  expect(early.type).toBe(ENROLMENT_REFUSAL_TYPES.stageConflict);
  expect(early.details?.[0]).toEqual({ currentStage: 'TOWN_REVIEW', allowedStages: ['PUBLIC_NOTICE'] });
  const malformed = await refusalOf(handle.executeUpdate(townReviewUpdate, { args: [{ input: { approved: 'yes', reviewedBy: '张' } as never, actor: ACTORS.officer }] }));
  expect(malformed.type).toBe(ENROLMENT_REFUSAL_TYPES.unprocessable);
  expect(malformed.message).toContain('approved');
  expect((await listEnrolmentEvents(h.db, enrolmentId)).map((event) => event.type)).toEqual(['EnrolmentApplied']);

  // A repeat of the application and of a review is answered from the state; another body is a conflict.
  const review = { input: { approved: true, reviewedBy: '镇民政办 张' }, actor: ACTORS.officer };
  const reviewed = await handle.executeUpdate(townReviewUpdate, { args: [review] });
  expect(reviewed).toEqual({ enrolmentId, stage: 'CDPF_REVIEW', seq: 2 });
  expect(await handle.executeUpdate(townReviewUpdate, { args: [review] })).toEqual(reviewed);
  expect((await refusalOf(handle.executeUpdate(townReviewUpdate, { args: [{ ...review, input: { ...review.input, reviewedBy: '别人' } }] }))).type).toBe(ENROLMENT_REFUSAL_TYPES.idempotencyConflict);
  expect((await h.apply({ personId, program: 'NURSING_SUBSIDY', appliedOn: '2026-10-08', enrolmentId })).opened).toEqual({ enrolmentId, stage: 'CDPF_REVIEW', seq: 2 });

  const noticed = await throughDecision(handle);
  expect(noticed.stage).toBe('PUBLIC_NOTICE');
  expect((await handle.describe()).typedSearchAttributes.get(enrolmentSearchAttributes.stage)).toBe('PUBLIC_NOTICE');

  const active = await storedInStage(h, enrolmentId, 'ACTIVE');
  expect(active.activeFrom).toBe('2026-10');
  expect(active.decision).toMatchObject({ approved: true, monthlyFen: NURSING_GRADE_1_FROM_JULY_2026, policyVersion: 'gansu-2026-illustrative', reasons: [], decidedBy: ACTORS.civil.sub });
  const events = await listEnrolmentEvents(h.db, enrolmentId);
  expect(events.map((event) => event.type)).toEqual(['EnrolmentApplied', 'TownReviewed', 'CdpfReviewed', 'EnrolmentDecided', 'NoticeStarted', 'EnrolmentActivated']);
  expect(events.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5, 6]);
  expect(events.at(-1)!.actor).toEqual({ role: 'system', sub: 'workflow' });
  await eventually('stage search attribute', async () => ((await handle.describe()).typedSearchAttributes.get(enrolmentSearchAttributes.stage) === 'ACTIVE' ? true : undefined));
  expect((await handle.query(getEnrolmentQuery)).stage).toBe('ACTIVE');

  const listed = await listEnrolments(h.db, { program: 'NURSING_SUBSIDY', stage: 'ACTIVE', town: '黄羊镇', personId }, 10);
  expect(listed.map((row) => row.enrolmentId)).toEqual([enrolmentId]);
  expect(await months(enrolmentId)).toEqual(monthsFromThrough('2026-10', thisMonth()).map((month) => ({ month, amountFen: NURSING_GRADE_1_FROM_JULY_2026, status: 'PAYABLE' })));

  // A new account replaces the old one, in its own column of the read model.
  const changed = await handle.executeUpdate(bankAccountUpdate, { args: [{ input: { bank: '甘肃银行', accountNo: '6214000000009999' }, actor: ACTORS.officer }] });
  expect(changed.seq).toBe(7);
  const row = await h.db.selectFrom('enrolments').select(['bank_account', 'state']).where('enrolment_id', '=', enrolmentId).executeTakeFirstOrThrow();
  // Sealed at rest: the column opens to the account, and neither it nor the state reads as one.
  expect(openBankAccount(row.bank_account)).toEqual({ bank: '甘肃银行', accountNo: '6214000000009999' });
  expect(JSON.stringify(row)).not.toMatch(/6228480000000001234|6214000000009999/);
  // In the events too, the account is in its own column and nowhere in the data.
  const stored = await h.db.selectFrom('enrolment_events').select(['type', 'data', 'bank_account']).where('enrolment_id', '=', enrolmentId).orderBy('seq').execute();
  expect(JSON.stringify(stored.map((event) => event.data))).not.toMatch(/6228480000000001234|6214000000009999/);
  expect(JSON.stringify(stored)).not.toMatch(/6228480000000001234|6214000000009999/);
  expect(stored.filter((event) => event.bank_account !== null).map((event) => [event.type, openBankAccount(event.bank_account!).accountNo])).toEqual([
    ['EnrolmentApplied', '6228480000000001234'],
    ['BankAccountChanged', '6214000000009999'],
  ]);
  expect((await listEnrolmentEvents(h.db, enrolmentId)).at(-1)).toMatchObject({ type: 'BankAccountChanged', data: { bank: '甘肃银行', accountNo: '6214000000009999' } });
  // The workflow's history holds the accounts only encrypted (the project's payload codec): no
  // payload as the server keeps it reads as one, and decoded with the key they are there.
  const raw = JSON.parse(historyToJSON(await handle.fetchHistory()));
  const readable = (history: unknown) => payloadTexts(history).join('\n');
  expect(readable(raw)).not.toMatch(/6228480000000001234|6214000000009999/);
  expect(readable(await mapHistoryPayloads(raw, 'decode', testPayloadCodec()))).toMatch(/6228480000000001234[\s\S]*6214000000009999/);
});

test('a second open enrolment of the person in the same program is refused, and nothing of it is stored', async () => {
  const personId = await h.registerPerson({ assistanceCategory: 'DIBAO', grade: 1 });
  const first = await h.apply({ personId, program: 'NURSING_SUBSIDY', appliedOn: '2026-11-02' });
  enrolmentsOfThisFile.push(first.enrolmentId);
  const second = await refusalOf(h.apply({ personId, program: 'NURSING_SUBSIDY', appliedOn: '2026-11-03' }));
  expect(second.type).toBe(ENROLMENT_REFUSAL_TYPES.duplicateEnrolment);
  expect(await listEnrolments(h.db, { personId }, 10)).toHaveLength(1);
  // The other subsidy is another program: allowed.
  const living = await h.apply({ personId, program: 'LIVING_SUBSIDY', appliedOn: '2026-11-03' });
  enrolmentsOfThisFile.push(living.enrolmentId);
  expect(living.opened.stage).toBe('TOWN_REVIEW');
});

test('an objection during the public notice sends the enrolment back to the decision', async () => {
  const personId = await h.registerPerson({ assistanceCategory: 'DIBAO', grade: 2 });
  const { handle, enrolmentId } = await h.apply({ personId, program: 'NURSING_SUBSIDY', appliedOn: '2026-11-02', noticeMs: 3_600_000 });
  enrolmentsOfThisFile.push(enrolmentId);
  await throughDecision(handle);
  const objected = await handle.executeUpdate(objectionUpdate, { args: [{ input: { reason: '村民反映其家庭收入较高' }, actor: ACTORS.officer }] });
  expect(objected.stage).toBe('DECISION');
  const state = await handle.query(getEnrolmentQuery);
  expect(state.noticeEndsAt).toBeNull();
  expect(state.objections).toEqual([expect.objectContaining({ reason: '村民反映其家庭收入较高', by: ACTORS.officer.sub })]);
  // The second decision is a new action, not a repeat of the first.
  const again = await handle.executeUpdate(decisionUpdate, { args: [{ input: { approved: false, reason: '核实收入超标' }, actor: ACTORS.civil }] });
  expect(again.stage).toBe('REJECTED');
  expect(await handle.result()).toEqual({ enrolmentId, stage: 'REJECTED' });
  const events = (await listEnrolmentEvents(h.db, enrolmentId)).map((event) => event.type);
  expect(events).toEqual(['EnrolmentApplied', 'TownReviewed', 'CdpfReviewed', 'EnrolmentDecided', 'NoticeStarted', 'ObjectionRaised', 'EnrolmentDecided', 'EnrolmentRejected']);
  expect(await months(enrolmentId)).toEqual([]);
});

test('approving an ineligible person is refused with every reason, and nothing is written', async () => {
  const personId = await h.registerPerson({ assistanceCategory: 'TEKUN', grade: 3, longTermCare: false });
  const { handle, enrolmentId } = await h.apply({ personId, program: 'NURSING_SUBSIDY', appliedOn: '2026-11-02' });
  enrolmentsOfThisFile.push(enrolmentId);
  await expect(throughDecision(handle)).rejects.toBeDefined();
  const refusal = await refusalOf(handle.executeUpdate(decisionUpdate, { args: [{ input: { approved: true }, actor: ACTORS.civil }] }));
  expect(refusal.type).toBe(ENROLMENT_REFUSAL_TYPES.notEligible);
  expect(refusal.details?.[0]).toEqual({ reasons: ['GRADE', 'LONG_TERM_CARE', 'CATEGORY_EXCLUDED'] });
  expect((await listEnrolmentEvents(h.db, enrolmentId)).map((event) => event.type)).toEqual(['EnrolmentApplied', 'TownReviewed', 'CdpfReviewed']);
  const rejected = await handle.executeUpdate(decisionUpdate, { args: [{ input: { approved: false, reason: '不符合条件' }, actor: ACTORS.civil }] });
  expect(rejected.stage).toBe('REJECTED');
  expect((await readEnrolmentState(h.db, enrolmentId))?.decision).toMatchObject({ approved: false, monthlyFen: 0, reasons: ['GRADE', 'LONG_TERM_CARE', 'CATEGORY_EXCLUDED'] });
});

test('arrears: applied in March 2026 and active now, the months from March on are owed at the standard of each month', async () => {
  const { enrolmentId } = await activeEnrolment({ assistanceCategory: 'DIBAO', grade: 1 }, 'NURSING_SUBSIDY', '2026-03-02');
  const expected = monthsFromThrough('2026-03', thisMonth()).map((month) => ({
    month,
    amountFen: month < '2026-07' ? NURSING_GRADE_1_BEFORE_JULY_2026 : NURSING_GRADE_1_FROM_JULY_2026,
    status: 'PAYABLE',
  }));
  const rows = await months(enrolmentId);
  expect(rows.slice(0, 3)).toEqual([
    { month: '2026-03', amountFen: 10_000, status: 'PAYABLE' },
    { month: '2026-04', amountFen: 10_000, status: 'PAYABLE' },
    { month: '2026-05', amountFen: 10_000, status: 'PAYABLE' },
  ]);
  expect(rows).toEqual(expected);
});

test('a death on 17 June after June and July were paid: terminated after June, July recovered, repaid in part and waived', async () => {
  const { handle, enrolmentId } = await activeEnrolment({ assistanceCategory: 'DIBAO', grade: 1 }, 'NURSING_SUBSIDY', '2026-05-04');
  expect(await markMonthsPaid(h.db, enrolmentId, ['2026-06', '2026-07'], 'payroll-test-2026-07')).toEqual(['2026-06', '2026-07']);

  const died = await handle.executeUpdate(lifeEventUpdate, { args: [{ input: { eventId: `${enrolmentId}-died`, type: 'DIED', on: '2026-06-17' }, actor: ACTORS.officer }] });
  expect(died.stage).toBe('TERMINATED');
  expect(died.effect).toEqual({ stageBefore: 'ACTIVE', stageAfter: 'TERMINATED', overpaymentFen: NURSING_GRADE_1_FROM_JULY_2026 });
  const state = await handle.query(getEnrolmentQuery);
  expect(state.termination).toEqual({ on: '2026-06-17', reason: 'DIED', terminatedAfter: '2026-06' });
  expect(state.recovery).toEqual({ owedFen: 11_000, recoveredFen: 0, waivedFen: 0, status: 'OPEN' });
  // A repeat of the same event is answered the same, and finds nothing new.
  const repeated = await handle.executeUpdate(lifeEventUpdate, { args: [{ input: { eventId: `${enrolmentId}-died`, type: 'DIED', on: '2026-06-17' }, actor: ACTORS.officer }] });
  expect(repeated).toEqual(died);

  await eventually('months after the death', async () => ((await months(enrolmentId)).length === 3 ? true : undefined));
  expect(await months(enrolmentId)).toEqual([
    { month: '2026-05', amountFen: 10_000, status: 'PAYABLE' },
    { month: '2026-06', amountFen: 10_000, status: 'PAID' },
    { month: '2026-07', amountFen: 11_000, status: 'PAID' },
  ]);

  const repaid = await handle.executeUpdate(repaymentUpdate, { args: [{ input: { amountFen: 5_000, reference: 'BANK-RET-001' }, actor: ACTORS.civil }] });
  expect(repaid.stage).toBe('TERMINATED');
  const tooMuch = await refusalOf(handle.executeUpdate(repaymentUpdate, { args: [{ input: { amountFen: 6_001, reference: 'BANK-RET-002' }, actor: ACTORS.civil }] }));
  expect(tooMuch.type).toBe(ENROLMENT_REFUSAL_TYPES.unprocessable);
  expect(tooMuch.message).toContain('6000');
  expect((await refusalOf(handle.executeUpdate(waiveUpdate, { args: [{ input: { reason: '家属困难' }, actor: ACTORS.civil }] }))).type).toBe(ENROLMENT_REFUSAL_TYPES.forbidden);

  await handle.executeUpdate(waiveUpdate, { args: [{ input: { reason: '家属困难，经批准核销' }, actor: ACTORS.admin }] });
  // With nothing left to recover, the enrolment's workflow ends.
  expect(await handle.result()).toEqual({ enrolmentId, stage: 'TERMINATED' });
  expect((await readEnrolmentState(h.db, enrolmentId))?.recovery).toEqual({ owedFen: 11_000, recoveredFen: 5_000, waivedFen: 6_000, status: 'CLOSED' });
});

test('a grade change in July is paid at grade 2 from August', async () => {
  const { handle, enrolmentId } = await activeEnrolment({ assistanceCategory: 'DIBAO', grade: 1 }, 'NURSING_SUBSIDY', '2026-06-01');
  const changed = await handle.executeUpdate(lifeEventUpdate, {
    args: [{ input: { eventId: `${enrolmentId}-grade`, type: 'DISABILITY_CHANGED', on: '2026-07-10', disability: disability(2) }, actor: ACTORS.officer }],
  });
  expect(changed.effect).toEqual({ stageBefore: 'ACTIVE', stageAfter: 'ACTIVE', overpaymentFen: 0 });
  await eventually('August at grade 2', async () => ((await months(enrolmentId)).find((row) => row.month === '2026-08')?.amountFen === NURSING_GRADE_2_FROM_JULY_2026 ? true : undefined));
  const rows = await months(enrolmentId);
  expect(rows.slice(0, 4)).toEqual([
    { month: '2026-06', amountFen: 10_000, status: 'PAYABLE' },
    { month: '2026-07', amountFen: 11_000, status: 'PAYABLE' },
    { month: '2026-08', amountFen: 9_000, status: 'PAYABLE' },
    { month: '2026-09', amountFen: 9_000, status: 'PAYABLE' },
  ]);
  expect(rows.map((row) => row.month)).toEqual(monthsFromThrough('2026-06', thisMonth()));
});

test('the living subsidy ends when the household leaves 低保', async () => {
  const { handle, enrolmentId } = await activeEnrolment({ assistanceCategory: 'DIBAO', grade: 3, longTermCare: false }, 'LIVING_SUBSIDY', '2026-07-01');
  const changed = await handle.executeUpdate(lifeEventUpdate, {
    args: [{ input: { eventId: `${enrolmentId}-category`, type: 'ASSISTANCE_CHANGED', on: '2026-08-05', assistanceCategory: 'NONE' }, actor: ACTORS.officer }],
  });
  expect(changed.effect).toEqual({ stageBefore: 'ACTIVE', stageAfter: 'TERMINATED', overpaymentFen: 0 });
  expect(await handle.result()).toEqual({ enrolmentId, stage: 'TERMINATED' });
  const state = await readEnrolmentState(h.db, enrolmentId);
  expect(state?.termination).toEqual({ on: '2026-08-05', reason: 'NO_LONGER_ELIGIBLE', terminatedAfter: '2026-08' });
  expect(await months(enrolmentId)).toEqual([
    { month: '2026-07', amountFen: LIVING_FROM_JULY_2026, status: 'PAYABLE' },
    { month: '2026-08', amountFen: LIVING_FROM_JULY_2026, status: 'PAYABLE' },
  ]);
});

test('a suspension holds the months from its start; a reinstatement without back pay pays again from its own month', async () => {
  const { handle, enrolmentId } = await activeEnrolment({ assistanceCategory: 'DIBAO', grade: 1 }, 'NURSING_SUBSIDY', '2026-08-03');
  expect((await refusalOf(handle.executeUpdate(reinstateUpdate, { args: [{ input: { backPay: false }, actor: ACTORS.civil }] }))).type).toBe(ENROLMENT_REFUSAL_TYPES.stageConflict);
  expect((await refusalOf(handle.executeUpdate(suspendUpdate, { args: [{ input: { fromMonth: '2026-13', reason: '待核查' }, actor: ACTORS.civil }] }))).message).toContain('fromMonth');
  const suspended = await handle.executeUpdate(suspendUpdate, { args: [{ input: { fromMonth: '2026-09', reason: '待核查居住情况' }, actor: ACTORS.civil }] });
  expect(suspended.stage).toBe('SUSPENDED');
  const held = monthsFromThrough('2026-09', thisMonth()).map((month) => ({ month, amountFen: NURSING_GRADE_1_FROM_JULY_2026, status: 'SUSPENDED' }));
  expect(await months(enrolmentId)).toEqual([{ month: '2026-08', amountFen: NURSING_GRADE_1_FROM_JULY_2026, status: 'PAYABLE' }, ...held]);

  const reinstated = await handle.executeUpdate(reinstateUpdate, { args: [{ input: { backPay: false }, actor: ACTORS.civil }] });
  expect(reinstated.stage).toBe('ACTIVE');
  // The month of the reinstatement is payable again; the months before it stay held.
  const rows = await months(enrolmentId);
  expect(rows.at(-1)).toEqual({ month: thisMonth(), amountFen: NURSING_GRADE_1_FROM_JULY_2026, status: 'PAYABLE' });
  expect(rows.slice(1, -1).every((row) => row.status === 'SUSPENDED')).toBe(true);
});

test('the read models rebuilt from the events equal the live ones', async () => {
  const snapshot = async () => {
    const stored = await h.db.selectFrom('enrolments').selectAll().where('enrolment_id', 'in', enrolmentsOfThisFile).orderBy('enrolment_id').execute();
    // Compared opened: a sealed value is written differently each time it is sealed.
    const rows = stored.map(({ state, bank_account, ...columns }) => ({ ...columns, state: openEnrolmentState(state, bank_account) }));
    const monthRows = await h.db.selectFrom('enrolment_months').select(['enrolment_id', 'month', 'amount_fen', 'status', 'payroll_id']).where('enrolment_id', 'in', enrolmentsOfThisFile).orderBy('enrolment_id').orderBy('month').execute();
    return { rows, monthRows };
  };
  expect(enrolmentsOfThisFile.length).toBeGreaterThanOrEqual(8);
  const live = await snapshot();
  expect(live.rows).toHaveLength(enrolmentsOfThisFile.length);
  expect(live.monthRows.length).toBeGreaterThan(10);
  expect(await rebuildEnrolmentReadModels(h.db, { enrolmentIds: enrolmentsOfThisFile })).toBe(enrolmentsOfThisFile.length);
  expect(await snapshot()).toEqual(live);
});

test('a stage past its service-level time is flagged overdue, in the events, the read model and the search attributes', async () => {
  const personId = await h.registerPerson({ assistanceCategory: 'DIBAO', grade: 1 });
  const { handle, enrolmentId } = await h.apply({ personId, program: 'NURSING_SUBSIDY', appliedOn: '2026-11-02', sla: { TOWN_REVIEW: 500 } });
  const overdue = await eventually('overdue row', async () => ((await readEnrolmentState(h.db, enrolmentId))?.overdue ? true : undefined));
  expect(overdue).toBe(true);
  expect((await listEnrolments(h.db, { overdue: true, personId }, 10)).map((row) => row.enrolmentId)).toEqual([enrolmentId]);
  expect((await listEnrolmentEvents(h.db, enrolmentId)).at(-1)).toMatchObject({ type: 'StageOverdue', data: { stage: 'TOWN_REVIEW', slaMs: 500 } });
  await eventually('overdue search attribute', async () => ((await handle.describe()).typedSearchAttributes.get(enrolmentSearchAttributes.overdue) ? true : undefined));
  await handle.executeUpdate(townReviewUpdate, { args: [{ input: { approved: true, reviewedBy: '镇民政办 张' }, actor: ACTORS.officer }] });
  expect((await readEnrolmentState(h.db, enrolmentId))?.overdue).toBe(false);
  expect((await handle.describe()).typedSearchAttributes.get(enrolmentSearchAttributes.overdue)).toBe(false);
});

test('a long history continues as new between Updates, carrying the state, and the public notice still ends', async () => {
  const personId = await h.registerPerson({ assistanceCategory: 'DIBAO', grade: 1 });
  const { handle, enrolmentId } = await h.apply({ personId, program: 'NURSING_SUBSIDY', appliedOn: '2026-10-08', noticeMs: NOTICE_MS, historyLengthBound: 25 });
  const firstRun = (await handle.describe()).runId;
  await throughDecision(handle);
  for (let i = 0; i < 4; i++) {
    await handle.executeUpdate(bankAccountUpdate, { args: [{ input: { bank: '甘肃银行', accountNo: `621400000000${1000 + i}` }, actor: ACTORS.officer }] });
  }
  const laterRun = await eventually('a continued run', async () => {
    const { runId } = await h.client.workflow.getHandle(handle.workflowId).describe();
    return runId !== firstRun ? runId : undefined;
  });
  expect(laterRun).not.toBe(firstRun);
  // The notice's timer is set again by the new run from the carried state.
  const active = await storedInStage(h, enrolmentId, 'ACTIVE');
  expect(active.bankAccount.accountNo).toBe('6214000000001003');
  const events = await listEnrolmentEvents(h.db, enrolmentId);
  expect(events.map((event) => event.seq)).toEqual(events.map((_, i) => i + 1));
  expect(events.filter((event) => event.type === 'EnrolmentActivated')).toHaveLength(1);
  const state = await h.client.workflow.getHandle(handle.workflowId).query(getEnrolmentQuery);
  expect(state.seq).toBe(events.length);
});

test('an application started straight on Temporal is checked by the activity that reads its person: a malformed body or an unknown person ends the workflow, nothing written', async () => {
  const personId = await h.registerPerson({ assistanceCategory: 'DIBAO', grade: 1 });
  const bankAccount = { bank: '武威农商银行', accountNo: '6228480000000001234' };
  const cases = [
    { enrolmentId: uniqueId('enr-bad'), input: { program: 'NURSING_SUBSIDY', personId, appliedOn: '2026-5-4', bankAccount } },
    { enrolmentId: uniqueId('enr-nobody'), input: { program: 'NURSING_SUBSIDY', personId: 'no-such-person', appliedOn: '2026-05-04', bankAccount } },
  ];
  for (const { enrolmentId, input } of cases) {
    const result = await h.client.workflow.execute(subsidyEnrolment, {
      workflowId: enrolmentWorkflowId(enrolmentId),
      taskQueue: h.taskQueue,
      args: [{ enrolmentId, application: { input: { enrolmentId, ...input } as ApplyInput, actor: ACTORS.officer }, stageSlaMs: DEFAULT_ENROLMENT_STAGE_SLA_MS }],
    });
    expect(result).toEqual({ enrolmentId, stage: null });
    expect(await listEnrolmentEvents(h.db, enrolmentId)).toEqual([]);
    const raw = historyToJSON(await h.client.workflow.getHandle(enrolmentWorkflowId(enrolmentId)).fetchHistory());
    const texts = payloadTexts(await mapHistoryPayloads(JSON.parse(raw), 'decode', testPayloadCodec())).join('\n');
    expect(texts).toContain('"activity_type":"applicationFacts"');
    expect(texts).not.toContain('personFacts');
  }
});
