/**
 * Records the data match's batch history that test/replay/replay.test.ts replays. Not part of
 * `npm test`; run it when a new scenario deserves a guard:
 *
 *   npx jest --testMatch '**\/record-data-match-histories.record.ts'
 *
 * Through the HTTP API, on the real stack: a list of 1,200 rows (three chunks, two at a time) with
 * registered persons, a differing name and unknown ID numbers, run to DONE.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startApiHarness, type ApiHarness } from '../api/harness';
import { idNumber } from '../api/fixtures';
import { testNamespace, testPayloadCodec, testTemporalAddress, testTemporalCli } from '../support/stack';
import { mapHistoryPayloads } from './history-payloads';

const HISTORIES = path.join(__dirname, 'histories');
/** Bumped with every patch of the batch workflow; files of earlier generations stay. */
const GENERATION = 'data-match-v1';

let api: ApiHarness;
beforeAll(async () => {
  api = await startApiHarness({ worker: true });
}, 120_000);
afterAll(async () => {
  await api?.close();
}, 120_000);

test('a 1,200-row list: applied, queued and unknown rows, three chunks, DONE', async () => {
  const officer = await api.token('officer');
  const persons = Array.from({ length: 5 }, (_, i) => ({ personId: `replay-dm-${Date.now().toString(36)}-${i}`, idNumber: idNumber() }));
  for (const person of persons) {
    const response = await api.call({ method: 'POST', url: '/v1/persons', token: officer, payload: { ...person, name: '周大爷', town: '凉州区', assistanceCategory: 'DIBAO', disability: null } });
    expect(response.statusCode).toBe(201);
  }
  const rows = Array.from({ length: 1_195 }, () => `${idNumber()},不在册,DIED,2026-11-01,公安局`);
  persons.forEach((person, i) => rows.splice(i * 250, 0, `${person.idNumber},${i === 0 ? '周大爷爷' : '周大爷'},DIED,2026-11-01,公安局`));
  const list = `idNumber,name,type,on,source\r\n${rows.join('\r\n')}\r\n`;
  const imported = await api.call({ method: 'POST', url: '/v1/persons/life-events/import', token: officer, payload: list, headers: { 'content-type': 'text/csv' } });
  expect(imported.statusCode).toBe(200);
  expect(imported.json()).toMatchObject({ rows: 1_200, applied: 4, queued: 1, notInRegistry: 1_195 });
  const { batchId } = imported.json();
  const workflowId = `life-event-batch-${batchId}`;
  await api.client.workflow.getHandle(workflowId).result();
  const json = execFileSync(testTemporalCli(), ['workflow', 'show', '--workflow-id', workflowId, '--address', testTemporalAddress(), '--namespace', testNamespace(), '--output', 'json']);
  const decoded = await mapHistoryPayloads(JSON.parse(json.toString('utf8')), 'decode', testPayloadCodec());
  const json64 = JSON.stringify(decoded);
  // Payloads are JSON in base64: read them as text too.
  const text = [json64, ...[...json64.matchAll(/"data":"([A-Za-z0-9+/=]+)"/g)].map((match) => Buffer.from(match[1]!, 'base64').toString('utf8'))].join('\n');
  expect(text).toContain(`"batchId":"${batchId}"`);
  // The rows stay in PostgreSQL: the history holds the batch id and row numbers only.
  for (const person of persons) expect(text).not.toContain(person.idNumber);
  expect(text).not.toContain('周大爷');
  fs.writeFileSync(path.join(HISTORIES, `${GENERATION}-batch.json`), `${JSON.stringify(decoded, null, 2)}\n`);
}, 90_000);
