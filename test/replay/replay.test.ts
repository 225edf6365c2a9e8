/**
 * The replay guard: every recorded history must replay against the current workflow code. A
 * failure here means a change would break running cases; put it behind `patched()`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../support/stack';

const HISTORIES = path.join(__dirname, 'histories');
const files = fs.readdirSync(HISTORIES).filter((file) => file.endsWith('.json'));

test('the three reference histories are recorded for every generation of the workflow', () => {
  for (const generation of ['v1', 'v2', 'v3']) {
    expect(files).toEqual(expect.arrayContaining(['happy-path', 'payer-outage-manual-resolution', 'withdrawal'].map((name) => `${generation}-${name}.json`)));
  }
});

test.each(files)('%s replays without non-determinism', async (file) => {
  const history = historyFromJSON(JSON.parse(fs.readFileSync(path.join(HISTORIES, file), 'utf8')));
  await Worker.runReplayHistory({ workflowBundle: workflowBundle() }, history, path.basename(file, '.json'));
});
