/**
 * The engine across programs, on the real stack: the stuck radar names each item's kind, program
 * and id (a stuck surgery case keeps its case members), and an app built with a stand-in program
 * beside the surgery shows that program's items in the stuck radar, on the person page and in a
 * life event's answer — the engine knows programs only through the catalogue.
 */
import { surgeryProgram } from '../../programs/surgery/program';
import { newCase } from '../api/fixtures';
import { startApiHarness, type ApiHarness } from '../api/harness';
import { eventually } from '../support/eventually';
import { uniqueId } from '../support/stack';
import { StandInProgram } from './stand-in-program';

const standIn = new StandInProgram();
let api: ApiHarness;
let officer: string;
let admin: string;

beforeAll(async () => {
  api = await startApiHarness({ worker: true, env: { STAGE_SLA: JSON.stringify({ SCREENING: '2s' }) }, deps: { programs: [surgeryProgram, standIn.entry] } });
  [officer, admin] = await Promise.all([api.token('officer'), api.token('admin')]);
});
afterAll(async () => {
  await api?.close();
});

async function openCase(): Promise<{ caseId: string; personId: string; openedAt: string }> {
  const opened = await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: newCase() });
  expect(opened.statusCode).toBe(201);
  return { caseId: opened.json().caseId, personId: opened.json().personId, openedAt: opened.json().openedAt };
}

async function stuckItems(): Promise<Array<Record<string, unknown>>> {
  const response = await api.call({ method: 'GET', url: '/v1/admin/stuck', token: admin });
  expect(response.statusCode).toBe(200);
  return response.json().items;
}

test("the stuck radar lists an overdue case as kind case with its id, and the stand-in program's overdue item beside it", async () => {
  const { caseId, personId, openedAt } = await openCase();
  const pairingId = uniqueId('PR');
  standIn.items.set(pairingId, { id: pairingId, personId, town: '黄羊镇', stage: 'ACTIVE', openedAt: '2026-01-05T02:00:00.000Z', overdueSince: '2026-04-05T02:00:00.000Z' });

  const items = await eventually('the case overdue', async () => {
    const all = await stuckItems();
    return all.some((item) => item.id === caseId) ? all : undefined;
  });
  expect(items.find((item) => item.id === caseId)).toEqual({
    kind: 'case',
    program: 'SURGERY',
    id: caseId,
    caseId,
    stage: 'SCREENING',
    stageEnteredAt: openedAt,
    hospitalId: 'wuwei-hand-foot',
    town: '黄羊镇',
    reasons: [expect.objectContaining({ kind: 'STAGE_OVERDUE', since: openedAt })],
  });
  expect(items.find((item) => item.id === pairingId)).toEqual({
    kind: 'pairing',
    program: 'PAIRING',
    id: pairingId,
    stage: 'ACTIVE',
    stageEnteredAt: '2026-01-05T02:00:00.000Z',
    town: '黄羊镇',
    reasons: [{ kind: 'STAGE_OVERDUE', detail: 'past its time', activity: null, attempts: null, lastFailure: null, since: '2026-04-05T02:00:00.000Z' }],
  });
  standIn.items.delete(pairingId);
  expect((await stuckItems()).some((item) => item.id === pairingId)).toBe(false);
}, 30_000);

test("the person page lists the person's case and the stand-in's item, newest first", async () => {
  const { caseId, personId, openedAt } = await openCase();
  const older = uniqueId('PR');
  const newer = uniqueId('PR');
  const later = new Date(Date.parse(openedAt) + 60_000).toISOString();
  standIn.items.set(older, { id: older, personId, town: '黄羊镇', stage: 'ACTIVE', openedAt: '2025-03-01T00:00:00.000Z', overdueSince: null });
  standIn.items.set(newer, { id: newer, personId, town: '黄羊镇', stage: 'ACTIVE', openedAt: later, overdueSince: null });

  const programs = await eventually('the case projected', async () => {
    const detail = await api.call({ method: 'GET', url: `/v1/persons/${personId}`, token: officer });
    expect(detail.statusCode).toBe(200);
    const listed = detail.json().programs as Array<{ program: string; id: string }>;
    return listed.some((item) => item.id === caseId) ? listed : undefined;
  });
  expect(programs.map((item) => [item.program, item.id])).toEqual([
    ['PAIRING', newer],
    ['SURGERY', caseId],
    ['PAIRING', older],
  ]);
  expect(programs[1]).toEqual({ program: 'SURGERY', id: caseId, stage: 'SCREENING', openedAt, closedAt: null, paidFen: 0 });
});

test("a life event reaches the person's open case and the stand-in's open item; the answer lists both", async () => {
  const { caseId, personId } = await openCase();
  const open = uniqueId('PR');
  const closed = uniqueId('PR');
  standIn.items.set(open, { id: open, personId, town: '黄羊镇', stage: 'ACTIVE', openedAt: '2026-02-01T00:00:00.000Z', overdueSince: null });
  standIn.items.set(closed, { id: closed, personId, town: '黄羊镇', stage: 'CLOSED', openedAt: '2025-02-01T00:00:00.000Z', overdueSince: null });

  const eventId = uniqueId('LE');
  const moved = await api.call({ method: 'POST', url: `/v1/persons/${personId}/life-events`, token: officer, payload: { eventId, type: 'MOVED_OUT', on: '2026-11-20' } });
  expect(moved.statusCode).toBe(200);
  expect(moved.json().effects).toEqual([
    { program: 'SURGERY', id: caseId, stageBefore: 'SCREENING', stageAfter: 'WITHDRAWN', overpaymentFen: 0 },
    { program: 'PAIRING', id: open, stageBefore: 'ACTIVE', stageAfter: 'CLOSED', overpaymentFen: 0 },
  ]);
  expect(standIn.delivered).toEqual([`${open}:${eventId}`]);
});
