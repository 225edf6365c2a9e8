/**
 * Records the pairing's history that test/replay/replay.test.ts replays. Not part of `npm test`;
 * run it when a new scenario deserves a guard:
 *
 *   npx jest --testMatch '**\/record-pairing-histories.record.ts'
 *
 * Through the HTTP API, on the real stack: created, overdue after a 2-second cadence, a visit that
 * clears it, a need, a matter, a repeated contact, a reassignment, and the person's death.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startApiHarness, type ApiHarness } from '../api/harness';
import { idNumber } from '../api/fixtures';
import { eventually } from '../support/eventually';
import { testNamespace, testPayloadCodec, testTemporalAddress, testTemporalCli } from '../support/stack';
import { mapHistoryPayloads } from './history-payloads';

const HISTORIES = path.join(__dirname, 'histories');
/** Bumped with every patch of the pairing workflow; files of earlier generations stay. */
const GENERATION = 'pairing-v2';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApiHarness({ worker: true, env: { PAIRING_CADENCE: '{"contactEvery":"2s","visitsPerYear":2}' } });
}, 120_000);
afterAll(async () => {
  await api?.close();
}, 120_000);

test('created, overdue, cleared by a visit, a need, a matter, a repeat, a reassignment, and the death that closes it', async () => {
  const officer = await api.token('officer');
  const wang = await api.token('official', { sub: 'official-wang' });
  const li = await api.token('official', { sub: 'official-li' });
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const personId = `replay-pairing-person-${Date.now().toString(36)}`;
  const pairingId = `replay-pairing-${Date.now().toString(36)}`;
  const call = async (method: 'GET' | 'POST', url: string, token: string, payload?: object) => {
    const response = await api.call({ method, url, token, ...(payload ? { payload } : {}) });
    expect(response.statusCode).toBeLessThan(300);
    return response.json();
  };
  await call('POST', '/v1/persons', officer, { personId, idNumber: idNumber(), name: '孙奶奶', town: '凉州区', assistanceCategory: 'TEKUN', disability: null });
  await call('POST', '/v1/pairings', officer, { pairingId, personId, category: 'DESTITUTE', official: { sub: 'official-wang', name: '王干部', unit: '区民政局' } });
  await eventually('overdue', async () => ((await call('GET', `/v1/pairings/${pairingId}`, wang)).overdue ? true : undefined), 15_000, 200);
  const visit = { eventId: 'replay-visit-1', kind: 'VISIT', on: today, notes: '上门走访' };
  await call('POST', `/v1/pairings/${pairingId}/contacts`, wang, visit);
  await call('POST', `/v1/pairings/${pairingId}/contacts`, wang, visit);
  await call('POST', `/v1/pairings/${pairingId}/needs`, wang, { eventId: 'replay-need-1', description: '冬季取暖' });
  await call('POST', `/v1/pairings/${pairingId}/matters`, wang, { matterId: 'replay-matter-1', description: '代买煤', valueFen: 45000, fundedBy: 'PERSONAL', doneOn: today });
  await call('POST', `/v1/pairings/${pairingId}/reassign`, officer, { official: { sub: 'official-li', name: '李干部', unit: '区残联' }, reason: '工作调整' });
  await call('POST', `/v1/pairings/${pairingId}/contacts`, li, { eventId: 'replay-phone-1', kind: 'PHONE', on: today, notes: '电话联系' });
  await call('POST', `/v1/persons/${personId}/life-events`, officer, { type: 'DIED', on: today });
  const handle = api.client.workflow.getHandle(`pairing-${pairingId}`);
  await handle.result();
  const json = execFileSync(testTemporalCli(), ['workflow', 'show', '--workflow-id', `pairing-${pairingId}`, '--address', testTemporalAddress(), '--namespace', testNamespace(), '--output', 'json']);
  const decoded = await mapHistoryPayloads(JSON.parse(json.toString('utf8')), 'decode', testPayloadCodec());
  const text = JSON.stringify(decoded);
  // Free text stays in PostgreSQL: the history carries note ids only.
  for (const note of ['上门走访', '冬季取暖', '代买煤', '电话联系']) expect(text).not.toContain(note);
  fs.writeFileSync(path.join(HISTORIES, `${GENERATION}-death-after-reassignment.json`), `${JSON.stringify(decoded, null, 2)}\n`);
}, 90_000);
