import type { WorkflowHandle } from '@temporalio/client';
import { listCaseEvents } from '../../programs/surgery/store/case-events';
import { storedCaseState } from '../../programs/surgery/store/cases';
import type { assistanceCase } from '../../programs/workflows';
import {
  getCaseQuery,
  recordAdmissionUpdate,
  recordDischargeUpdate,
  recordScreeningUpdate,
  recordSurgeryUpdate,
  proposeResolutionUpdate,
  withdrawCaseUpdate,
  caseOpenedUpdate,
  searchAttributes,
} from '../../programs/surgery/workflow/definitions';
import { admissionOk, dischargeOk, screeningOk, SETTLED_CASE_EVENT_TYPES, surgeryOk, WORKED_EXAMPLE_AMOUNTS } from '../fixtures/cases';
import { createCaseHarness, type CaseHarness } from './case-harness';
import { driveCase } from '../support/case-steps';
import { PAYERS } from '../../programs/surgery/domain/stages';
import { updateFailureOf } from '../support/update-failure';

const officer = { role: 'officer' as const, sub: 'officer-li' };
const hospital = { role: 'hospital' as const, sub: 'his-wuwei', hospitalId: 'wuwei-hand-foot' };
const admin = { role: 'admin' as const, sub: 'admin-wang' };

let h: CaseHarness;
beforeAll(async () => {
  h = await createCaseHarness();
});
afterAll(async () => {
  await h?.close();
});

type CaseHandle = WorkflowHandle<typeof assistanceCase>;

function throughDischarge(handle: CaseHandle, bill = dischargeOk.bill) {
  return driveCase(handle, { officer, hospital, bill });
}

async function storedEventTypes(caseId: string): Promise<string[]> {
  return (await listCaseEvents(h.db, caseId)).map((event) => event.type);
}

test('a case goes from screening to SETTLED with the worked example to the fen', async () => {
  const handle = await h.startCase();
  const opened = await handle.executeUpdate(caseOpenedUpdate);
  expect(opened.stage).toBe('SCREENING');

  const discharged = await throughDischarge(handle);
  expect(discharged.stage).toBe('REIMBURSING');
  const during = (await handle.describe()).typedSearchAttributes;
  expect(during.get(searchAttributes.town)).toBe('黄羊镇');
  expect(during.get(searchAttributes.hospital)).toBe('wuwei-hand-foot');
  expect(during.get(searchAttributes.stageEnteredAt)?.toISOString()).toBe(new Date(discharged.stageEnteredAt).toISOString());
  expect(await handle.result()).toEqual({ caseId: opened.caseId, stage: 'SETTLED' });

  const view = await handle.query(getCaseQuery);
  expect(view.stage).toBe('SETTLED');
  expect((await handle.describe()).typedSearchAttributes.get(searchAttributes.stage)).toBe('SETTLED');
  expect(view.reimbursement?.policyVersion).toBe('gansu-2025-illustrative');
  const amounts = Object.fromEntries(view.reimbursement!.claims.map((claim) => [claim.payer, claim.amountFen]));
  expect(amounts).toEqual(WORKED_EXAMPLE_AMOUNTS);
  expect(view.reimbursement!.claims.map((c) => c.payer)).toEqual([...PAYERS]);
  expect(view.reimbursement!.claims.every((c) => c.status === 'PAID' && c.decidedBy === 'payer' && c.explanation)).toBe(true);
  expect(view.reimbursement!.paidFen).toBe(12_000_000);
  expect(view.reimbursement!.outOfPocketFen).toBe(0);

  const events = await listCaseEvents(h.db, opened.caseId);
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  expect(events.map((e) => e.type)).toEqual(SETTLED_CASE_EVENT_TYPES);
  const ledger = await h.db.selectFrom('claims').selectAll().where('case_id', '=', opened.caseId).orderBy('idempotency_key').execute();
  expect(ledger).toHaveLength(5);
  expect(ledger.reduce((sum, row) => sum + row.amount_fen, 0)).toBe(12_000_000);
  const row = await h.db.selectFrom('cases').selectAll().where('case_id', '=', opened.caseId).executeTakeFirstOrThrow();
  expect(row.stage).toBe('SETTLED');
  expect(storedCaseState(row.state).reimbursement?.paidFen).toBe(12_000_000);
});

test('every transition out of its stage is refused before anything is written', async () => {
  const handle = await h.startCase();
  const { caseId } = await handle.executeUpdate(caseOpenedUpdate);
  const wrong = [
    handle.executeUpdate(recordAdmissionUpdate, { args: [{ input: admissionOk, actor: hospital }] }),
    handle.executeUpdate(recordSurgeryUpdate, { args: [{ input: surgeryOk, actor: hospital }] }),
    handle.executeUpdate(recordDischargeUpdate, { args: [{ input: dischargeOk, actor: hospital }] }),
    handle.executeUpdate(proposeResolutionUpdate, { args: [{ payer: 'PROVINCIAL_CHARITY', input: { status: 'PAID', amountFen: 1, reference: 'R', overridePolicy: false }, actor: admin }] }),
  ];
  for (const attempt of wrong) {
    const failure = await updateFailureOf(attempt);
    expect(failure.type).toBe('StageConflict');
    expect(failure.details?.[0]).toEqual({ currentStage: 'SCREENING' });
  }
  await handle.executeUpdate(recordScreeningUpdate, { args: [{ input: screeningOk, actor: officer }] });
  const late = await updateFailureOf(handle.executeUpdate(recordDischargeUpdate, { args: [{ input: dischargeOk, actor: hospital }] }));
  expect(late.details?.[0]).toEqual({ currentStage: 'AWAITING_ADMISSION' });

  expect(await storedEventTypes(caseId)).toEqual(['CaseOpened', 'ScreeningRecorded']);
  const history = await handle.fetchHistory();
  // Rejected updates leave no trace in the history either (validators run before it is written).
  const updateEvents = history.events!.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes);
  expect(updateEvents).toHaveLength(2); // caseOpened + screening
  await handle.terminate('test done');
});

test('an identical repeat is answered with the current case and writes nothing; a different body is a conflict', async () => {
  const handle = await h.startCase();
  const { caseId } = await handle.executeUpdate(caseOpenedUpdate);
  await handle.executeUpdate(recordScreeningUpdate, { args: [{ input: screeningOk, actor: officer }] });
  const first = await handle.executeUpdate(recordAdmissionUpdate, { args: [{ input: admissionOk, actor: hospital }] });
  const [a, b] = await Promise.all([
    handle.executeUpdate(recordAdmissionUpdate, { args: [{ input: admissionOk, actor: hospital }] }),
    handle.executeUpdate(recordAdmissionUpdate, { args: [{ input: admissionOk, actor: hospital }] }),
  ]);
  expect(a).toEqual(first);
  expect(b).toEqual(first);
  await handle.executeUpdate(recordSurgeryUpdate, { args: [{ input: surgeryOk, actor: hospital }] });
  // Still a replay after the case moved on: 200 with the current case.
  const later = await handle.executeUpdate(recordAdmissionUpdate, { args: [{ input: admissionOk, actor: hospital }] });
  expect(later.stage).toBe('REHABILITATION');

  const conflict = await updateFailureOf(handle.executeUpdate(recordAdmissionUpdate, { args: [{ input: { ...admissionOk, admissionNo: 'ZY-9999' }, actor: hospital }] }));
  expect(conflict.type).toBe('IdempotencyConflict');
  expect(await storedEventTypes(caseId)).toEqual(['CaseOpened', 'ScreeningRecorded', 'Admitted', 'SurgeryCompleted']);
  await handle.terminate('test done');
});

test('concurrent identical reports are applied once', async () => {
  const handle = await h.startCase();
  const { caseId } = await handle.executeUpdate(caseOpenedUpdate);
  await handle.executeUpdate(recordScreeningUpdate, { args: [{ input: screeningOk, actor: officer }] });
  const views = await Promise.all(Array.from({ length: 5 }, () => handle.executeUpdate(recordAdmissionUpdate, { args: [{ input: admissionOk, actor: hospital }] })));
  expect(new Set(views.map((v) => v.stage))).toEqual(new Set(['AWAITING_SURGERY']));
  expect((await storedEventTypes(caseId)).filter((t) => t === 'Admitted')).toHaveLength(1);
  await handle.terminate('test done');
});

test('withdrawal is allowed while waiting for admission and refused after surgery', async () => {
  const handle = await h.startCase();
  await handle.executeUpdate(recordScreeningUpdate, { args: [{ input: screeningOk, actor: officer }] });
  const withdrawn = await handle.executeUpdate(withdrawCaseUpdate, { args: [{ input: { reason: '本人放弃手术' }, actor: officer }] });
  expect(withdrawn.stage).toBe('WITHDRAWN');
  expect(withdrawn.withdrawal).toMatchObject({ reason: '本人放弃手术', withdrawnBy: 'officer-li' });
  expect(await handle.result()).toMatchObject({ stage: 'WITHDRAWN' });
  const registration = await h.db.selectFrom('cases').select('stage').where('case_id', '=', withdrawn.caseId).executeTakeFirstOrThrow();
  expect(registration.stage).toBe('WITHDRAWN');

  const other = await h.startCase();
  await other.executeUpdate(recordScreeningUpdate, { args: [{ input: screeningOk, actor: officer }] });
  await other.executeUpdate(recordAdmissionUpdate, { args: [{ input: admissionOk, actor: hospital }] });
  await other.executeUpdate(recordSurgeryUpdate, { args: [{ input: surgeryOk, actor: hospital }] });
  const refused = await updateFailureOf(other.executeUpdate(withdrawCaseUpdate, { args: [{ input: { reason: 'too late' }, actor: officer }] }));
  expect(refused.type).toBe('StageConflict');
  expect(refused.details?.[0]).toEqual({ currentStage: 'REHABILITATION' });
  await other.terminate('test done');
});

test('a screening that finds the applicant ineligible ends the case', async () => {
  const handle = await h.startCase();
  const view = await handle.executeUpdate(recordScreeningUpdate, {
    args: [{ input: { ...screeningOk, eligible: false, reason: '畸形程度不符合手术指征' }, actor: officer }],
  });
  expect(view.stage).toBe('INELIGIBLE');
  expect(view.screening?.reason).toBe('畸形程度不符合手术指征');
  expect(await handle.result()).toMatchObject({ stage: 'INELIGIBLE' });
});

test('a stage past its service-level time is flagged overdue and keeps waiting; the flag clears on the next stage', async () => {
  const handle = await h.startCase({ sla: { SCREENING: 1_000 } });
  const { caseId } = await handle.executeUpdate(caseOpenedUpdate);
  await waitFor(async () => (await handle.query(getCaseQuery)).overdue);
  await waitFor(async () => (await storedEventTypes(caseId)).includes('StageOverdue'));
  const described = await handle.describe();
  expect(described.searchAttributes.CaseOverdue).toEqual([true]);
  const overdue = (await listCaseEvents(h.db, caseId)).find((event) => event.type === 'StageOverdue');
  expect(overdue?.data).toEqual({ stage: 'SCREENING', slaMs: 1000 });

  const screened = await handle.executeUpdate(recordScreeningUpdate, { args: [{ input: screeningOk, actor: officer }] });
  expect(screened).toMatchObject({ stage: 'AWAITING_ADMISSION', overdue: false });
  expect((await handle.describe()).searchAttributes.CaseOverdue).toEqual([false]);
  await handle.terminate('test done');
});

test('not insured, category NONE and no certificate: the rejections pay 0 and the charity pays the rest', async () => {
  const handle = await h.startCase({ input: { insured: false, assistanceCategory: 'NONE', disabilityCertificate: undefined } });
  await throughDischarge(handle);
  await handle.result();
  const view = await handle.query(getCaseQuery);
  expect(view.reimbursement!.claims.map((c) => [c.payer, c.status, c.amountFen, c.reason])).toEqual([
    ['BASIC_MEDICAL_INSURANCE', 'REJECTED', 0, 'NOT_INSURED'],
    ['CRITICAL_ILLNESS_INSURANCE', 'REJECTED', 0, 'NOT_INSURED'],
    ['MEDICAL_ASSISTANCE', 'REJECTED', 0, 'NOT_ELIGIBLE'],
    ['DISABILITY_ASSISTANCE', 'REJECTED', 0, 'NO_CERTIFICATE'],
    ['PROVINCIAL_CHARITY', 'PAID', 12_000_000, null],
  ]);
  expect(view.reimbursement!.outOfPocketFen).toBe(0);
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
