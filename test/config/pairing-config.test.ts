/** PAIRING_CADENCE: the defaults, a shorter cadence for tests, and every malformed value refused by name. */
import { ConfigError, loadConfig } from '../../config/config';

function problemOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  return 'accepted';
}

test('unset: a contact every 90 days and two visits a year', () => {
  expect(loadConfig({}).pairing.cadence).toEqual({ contactEveryMs: 90 * 86_400_000, visitsPerYear: 2 });
  expect(loadConfig({ PAIRING_CADENCE: '' }).pairing.cadence).toEqual({ contactEveryMs: 90 * 86_400_000, visitsPerYear: 2 });
});

test('durations as STAGE_SLA writes them; each member defaults on its own', () => {
  expect(loadConfig({ PAIRING_CADENCE: '{"contactEvery":"3s","visitsPerYear":4}' }).pairing.cadence).toEqual({ contactEveryMs: 3_000, visitsPerYear: 4 });
  expect(loadConfig({ PAIRING_CADENCE: '{"contactEvery":"60d"}' }).pairing.cadence).toEqual({ contactEveryMs: 60 * 86_400_000, visitsPerYear: 2 });
  expect(loadConfig({ PAIRING_CADENCE: '{"visitsPerYear":0}' }).pairing.cadence).toEqual({ contactEveryMs: 90 * 86_400_000, visitsPerYear: 0 });
});

test('malformed values are refused, naming the variable and the member', () => {
  expect(problemOf({ PAIRING_CADENCE: '90d' })).toMatch(/^PAIRING_CADENCE: must be a JSON object/);
  expect(problemOf({ PAIRING_CADENCE: '[]' })).toMatch(/^PAIRING_CADENCE: must be a JSON object/);
  expect(problemOf({ PAIRING_CADENCE: '{"contactEvery":"ninety days"}' })).toMatch(/^PAIRING_CADENCE: contactEvery: "ninety days" is not a duration/);
  expect(problemOf({ PAIRING_CADENCE: '{"contactEvery":90}' })).toMatch(/^PAIRING_CADENCE: contactEvery/);
  expect(problemOf({ PAIRING_CADENCE: '{"visitsPerYear":1.5}' })).toMatch(/^PAIRING_CADENCE: visitsPerYear/);
  expect(problemOf({ PAIRING_CADENCE: '{"visits":2}' })).toMatch(/^PAIRING_CADENCE: unknown member "visits"/);
});
