/**
 * The replay guard: every recorded history must replay against the current workflow code. A
 * failure here means a change would break running cases; put it behind `patched()`. Replays use
 * the project's data converter, as the worker does: the recorded histories are unencrypted (written
 * before payloads were, or decoded by the recorder) and pass through it unchanged.
 */
import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON, historyToJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { testDataConverter, testPayloadCodec, workflowBundle } from '../support/stack';
import { recordScreeningUpdate } from '../../programs/surgery/workflow/definitions';
import { ACTORS, screeningOk } from '../fixtures/cases';
import { createCaseHarness } from '../workflow/case-harness';
import { mapHistoryPayloads } from './history-payloads';

const ENCRYPTED_BASE64 = Buffer.from('binary/encrypted').toString('base64');

const HISTORIES = path.join(__dirname, 'histories');
const files = fs.readdirSync(HISTORIES).filter((file) => file.endsWith('.json'));

function readHistoryJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(HISTORIES, file), 'utf8'));
}

test('the three reference histories are recorded for every generation of the workflow', () => {
  for (const generation of ['v1', 'v2', 'v3']) {
    expect(files).toEqual(expect.arrayContaining(['happy-path', 'payer-outage-manual-resolution', 'withdrawal'].map((name) => `${generation}-${name}.json`)));
  }
});

test('a case that continued as new is recorded run by run, the first run ending in the continuation', () => {
  const runs = files.filter((file) => /^v5-continue-as-new-run\d+\.json$/.test(file));
  expect(runs.length).toBeGreaterThanOrEqual(3);
  const first = readHistoryJson('v5-continue-as-new-run1.json') as { events: { eventType: string }[] };
  expect(first.events.at(-1)?.eventType).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW');
});

test.each(files)('%s replays without non-determinism', async (file) => {
  const history = historyFromJSON(readHistoryJson(file));
  await Worker.runReplayHistory({ workflowBundle: workflowBundle(), dataConverter: testDataConverter() }, history, path.basename(file, '.json'));
});

test('a case whose payloads are encrypted replays, as fetched and as the recorder saves it (decoded)', async () => {
  const h = await createCaseHarness();
  try {
    const handle = await h.startCase();
    await handle.executeUpdate(recordScreeningUpdate, { args: [{ input: screeningOk, actor: ACTORS.officer }] });
    const history = await handle.fetchHistory(); // raw, as the server keeps it
    const raw = historyToJSON(history);
    expect(raw).toContain(ENCRYPTED_BASE64);

    await Worker.runReplayHistory({ workflowBundle: workflowBundle(), dataConverter: testDataConverter() }, history, 'encrypted');
    const decoded = await mapHistoryPayloads(JSON.parse(raw), 'decode', testPayloadCodec());
    expect(JSON.stringify(decoded)).not.toContain(ENCRYPTED_BASE64);
    await Worker.runReplayHistory({ workflowBundle: workflowBundle(), dataConverter: testDataConverter() }, historyFromJSON(decoded), 'decoded');
  } finally {
    await h.close();
  }
});
