/**
 * the replay guard (test/replay: every recorded history replays against the
 * current workflow code) is part of `npm test`, which `.ci/run` runs. Checked from the outside, so
 * that a change to the jest config or the npm scripts cannot drop it silently.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './support/child-processes';

const REPLAY_TEST = path.join(PROJECT_ROOT, 'test', 'replay', 'replay.test.ts');

test('`npm test` runs jest with the main config, and that config selects the replay guard', () => {
  const scripts = (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  expect(scripts.test).toContain('npm run test:jest');
  expect(scripts['test:jest']).toMatch(/^jest(\s|$)/);
  expect(scripts['test:jest']).not.toContain('--config');

  const listed = execFileSync(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'jest'), ['--listTests', '--config', 'jest.config.js'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
  expect(listed.split('\n')).toContain(REPLAY_TEST);
  // And the fault suite stays out of the fast suite.
  expect(listed).not.toContain(`${path.sep}faults${path.sep}`);
});

test('the recorded histories the guard replays are there', () => {
  const histories = fs.readdirSync(path.join(PROJECT_ROOT, 'test', 'replay', 'histories')).filter((file) => file.endsWith('.json'));
  expect(histories.length).toBeGreaterThanOrEqual(3);
});
