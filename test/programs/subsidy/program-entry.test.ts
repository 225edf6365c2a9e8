/**
 * The subsidies' catalogue entries on the real stack: what the stuck radar, the person page and a
 * life event's fan-out get from them, each subsidy answering for its own enrolments only.
 */
import { loadConfig } from '../../../config/config';
import { parseDurationMs } from '../../../config/duration';
import { programEntry } from '../../../programs/catalogue';
import { SubsidyRuntime } from '../../../programs/subsidy/api/engine-runtime';
import { ENROLMENT_WORKFLOW, livingSubsidyProgram, nursingSubsidyProgram } from '../../../programs/subsidy/program';
import { markMonthsPaid } from '../../../programs/subsidy/store/enrolment-months';
import type { Principal } from '../../../http/auth/tokens';
import { eventually } from '../../support/eventually';
import { createEnrolmentHarness, storedInStage, throughDecision, type EnrolmentHarness } from './enrolment-harness';

const officer: Principal = { sub: 'officer-zhao', role: 'officer', hospitalId: null };

let h: EnrolmentHarness;
beforeAll(async () => {
  h = await createEnrolmentHarness();
});
afterAll(async () => {
  await h?.close();
});

test('both subsidies are in the catalogue, sharing the one enrolment workflow, with the defaults the configuration uses', () => {
  expect(programEntry('NURSING_SUBSIDY')).toBe(nursingSubsidyProgram);
  expect(programEntry('LIVING_SUBSIDY')).toBe(livingSubsidyProgram);
  expect(nursingSubsidyProgram.workflows[0]).toBe(ENROLMENT_WORKFLOW);
  expect(livingSubsidyProgram.workflows[0]).toBe(ENROLMENT_WORKFLOW);
  const defaults = Object.fromEntries(Object.entries(ENROLMENT_WORKFLOW.stageSlaDefaults).map(([stage, text]) => [stage, parseDurationMs(text)]));
  expect(defaults).toEqual(loadConfig({}).subsidy.stageSlaMs);
});

test('stuck, a person\'s items and a life event, each subsidy for its own enrolments', async () => {
  const nursing = new SubsidyRuntime('NURSING_SUBSIDY', { db: h.db, temporal: h.client, stuckLimit: 1000, stuckAttempts: 3 });
  const living = new SubsidyRuntime('LIVING_SUBSIDY', { db: h.db, temporal: h.client, stuckLimit: 1000, stuckAttempts: 3 });
  const personId = await h.registerPerson({ assistanceCategory: 'DIBAO', grade: 1 });
  const care = await h.apply({ personId, program: 'NURSING_SUBSIDY', appliedOn: '2026-05-04', noticeMs: 1_000 });
  const life = await h.apply({ personId, program: 'LIVING_SUBSIDY', appliedOn: '2026-11-02', sla: { TOWN_REVIEW: 300 } });
  await throughDecision(care.handle);
  await storedInStage(h, care.enrolmentId, 'ACTIVE');
  await markMonthsPaid(h.db, care.enrolmentId, ['2026-06', '2026-07'], 'payroll-test');

  const stuck = await eventually('the living enrolment overdue', async () => {
    const items = await living.stuck();
    return items.find((item) => item.id === life.enrolmentId);
  });
  expect(stuck).toMatchObject({ kind: 'enrolment', program: 'LIVING_SUBSIDY', stage: 'TOWN_REVIEW', town: '黄羊镇', reasons: [{ kind: 'STAGE_OVERDUE' }] });
  expect((await nursing.stuck()).map((item) => item.id)).not.toContain(life.enrolmentId);

  expect(await nursing.openItemsOfPerson(personId)).toEqual([care.enrolmentId]);
  expect(await living.openItemsOfPerson(personId)).toEqual([life.enrolmentId]);
  expect(await nursing.itemsOfPerson(personId)).toEqual([expect.objectContaining({ program: 'NURSING_SUBSIDY', id: care.enrolmentId, stage: 'ACTIVE', closedAt: null, paidFen: 10_000 + 11_000 })]);

  const died = { eventId: `${personId}-died`, type: 'DIED' as const, on: '2026-06-17' };
  expect(await nursing.applyLifeEvent(care.enrolmentId, died, officer)).toEqual({ program: 'NURSING_SUBSIDY', id: care.enrolmentId, stageBefore: 'ACTIVE', stageAfter: 'TERMINATED', overpaymentFen: 11_000 });
  expect(await living.applyLifeEvent(life.enrolmentId, died, officer)).toEqual({ program: 'LIVING_SUBSIDY', id: life.enrolmentId, stageBefore: 'TOWN_REVIEW', stageAfter: 'WITHDRAWN', overpaymentFen: 0 });
  // The withdrawn enrolment's workflow has ended: the event delivered again finds it closed and does nothing.
  await life.handle.result();
  expect(await living.applyLifeEvent(life.enrolmentId, died, officer)).toEqual({ program: 'LIVING_SUBSIDY', id: life.enrolmentId, stageBefore: 'WITHDRAWN', stageAfter: 'WITHDRAWN', overpaymentFen: 0 });
  expect(await living.openItemsOfPerson(personId)).toEqual([]);
  // A repeat of the event is answered from the stored events, the same as the first delivery, closed or not.
  expect(await living.lifeEventEffectsOnRecord(personId, died.eventId)).toEqual([{ program: 'LIVING_SUBSIDY', id: life.enrolmentId, stageBefore: 'TOWN_REVIEW', stageAfter: 'WITHDRAWN', overpaymentFen: 0 }]);
  expect(await nursing.lifeEventEffectsOnRecord(personId, died.eventId)).toEqual([{ program: 'NURSING_SUBSIDY', id: care.enrolmentId, stageBefore: 'ACTIVE', stageAfter: 'TERMINATED', overpaymentFen: 11_000 }]);
  expect(await nursing.lifeEventEffectsOnRecord(personId, 'another-event')).toEqual([]);
  expect(await living.itemsOfPerson(personId)).toEqual([expect.objectContaining({ stage: 'WITHDRAWN', closedAt: expect.any(String), paidFen: 0 })]);
});
