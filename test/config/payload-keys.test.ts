/**
 * The payload codec's keys: PAYLOAD_KEYS / PAYLOAD_KEY_ID errors name their variable and never
 * echo a key; production needs a key; without one, the embedded stack's key file in DATA_DIR is
 * created once (mode 0600) and then kept.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../config/config';
import { ensureEmbeddedPayloadKeys, payloadKeyring, payloadKeysPath } from '../../config/payload-keys';
import { tempDataDir } from '../support/stack';

const ROOT = path.resolve(__dirname, '..', '..');
const KEY = randomBytes(32).toString('base64');
const OTHER = randomBytes(32).toString('base64');

function failure(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

test('PAYLOAD_KEYS: one key is current by itself; with several, PAYLOAD_KEY_ID names the current one', () => {
  const one = loadConfig({ PAYLOAD_KEYS: `2026-11:${KEY}` }).payloadKeys!;
  expect(one.currentKeyId).toBe('2026-11');
  const two = loadConfig({ PAYLOAD_KEYS: ` 2026-11:${KEY} , 2025-01:${OTHER}`, PAYLOAD_KEY_ID: '2025-01' }).payloadKeys!;
  expect(two.currentKeyId).toBe('2025-01');
  expect([...two.keys.keys()]).toEqual(['2026-11', '2025-01']);
  expect(two.keys.get('2025-01')).toEqual(Buffer.from(OTHER, 'base64'));
  expect(loadConfig({ PAYLOAD_KEYS: '' }).payloadKeys).toBeUndefined();
});

test.each([
  ['no id', { PAYLOAD_KEYS: 'no-colon' }, /^PAYLOAD_KEYS: expected id:base64key/],
  ['a short key', { PAYLOAD_KEYS: 'short:AAAA' }, /^PAYLOAD_KEYS: key "short" must be 32 bytes in base64/],
  ['a bad id', { PAYLOAD_KEYS: `bad id:${KEY}` }, /^PAYLOAD_KEYS: key id "bad id"/],
  ['an id twice', { PAYLOAD_KEYS: `a:${KEY},a:${OTHER}` }, /^PAYLOAD_KEYS: key id "a" appears twice/],
  ['two keys, none current', { PAYLOAD_KEYS: `a:${KEY},b:${OTHER}` }, /^PAYLOAD_KEY_ID: must name the current key/],
  ['an unknown current key', { PAYLOAD_KEYS: `a:${KEY}`, PAYLOAD_KEY_ID: 'b' }, /^PAYLOAD_KEY_ID: names "b", which is not one of the keys \(a\)/],
  ['a current key without keys', { PAYLOAD_KEY_ID: 'a' }, /^PAYLOAD_KEY_ID: is set but PAYLOAD_KEYS is not/],
  ['production without keys', { NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(32) }, /^PAYLOAD_KEYS: is required when NODE_ENV=production/],
  ['a UI origin with a path', { TEMPORAL_UI_ORIGIN: 'http://localhost:8233/ui' }, /^TEMPORAL_UI_ORIGIN: "http:\/\/localhost:8233\/ui" is not an origin/],
])('%s stops with one line naming the variable', (_name, env, message) => {
  const error = failure(env);
  expect(error.message).toMatch(message);
  expect(error.message).not.toContain(KEY);
  expect(error.message).not.toContain('\n');
});

test('a key that is not 32 bytes is refused without echoing it', () => {
  const secret = randomBytes(31).toString('base64');
  expect(failure({ PAYLOAD_KEYS: `k:${secret}` }).message).not.toContain(secret);
});

test('TEMPORAL_UI_ORIGIN defaults to the embedded UI by name and address, and takes a list', () => {
  expect(loadConfig({ TEMPORAL_UI_PORT: '9000' }).temporal.uiOrigins).toEqual(['http://localhost:9000', 'http://127.0.0.1:9000']);
  expect(loadConfig({ TEMPORAL_UI_ORIGIN: 'https://temporal.example.org, http://localhost:8080' }).temporal.uiOrigins).toEqual(['https://temporal.example.org', 'http://localhost:8080']);
});

test('without PAYLOAD_KEYS the key file in DATA_DIR is generated once, 0600, and reused', () => {
  const dataDir = tempDataDir('payload-keys');
  const first = payloadKeyring(loadConfig({ DATA_DIR: dataDir }));
  const file = payloadKeysPath(dataDir);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  const again = ensureEmbeddedPayloadKeys(dataDir);
  expect(again.currentKeyId).toBe(first.currentKeyId);
  expect(again.keys.get(again.currentKeyId)).toEqual(first.keys.get(first.currentKeyId));
  expect(fs.readdirSync(dataDir)).toEqual(['payload-keys.json']); // no temporary file left behind
  // PAYLOAD_KEYS, when set, wins over the file.
  expect(payloadKeyring(loadConfig({ DATA_DIR: dataDir, PAYLOAD_KEYS: `env:${KEY}` })).currentKeyId).toBe('env');
});

test('a damaged key file stops the process naming PAYLOAD_KEYS and the file', () => {
  const dataDir = tempDataDir('payload-keys');
  fs.writeFileSync(payloadKeysPath(dataDir), '{"currentKeyId":"x","keys":{"x":"AAAA"}}');
  expect(() => ensureEmbeddedPayloadKeys(dataDir)).toThrow(/^PAYLOAD_KEYS: not set, and .*payload-keys\.json is not a valid key file: key "x" must be 32 bytes/);
});

test.each([
  ['api/main.ts', /^api: PAYLOAD_KEYS: key "k" must be 32 bytes/],
  ['worker/main.ts', /"error":"PAYLOAD_KEYS: key \\"k\\" must be 32 bytes/],
])('%s with a bad PAYLOAD_KEYS stops at start with one line naming it', (script, line) => {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, PAYLOAD_KEYS: 'k:AAAA', DATA_DIR: tempDataDir('bad-keys') };
  const result = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [script], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
  expect(result.status).toBe(1);
  expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(line)]);
});
