/**
 * Configuration validation: every bad variable stops the process with one line that names it.
 * loadConfig is tested directly for each variable, and once end to end through `npm run infra`.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ConfigError, loadConfig, parseStageSla } from '../../config/config';

const ROOT = path.resolve(__dirname, '..', '..');

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('works with no configuration at all (the embedded defaults)', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.temporal).toMatchObject({ externalAddress: undefined, address: '127.0.0.1:7233', namespace: 'default', taskQueue: 'assistance-cases', port: 7233, uiPort: 8233 });
    expect(config.postgres).toEqual({ externalUrl: undefined, port: 5433 });
    expect(config.dataDir).toBe(path.join(ROOT, '.data'));
    expect(config.payers).toBe('sandbox');
    expect(config.stageSlaMs.REHABILITATION).toBe(90 * 86_400_000);
    expect(config.stageSlaMs.SCREENING).toBe(30 * 86_400_000);
  });

  it('takes existing servers and other ports from the environment', () => {
    const config = loadConfig({
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      DATABASE_URL: 'postgresql://app:pw@db:5432/cases',
      PORT: '8080',
      TEMPORAL_PORT: '17233',
      TEMPORAL_UI_PORT: '18233',
      PG_PORT: '15433',
      STAGE_SLA: '{"SCREENING":"5s"}',
    });
    expect(config.temporal.address).toBe('temporal.internal:7233');
    expect(config.postgres.externalUrl).toBe('postgresql://app:pw@db:5432/cases');
    expect([config.port, config.temporal.port, config.temporal.uiPort, config.postgres.port]).toEqual([8080, 17233, 18233, 15433]);
    expect(config.stageSlaMs.SCREENING).toBe(5_000);
    expect(config.stageSlaMs.AWAITING_SURGERY).toBe(30 * 86_400_000); // merged over the defaults
  });

  it.each<[string, string]>([
    ['PORT', 'abc'],
    ['PORT', '0'],
    ['PORT', '70000'],
    ['PORT', '3000.5'],
    ['PORT', '1e3'],
    ['PORT', '0x10'],
    ['TEMPORAL_PORT', 'x'],
    ['TEMPORAL_UI_PORT', '-1'],
    ['PG_PORT', '99999'],
    ['TEMPORAL_ADDRESS', 'localhost'],
    ['TEMPORAL_ADDRESS', 'http://localhost:7233'],
    ['TEMPORAL_NAMESPACE', ''],
    ['TASK_QUEUE', ''],
    ['DATABASE_URL', 'mysql://localhost/db'],
    ['DATABASE_URL', 'localhost:5432'],
    ['DATA_DIR', ''],
    ['POLICY_FILE', ''],
    ['HOSPITALS_FILE', ''],
    ['LOG_LEVEL', 'loud'],
    ['PAYERS', 'real-bank'],
    ['STAGE_SLA', '{'],
    ['STAGE_SLA', '[]'],
    ['STAGE_SLA', '{"SCREENING":"soon"}'],
    ['STAGE_SLA', '{"SCREENING":"0s"}'],
    ['STAGE_SLA', '{"SETTLED":"5s"}'],
    ['STAGE_SLA', '{"SCREENING":5}'],
    ['STAGE_SLA', '{"TOWN_REVIEW":"later"}'],
    ['STAGE_SLA', '{"ACTIVE":"5s"}'],
    ['SUBSIDY_NOTICE', 'three seconds'],
    ['SUBSIDY_NOTICE', '0s'],
    ['SUBSIDY_POLICY_FILE', ''],
    ['STUCK_ATTEMPTS', '0'],
    ['STUCK_ATTEMPTS', 'three'],
    ['WORKER_MAX_CACHED_WORKFLOWS', '-1'],
    ['HOST', 'a host'],
    ['HOST', 'http://0.0.0.0'],
    ['DEV_TOKEN_ENDPOINT', 'yes'],
    ['HTTP_REQUEST_TIMEOUT', '30'],
    ['HTTP_REQUEST_TIMEOUT', '0s'],
    ['HTTP_CONNECTION_TIMEOUT', 'never'],
    ['HTTP_MAX_CONNECTIONS', '0'],
    ['HTTP_MAX_CONNECTIONS', 'many'],
    ['RATE_LIMIT_MAX', '-5'],
    ['RATE_LIMIT_WINDOW', '1 minute'],
    ['ACCESS_TOKEN_TTL', '9h'],
    ['ACCESS_TOKEN_TTL', 'all day'],
    ['SIGN_IN_MAX_FAILURES', '0'],
    ['SIGN_IN_MAX_FAILURES', 'five'],
    ['SIGN_IN_LOCKOUT', '2d'],
    ['SIGN_IN_MAX_FAILURES_PER_ADDRESS', '0'],
    ['REVOCATION_CACHE_TTL', '1m'],
    ['REVOCATION_CACHE_TTL', '-1s'],
    ['OIDC_ISSUER', 'not a url'],
    ['OIDC_CLAIMS', '{'],
    ['OIDC_CLAIMS', '{"roleValues":{"x":"root"}}'],
    ['OIDC_CLAIMS', '{"colour":"red"}'],
  ])('%s=%j is refused with one line naming the variable', (variable, value) => {
    const error = configError({ [variable]: value });
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable}: `)).toBe(true);
    expect(error.message).not.toContain('\n');
  });

  it('keeps the HTTP edge closed by default: loopback, no development sign-in, timeouts, a connection cap, rate limits', () => {
    expect(loadConfig({}).http).toEqual({
      host: '127.0.0.1',
      devTokenEndpoint: false,
      requestTimeoutMs: 60_000,
      connectionTimeoutMs: 600_000,
      maxConnections: 1_000,
      rateLimitMax: 60_000,
      rateLimitWindowMs: 60_000,
    });
    const opened = loadConfig({ HOST: '0.0.0.0', DEV_TOKEN_ENDPOINT: '1', HTTP_REQUEST_TIMEOUT: '500ms', HTTP_CONNECTION_TIMEOUT: '2m', HTTP_MAX_CONNECTIONS: '20', RATE_LIMIT_MAX: '100', RATE_LIMIT_WINDOW: '10s' });
    expect(opened.http).toEqual({ host: '0.0.0.0', devTokenEndpoint: true, requestTimeoutMs: 500, connectionTimeoutMs: 120_000, maxConnections: 20, rateLimitMax: 100, rateLimitWindowMs: 10_000 });
    expect(loadConfig({ HOST: '::' }).http.host).toBe('::');
  });

  it('never offers the development sign-in in production', () => {
    const payloadKeys = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
    expect(configError({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(32), PAYLOAD_KEYS: payloadKeys, DEV_TOKEN_ENDPOINT: '1' }).variable).toBe('DEV_TOKEN_ENDPOINT');
  });

  it('takes the accounts settings, with the defaults of the API', () => {
    expect(loadConfig({}).accounts).toEqual({ accessTokenTtlMs: 8 * 3_600_000, maxFailures: 5, maxFailuresPerAddress: 100, lockoutMs: 15 * 60_000, revocationCacheTtlMs: 30_000 });
    expect(loadConfig({ ACCESS_TOKEN_TTL: '30m', SIGN_IN_MAX_FAILURES: '3', SIGN_IN_MAX_FAILURES_PER_ADDRESS: '20', SIGN_IN_LOCKOUT: '5s', REVOCATION_CACHE_TTL: '0s' }).accounts).toEqual({
      accessTokenTtlMs: 30 * 60_000,
      maxFailures: 3,
      maxFailuresPerAddress: 20,
      lockoutMs: 5_000,
      revocationCacheTtlMs: 0,
    });
  });

  it('takes the single sign-on settings together, with a claim mapping', () => {
    expect(loadConfig({}).oidc).toBeUndefined();
    expect(configError({ OIDC_ISSUER: 'https://sso.example' }).variable).toBe('OIDC_AUDIENCE');
    expect(configError({ OIDC_AUDIENCE: 'cases' }).variable).toBe('OIDC_ISSUER');
    expect(loadConfig({ OIDC_ISSUER: 'https://sso.example/realms/lz', OIDC_AUDIENCE: 'cases', OIDC_CLAIMS: '{"role":"groups","roleValues":{"mz":"officer"}}' }).oidc).toEqual({
      issuer: 'https://sso.example/realms/lz',
      audience: 'cases',
      jwksUrl: undefined,
      claims: { role: 'groups', hospitalId: 'hospitalId', roleValues: { mz: 'officer' } },
      consoleClientId: undefined,
    });
  });

  it('requires AUTH_SECRET in production, and a long one wherever it is set', () => {
    expect(configError({ NODE_ENV: 'production' }).message).toBe('AUTH_SECRET: is required when NODE_ENV=production');
    expect(configError({ AUTH_SECRET: 'short' }).variable).toBe('AUTH_SECRET');
    expect(loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(32), PAYLOAD_KEYS: `k:${'A'.repeat(43)}=` }).production).toBe(true);
  });

  // An error would otherwise put a short AUTH_SECRET or a DATABASE_URL's password in the logs.
  it('does not echo a rejected secret (AUTH_SECRET)', () => {
    expect(configError({ AUTH_SECRET: 'my-short-secret' }).message).not.toContain('my-short-secret');
  });
  it('does not echo a password from a rejected DATABASE_URL', () => {
    expect(configError({ DATABASE_URL: 'mysql://app:hunter2@db/cases' }).message).not.toContain('hunter2');
  });

  it('takes an IPv6 Temporal address in brackets, and an empty optional variable as unset', () => {
    expect(loadConfig({ TEMPORAL_ADDRESS: '[::1]:7233' }).temporal.address).toBe('[::1]:7233');
    expect(loadConfig({ DATABASE_URL: '', TEMPORAL_ADDRESS: '', AUTH_SECRET: '' })).toMatchObject({ temporal: { externalAddress: undefined }, postgres: { externalUrl: undefined }, authSecret: undefined });
    expect(configError({ PORT: '' }).variable).toBe('PORT');
  });

  it('parses every STAGE_SLA unit', () => {
    const sla = parseStageSla('{"SCREENING":"500ms","AWAITING_ADMISSION":"5s","AWAITING_SURGERY":"15m","REHABILITATION":"12h","REIMBURSING":"2d"}');
    expect(sla).toEqual({ SCREENING: 500, AWAITING_ADMISSION: 5_000, AWAITING_SURGERY: 900_000, REHABILITATION: 43_200_000, REIMBURSING: 172_800_000 });
  });

  it("takes the enrolment stages in the same STAGE_SLA, and SUBSIDY_NOTICE for the public notice", () => {
    const config = loadConfig({ STAGE_SLA: '{"SCREENING":"5s","TOWN_REVIEW":"2s","PUBLIC_NOTICE":"1m"}', SUBSIDY_NOTICE: '3s' });
    expect(config.stageSlaMs.SCREENING).toBe(5_000);
    const day = 86_400_000;
    expect(config.subsidy).toMatchObject({ noticeMs: 3_000, stageSlaMs: { TOWN_REVIEW: 2_000, CDPF_REVIEW: 15 * day, DECISION: 10 * day, PUBLIC_NOTICE: 60_000 } });
    expect(config.subsidy.policyFile).toMatch(/subsidy-policy\.default\.json$/);
    expect(loadConfig({}).subsidy.noticeMs).toBeUndefined();
  });
});

describe('a bad variable at start', () => {
  it('stops `npm run infra` before anything starts, with one line naming the variable', () => {
    const env = { ...process.env, PG_PORT: 'not-a-port' };
    const result = spawnSync('npm', ['run', '--silent', 'infra'], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^configuration error: PG_PORT: .*not-a-port/)]);
  });
});
