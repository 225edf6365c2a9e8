import fs from 'node:fs';
import path from 'node:path';
import { PolicyFileCache } from '../../programs/surgery/activities/policy-file-cache';
import { PolicyError } from '../../programs/surgery/domain/policy/policy.error';
import { tempDataDir } from '../support/stack';
import { DEFAULT_HOSPITALS_FILE, DEFAULT_POLICY_FILE } from '../workflow/case-harness';

const dir = tempDataDir('policy-cache');
const policyFile = path.join(dir, 'policy.json');
const defaultPolicy = JSON.parse(fs.readFileSync(DEFAULT_POLICY_FILE, 'utf8')) as { version: string };

beforeEach(() => fs.writeFileSync(policyFile, JSON.stringify(defaultPolicy)));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the same files give the same parsed policy, without parsing again', () => {
  const cache = new PolicyFileCache(policyFile, DEFAULT_HOSPITALS_FILE);
  expect(cache.load()).toBe(cache.load());
});

test('an edit is seen by the very next load, however soon it follows', () => {
  const cache = new PolicyFileCache(policyFile, DEFAULT_HOSPITALS_FILE);
  expect(cache.load().version).toBe(defaultPolicy.version);
  fs.writeFileSync(policyFile, JSON.stringify({ ...defaultPolicy, version: 'edited' }));
  expect(cache.load().version).toBe('edited');
});

test('a file that cannot be read or is invalid fails with the policy error, and the next good read works', () => {
  const cache = new PolicyFileCache(policyFile, DEFAULT_HOSPITALS_FILE);
  cache.load();
  fs.rmSync(policyFile);
  expect(() => cache.load()).toThrow(PolicyError);
  fs.writeFileSync(policyFile, '{ "version": ');
  expect(() => cache.load()).toThrow(/not valid JSON/);
  fs.writeFileSync(policyFile, JSON.stringify(defaultPolicy));
  expect(cache.load().version).toBe(defaultPolicy.version);
});
