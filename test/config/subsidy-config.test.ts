/** The subsidies' settings: the policy file, the notice override and the enrolment stages' service-level times. */
import path from 'node:path';
import { ConfigError, loadConfig } from '../../config/config';

const ROOT = path.resolve(__dirname, '..', '..');
const DAY_MS = 86_400_000;

function problemOf(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

test('by default: the shipped policy file, the policy decides the notice, and the enrolment stages have their own times', () => {
  const { subsidy } = loadConfig({});
  expect(subsidy.policyFile).toBe(path.join(ROOT, 'programs', 'subsidy', 'subsidy-policy.default.json'));
  expect(subsidy.noticeMs).toBeUndefined();
  expect(subsidy.stageSlaMs).toEqual({ TOWN_REVIEW: 15 * DAY_MS, CDPF_REVIEW: 15 * DAY_MS, DECISION: 10 * DAY_MS, PUBLIC_NOTICE: 10 * DAY_MS });
});

test('SUBSIDY_NOTICE shortens the notice; SUBSIDY_POLICY_FILE picks another policy', () => {
  const { subsidy } = loadConfig({ SUBSIDY_NOTICE: '3s', SUBSIDY_POLICY_FILE: 'district/subsidy.json' });
  expect(subsidy.noticeMs).toBe(3_000);
  expect(subsidy.policyFile).toBe(path.resolve('district/subsidy.json'));
  expect(loadConfig({ SUBSIDY_NOTICE: '' }).subsidy.noticeMs).toBeUndefined();
  expect(problemOf({ SUBSIDY_NOTICE: 'soon' })).toMatch(/^SUBSIDY_NOTICE: must be a duration/);
});

test('STAGE_SLA takes the enrolment stages beside the surgery stages, each program keeping its own', () => {
  const config = loadConfig({ STAGE_SLA: '{"SCREENING":"5s","TOWN_REVIEW":"2d","PUBLIC_NOTICE":"1h"}' });
  expect(config.stageSlaMs.SCREENING).toBe(5_000);
  expect(config.subsidy.stageSlaMs).toEqual({ TOWN_REVIEW: 2 * DAY_MS, CDPF_REVIEW: 15 * DAY_MS, DECISION: 10 * DAY_MS, PUBLIC_NOTICE: 3_600_000 });
  expect(problemOf({ STAGE_SLA: '{"PAYROLL":"1d"}' })).toMatch(/^STAGE_SLA: unknown stage "PAYROLL"; expected one of .*TOWN_REVIEW/);
  expect(problemOf({ STAGE_SLA: '{"DECISION":"soon"}' })).toMatch(/^STAGE_SLA: DECISION: "soon" is not a duration/);
});
