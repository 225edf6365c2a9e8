import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parseDurationMs } from './duration';
import { WAITING_STAGES, type WaitingStage } from '../programs/surgery/domain/stages';
import { SURGERY_STAGE_SLA_DEFAULTS } from '../programs/surgery/domain/stage-sla';
import { CASE_TASK_QUEUE } from '../programs/surgery/domain/ids';
import { KeyringError, parseKeyList, type PayloadKeyring } from '../codec/keyring';
import { parseTowns } from './towns';
import { ROLES, type Role } from '../domain/actor';
import { WAITING_ENROLMENT_STAGES, type WaitingEnrolmentStage } from '../programs/subsidy/domain/stages';
import { DEFAULT_SUBSIDY_POLICY_FILE } from '../programs/subsidy/policy-file';
import { DEFAULT_ENROLMENT_STAGE_SLA_MS } from '../programs/subsidy/domain/stage-sla';
import { DEFAULT_PAIRING_CADENCE, type PairingCadence } from '../programs/pairing/domain/index';

import { ConfigError } from './config-error';
import { temporalTlsOf, type TemporalTls } from './temporal-tls';

export { ConfigError };

export const PROJECT_ROOT = path.resolve(__dirname, '..');

/** The package's version: a worker's build id unless WORKER_BUILD_ID says otherwise. */
const PACKAGE_VERSION = (JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const port = z
  .string()
  .regex(/^\d{1,5}$/, 'must be a port number (1–65535)')
  .transform(Number)
  .refine((value) => value >= 1 && value <= 65_535, 'must be a port number (1–65535)');

/** A whole number from `min` to `max`. */
function wholeNumber(min: number, max: number) {
  const words = `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d{1,10}$/, words)
    .transform(Number)
    .refine((value) => value >= min && value <= max, words);
}

/** A duration such as 8h, 15m or 30s, between `min` and `max` milliseconds. */
function duration(min: number, max: number, words: string) {
  return z
    .string()
    .transform((text, context) => {
      const ms = /^0(ms|s|m|h|d)?$/.test(text.trim()) ? 0 : parseDurationMs(text);
      if (ms === undefined || ms < min || ms > max) {
        context.addIssue({ code: 'custom', message: `must be a duration such as ${words}` });
        return z.NEVER;
      }
      return ms;
    });
}

const OPTIONAL_VARIABLES: ReadonlySet<string> = new Set(['OIDC_CLIENT_ID', 'SIGN_IN_MAX_FAILURES_PER_ADDRESS', 'OIDC_ISSUER', 'OIDC_AUDIENCE', 'OIDC_JWKS_URL', 'OIDC_CLAIMS', 'ACCESS_TOKEN_TTL', 'SIGN_IN_MAX_FAILURES', 'SIGN_IN_LOCKOUT', 'REVOCATION_CACHE_TTL', 'TEMPORAL_ADDRESS', 'DATABASE_URL', 'MIGRATION_DATABASE_URL', 'AUTH_SECRET', 'STAGE_SLA', 'TEMPORAL_CLI_PATH', 'STUCK_ATTEMPTS', 'WORKER_MAX_CACHED_WORKFLOWS', 'WORKER_METRICS_ADDRESS', 'WORKER_DEPLOYMENT', 'WORKER_BUILD_ID', 'WORKER_PROMOTE', 'PAYER_RATE_LIMIT', 'TEMPORAL_TLS', 'TEMPORAL_TLS_CA_FILE', 'TEMPORAL_TLS_CERT_FILE', 'TEMPORAL_TLS_KEY_FILE', 'TEMPORAL_TLS_SERVER_NAME', 'PAYLOAD_KEYS', 'PAYLOAD_KEY_ID', 'BLIND_INDEX_KEY_ID', 'TEMPORAL_UI_ORIGIN', 'TEMPORAL_UI_URL', 'TOWNS', 'SUBSIDY_NOTICE', 'PAYROLL_BATCH_SIZE', 'PAYROLL_SCHEDULE', 'PAIRING_CADENCE']);

/** Values never echoed in an error: they may carry a secret. */
const SECRET_VARIABLES: ReadonlySet<string> = new Set(['AUTH_SECRET', 'DATABASE_URL', 'MIGRATION_DATABASE_URL', 'PAYLOAD_KEYS']);

const envSchema = z.object({
  NODE_ENV: z.string().default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default(path.join(PROJECT_ROOT, '.data')),
  PORT: port.default(3000),
  // A host name or an IP address (IPv6 without brackets): 127.0.0.1, 0.0.0.0, ::, localhost.
  HOST: z.string().regex(/^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)$/, 'must be a host name or an IP address such as 127.0.0.1 or 0.0.0.0').default('127.0.0.1'),
  DEV_TOKEN_ENDPOINT: z.enum(['0', '1'], { error: 'must be 1 (offer POST /v1/dev/token) or 0' }).default('0'),
  HTTP_REQUEST_TIMEOUT: duration(1, 24 * 3_600_000, '60s (1ms … 24h)').default(60_000),
  HTTP_CONNECTION_TIMEOUT: duration(1, 7 * 24 * 3_600_000, '10m (1ms … 7d)').default(600_000),
  HTTP_MAX_CONNECTIONS: wholeNumber(1, 1_000_000).default(1_000),
  RATE_LIMIT_MAX: wholeNumber(1, 1_000_000_000).default(60_000),
  RATE_LIMIT_WINDOW: duration(1, 24 * 3_600_000, '1m (1ms … 24h)').default(60_000),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^(?:[^\s:/[\]]+|\[[0-9A-Fa-f:.]+\]):\d{1,5}$/, 'expected host:port (an IPv6 host in brackets: [::1]:7233)')
    .optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TASK_QUEUE: z.string().min(1).default(CASE_TASK_QUEUE),
  // TLS (and mTLS) to an external Temporal server: config/temporal-tls.ts.
  TEMPORAL_TLS: z.enum(['true', 'false']).optional(),
  TEMPORAL_TLS_CA_FILE: z.string().min(1).optional(),
  TEMPORAL_TLS_CERT_FILE: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY_FILE: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_UI_ORIGIN: z.string().optional(),
  TEMPORAL_UI_URL: z.url({ protocol: /^https?$/, error: 'must be the Temporal Web UI\'s address as a browser reaches it (http://… or https://…)' }).optional(),
  TOWNS: z.string().optional(),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL').optional(),
  MIGRATION_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL').optional(),
  PG_PORT: port.default(5433),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  PAYLOAD_KEYS: z.string().optional(),
  PAYLOAD_KEY_ID: z.string().optional(),
  BLIND_INDEX_KEY_ID: z.string().optional(),
  POLICY_FILE: z.string().min(1).default(path.join(PROJECT_ROOT, 'config', 'policy.default.json')),
  HOSPITALS_FILE: z.string().min(1).default(path.join(PROJECT_ROOT, 'config', 'hospitals.default.json')),
  SUBSIDY_POLICY_FILE: z.string().min(1).default(DEFAULT_SUBSIDY_POLICY_FILE),
  // Shortens the subsidies' public notice (tests and demos); unset, the policy's noticeDays hold.
  SUBSIDY_NOTICE: duration(1, 365 * 24 * 3_600_000, '3s or 5d (1ms … 365d)').optional(),
  PAIRING_CADENCE: z.string().optional(),
  STAGE_SLA: z.string().optional(),
  // Lines per batch file the payroll sends to the bank.
  PAYROLL_BATCH_SIZE: wholeNumber(1, 10_000).default(500),
  // When each subsidy's payroll opens by itself: a cron expression read in Asia/Shanghai.
  PAYROLL_SCHEDULE: z.string().trim().regex(/^\S+( \S+){4}$/, 'must be a cron expression of five fields, e.g. "0 9 10 * *"').default('0 9 10 * *'),
  PAYERS: z.enum(['sandbox']).default('sandbox'),
  // Worker Versioning: the worker's deployment (unset: unversioned) and its build (the package's version unless given).
  WORKER_DEPLOYMENT: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'must be a name of letters, digits, ".", "_" and "-"').optional(),
  WORKER_BUILD_ID: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,99}$/, 'must be letters, digits, ".", "_", "+" and "-"').optional(),
  WORKER_PROMOTE: z.enum(['true', 'false']).default('false'),
  // Claims per second sent to the payers, across every worker (the server enforces it on the payer queue).
  PAYER_RATE_LIMIT: wholeNumber(1, 10_000).default(100),
  TEMPORAL_CLI_PATH: z.string().optional(),
  STUCK_ATTEMPTS: wholeNumber(1, 1000).default(3),
  WORKER_MAX_CACHED_WORKFLOWS: z
    .string()
    .regex(/^\d{1,6}$/, 'must be a whole number (0 turns the cache off)')
    .transform(Number)
    .default(250),
  // The SDK's Prometheus exporter (workflow task latency, schedule-to-start, sticky cache, polls):
  // off unless an address is given; inside a container 0.0.0.0:9464, scraped on the private network.
  WORKER_METRICS_ADDRESS: z
    .string()
    .regex(/^(\d{1,3}(\.\d{1,3}){3}|localhost|\[[0-9a-fA-F:]+\]):\d{1,5}$/, 'must be host:port, e.g. 127.0.0.1:9464')
    .optional(),
  ACCESS_TOKEN_TTL: duration(60_000, 8 * 3_600_000, '8h or 30m (1m … 8h)').default(8 * 3_600_000),
  SIGN_IN_MAX_FAILURES: wholeNumber(1, 100).default(5),
  SIGN_IN_MAX_FAILURES_PER_ADDRESS: wholeNumber(1, 10_000).default(100),
  SIGN_IN_LOCKOUT: duration(1_000, 24 * 3_600_000, '15m (1s … 24h)').default(15 * 60_000),
  OIDC_ISSUER: z.url({ protocol: /^https?$/, error: 'must be the provider\'s issuer URL (https://…)' }).optional(),
  OIDC_AUDIENCE: z.string().min(1).optional(),
  OIDC_JWKS_URL: z.url({ protocol: /^https?$/, error: 'must be a URL (https://…)' }).optional(),
  OIDC_CLAIMS: z.string().optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(256).optional(),
  REVOCATION_CACHE_TTL: duration(0, 30_000, '30s or 0s (0 … 30s; 0: ask PostgreSQL every time)').default(30_000),
});

/** The district's single sign-on (http/auth/oidc.ts). */
export interface OidcConfig {
  issuer: string;
  audience: string;
  /** The key set's URL; absent: the `jwks_uri` of the issuer's discovery document. */
  jwksUrl: string | undefined;
  claims: OidcClaims;
  /** The console's client id at the provider (a public client, PKCE); absent: no 单点登录 button. */
  consoleClientId: string | undefined;
}

export interface OidcClaims {
  /** Claim names (dotted for nested ones) that carry the role and the hospital. */
  role: string;
  hospitalId: string;
  /** The provider's role names → ours; a value that is already one of ours needs no entry. */
  roleValues: Record<string, Role>;
}

const oidcClaimsSchema = z.strictObject({
  role: z.string().min(1).default('role'),
  hospitalId: z.string().min(1).default('hospitalId'),
  roleValues: z.record(z.string(), z.enum(ROLES)).default({}),
});

/** OIDC_CLAIMS: JSON such as {"role":"groups","roleValues":{"mz-jbr":"officer"}}; every member optional. */
export function parseOidcClaims(text: string | undefined): OidcClaims {
  let value: unknown = {};
  if (text !== undefined && text.trim() !== '') {
    try {
      value = JSON.parse(text);
    } catch {
      throw new ConfigError('OIDC_CLAIMS', 'must be a JSON object such as {"role":"groups","roleValues":{"mz-jbr":"officer"}}');
    }
  }
  const parsed = oidcClaimsSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError('OIDC_CLAIMS', `${issue.path.join('.') || 'value'}: ${issue.message}`);
  }
  return parsed.data;
}

export interface Config {
  nodeEnv: string;
  production: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  dataDir: string;
  port: number;
  http: HttpEdgeConfig;
  temporal: {
    /** Set when an existing server is used; otherwise the embedded one on `port`. */
    externalAddress: string | undefined;
    address: string;
    namespace: string;
    taskQueue: string;
    /** TLS to the server (mutual when a client certificate is given); plain gRPC when undefined. */
    tls: TemporalTls | undefined;
    port: number;
    uiPort: number;
    /** Browser origins of the Web UI, allowed to call the codec server (CORS). */
    uiOrigins: string[];
    /**
     * Where an administrator's browser finds the Web UI, for the console's links: TEMPORAL_UI_URL,
     * else the embedded server's UI on this machine; undefined for an existing server that names none.
     */
    uiUrl: string | undefined;
    cliPath: string | undefined;
  };
  postgres: {
    /** Set when an existing database is used; otherwise the embedded one on `port`. */
    externalUrl: string | undefined;
    /** The role that runs migrations (MIGRATION_DATABASE_URL); undefined: DATABASE_URL's, or the embedded owner role. */
    migrationUrl: string | undefined;
    port: number;
  };
  authSecret: string | undefined;
  /** Keys of the payload codec; undefined: the embedded stack's key file in DATA_DIR (config/payload-keys.ts). */
  payloadKeys: PayloadKeyring | undefined;
  /** The key the blind indexes of sealed columns derive from (BLIND_INDEX_KEY_ID); undefined: the keyring's first key. */
  blindIndexKeyId: string | undefined;
  policyFile: string;
  hospitalsFile: string;
  stageSlaMs: Record<WaitingStage, number>;
  subsidy: SubsidyConfig;
  /** How often an official must be in touch with each person paired with them (PAIRING_CADENCE). */
  pairing: { cadence: PairingCadence };
  payers: 'sandbox';
  /** Claims per second the workers together send to the payers. */
  payerRateLimit: number;
  /** The district's towns, for the select lists (TOWNS; config/towns.ts has the default). */
  towns: string[];
  /** Consecutive activity failures from which a case is reported stuck. */
  stuckAttempts: number;
  /**
   * Workflows a worker keeps in memory (≈ 0.3 MiB each). Cases wait for weeks, so a cache sized by
   * the machine's memory (the SDK's default) only grows RSS; a case not in it is replayed on its
   * next event, which takes milliseconds.
   */
  workerMaxCachedWorkflows: number;
  /**
   * Worker Versioning: the deployment and build this worker polls as, and whether it makes its
   * build the deployment's current one once it polls; unversioned when undefined.
   */
  workerDeployment: { name: string; buildId: string; promote: boolean } | undefined;
  /** Where the worker serves the SDK's Prometheus metrics (`/metrics`); none when undefined. */
  workerMetricsAddress: string | undefined;
  accounts: {
    /** How long a sign-in's token lives (at most 8 h). */
    accessTokenTtlMs: number;
    /** Failed sign-ins for one user name within `lockoutMs` that lock it for `lockoutMs`. */
    maxFailures: number;
    /** Failed sign-ins from one address (any user names) within `lockoutMs` that refuse its sign-ins. */
    maxFailuresPerAddress: number;
    lockoutMs: number;
    /** How long an API process trusts what PostgreSQL said about a token (signed out? disabled?). */
    revocationCacheTtlMs: number;
  };
  /** Set when OIDC_ISSUER and OIDC_AUDIENCE are: tokens of the single sign-on are accepted too. */
  oidc: OidcConfig | undefined;
}

/** The subsidy enrolments' settings, fixed in each enrolment's workflow when it opens. */
export interface SubsidyConfig {
  policyFile: string;
  /** Overrides the policy's notice days; undefined: the policy decides. */
  noticeMs: number | undefined;
  /** Service-level time of each enrolment stage that waits on people (STAGE_SLA names them too). */
  stageSlaMs: Record<WaitingEnrolmentStage, number>;
  /** Lines per batch file a payroll sends to the bank. */
  payrollBatchSize: number;
  /** PAYROLL_SCHEDULE: a cron expression (Asia/Shanghai) on which each subsidy's payroll opens. */
  payrollSchedule: string;
}

/** What the API's HTTP server allows a client (api/app.ts, api/main.ts). */
export interface HttpEdgeConfig {
  /** The interface the API listens on: loopback unless a container or a proxy needs more. */
  host: string;
  /** POST /v1/dev/token, the console's development sign-in: only when asked for, never in production. */
  devTokenEndpoint: boolean;
  /** The whole request (headers and body) must arrive within this: a slow-drip upload is cut. */
  requestTimeoutMs: number;
  /** A connection with nothing sent or received for this long is closed (longer than any answer takes). */
  connectionTimeoutMs: number;
  maxConnections: number;
  /** Requests per window for one token subject (or one IP address without a token). */
  rateLimitMax: number;
  rateLimitWindowMs: number;
}

/** STAGE_SLA: one JSON object for every program's stages, each merged over its defaults. */
function parseStageSlaOverrides(text: string | undefined): Record<string, number> {
  let overrides: unknown = {};
  if (text !== undefined && text.trim() !== '') {
    try {
      overrides = JSON.parse(text);
    } catch {
      throw new ConfigError('STAGE_SLA', 'must be a JSON object such as {"SCREENING":"5s"}');
    }
  }
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    throw new ConfigError('STAGE_SLA', 'must be a JSON object such as {"SCREENING":"5s"}');
  }
  const known: readonly string[] = [...WAITING_STAGES, ...WAITING_ENROLMENT_STAGES];
  const result: Record<string, number> = {};
  for (const [stage, value] of Object.entries(overrides)) {
    if (!known.includes(stage)) {
      throw new ConfigError('STAGE_SLA', `unknown stage "${stage}"; expected one of ${known.join(', ')}`);
    }
    const ms = typeof value === 'string' ? parseDurationMs(value) : undefined;
    if (ms === undefined) {
      throw new ConfigError('STAGE_SLA', `${stage}: "${String(value)}" is not a duration such as "30d", "12h", "5s"`);
    }
    result[stage] = ms;
  }
  return result;
}

function pickStages<S extends string>(stages: readonly S[], defaults: Record<S, number>, overrides: Record<string, number>): Record<S, number> {
  return Object.fromEntries(stages.map((stage) => [stage, overrides[stage] ?? defaults[stage]])) as Record<S, number>;
}

export function parseStageSla(text: string | undefined): Record<WaitingStage, number> {
  const defaults = Object.fromEntries(WAITING_STAGES.map((stage) => [stage, parseDurationMs(SURGERY_STAGE_SLA_DEFAULTS[stage])!])) as Record<WaitingStage, number>;
  return pickStages(WAITING_STAGES, defaults, parseStageSlaOverrides(text));
}

/** The enrolment stages' service-level times: STAGE_SLA's entries for them over the defaults. */
export function parseEnrolmentStageSla(text: string | undefined): Record<WaitingEnrolmentStage, number> {
  return pickStages(WAITING_ENROLMENT_STAGES, DEFAULT_ENROLMENT_STAGE_SLA_MS, parseStageSlaOverrides(text));
}

const CADENCE_EXAMPLE = 'must be a JSON object such as {"contactEvery":"90d","visitsPerYear":2}';

/** PAIRING_CADENCE: `contactEvery` a duration as in STAGE_SLA, `visitsPerYear` a whole number; each defaults on its own. */
export function parsePairingCadence(text: string | undefined): PairingCadence {
  let value: unknown = {};
  if (text !== undefined && text.trim() !== '') {
    try {
      value = JSON.parse(text);
    } catch {
      throw new ConfigError('PAIRING_CADENCE', CADENCE_EXAMPLE);
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError('PAIRING_CADENCE', CADENCE_EXAMPLE);
  const { contactEvery = DEFAULT_PAIRING_CADENCE.contactEvery, visitsPerYear = DEFAULT_PAIRING_CADENCE.visitsPerYear, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) throw new ConfigError('PAIRING_CADENCE', `unknown member "${unknown}"; expected contactEvery, visitsPerYear`);
  const contactEveryMs = typeof contactEvery === 'string' ? parseDurationMs(contactEvery) : undefined;
  if (contactEveryMs === undefined) throw new ConfigError('PAIRING_CADENCE', `contactEvery: "${String(contactEvery)}" is not a duration such as "90d", "12h", "3s"`);
  if (typeof visitsPerYear !== 'number' || !Number.isInteger(visitsPerYear) || visitsPerYear < 0 || visitsPerYear > 366) {
    throw new ConfigError('PAIRING_CADENCE', 'visitsPerYear: must be a whole number from 0 to 366');
  }
  return { contactEveryMs, visitsPerYear };
}

/** PAYLOAD_KEYS (`id:base64key,…`) and PAYLOAD_KEY_ID (the current key; optional with one key). */
export function parsePayloadKeys(keys: string | undefined, currentKeyId: string | undefined): PayloadKeyring | undefined {
  if (keys === undefined) {
    if (currentKeyId !== undefined) throw new ConfigError('PAYLOAD_KEY_ID', 'is set but PAYLOAD_KEYS is not');
    return undefined;
  }
  try {
    return parseKeyList(keys, currentKeyId);
  } catch (error) {
    if (!(error instanceof KeyringError)) throw error;
    throw new ConfigError(error.about === 'keys' ? 'PAYLOAD_KEYS' : 'PAYLOAD_KEY_ID', error.message);
  }
}

/** TEMPORAL_UI_ORIGIN: comma-separated origins; by default the embedded UI's, by name and by address. */
export function parseUiOrigins(text: string | undefined, uiPort: number): string[] {
  if (text === undefined) return [`http://localhost:${uiPort}`, `http://127.0.0.1:${uiPort}`];
  const origins = text.split(',').map((origin) => origin.trim()).filter((origin) => origin !== '');
  for (const origin of origins) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {
      parsed = undefined;
    }
    if (!parsed || parsed.origin !== origin) throw new ConfigError('TEMPORAL_UI_ORIGIN', `"${origin}" is not an origin such as http://localhost:8233 (scheme, host, port; no path)`);
  }
  if (origins.length === 0) throw new ConfigError('TEMPORAL_UI_ORIGIN', 'must name at least one origin');
  return origins;
}

/** Reads and validates the environment. Throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty optional variable means "not set" (`DATABASE_URL=${DATABASE_URL:-}` in a compose file).
  const set = Object.fromEntries(Object.entries(env).filter(([name, value]) => !(value === '' && OPTIONAL_VARIABLES.has(name))));
  const parsed = envSchema.safeParse(set);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    const got = SECRET_VARIABLES.has(variable) ? '' : ` (got ${JSON.stringify(set[variable] ?? null)})`;
    throw new ConfigError(variable, `${issue.message}${got}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && e.AUTH_SECRET === undefined) {
    throw new ConfigError('AUTH_SECRET', 'is required when NODE_ENV=production');
  }
  const payloadKeys = parsePayloadKeys(e.PAYLOAD_KEYS, e.PAYLOAD_KEY_ID);
  if ((e.OIDC_ISSUER === undefined) !== (e.OIDC_AUDIENCE === undefined)) {
    throw new ConfigError(e.OIDC_ISSUER === undefined ? 'OIDC_ISSUER' : 'OIDC_AUDIENCE', 'OIDC_ISSUER and OIDC_AUDIENCE are set together or not at all');
  }
  const oidcClaims = parseOidcClaims(e.OIDC_CLAIMS);
  if (production && payloadKeys === undefined) {
    throw new ConfigError('PAYLOAD_KEYS', 'is required when NODE_ENV=production');
  }
  if (production && e.DEV_TOKEN_ENDPOINT === '1') {
    throw new ConfigError('DEV_TOKEN_ENDPOINT', 'must not be 1 when NODE_ENV=production: it signs a token for anyone who asks');
  }
  return {
    nodeEnv: e.NODE_ENV,
    production,
    logLevel: e.LOG_LEVEL,
    dataDir: path.resolve(e.DATA_DIR),
    port: e.PORT,
    http: {
      host: e.HOST,
      devTokenEndpoint: e.DEV_TOKEN_ENDPOINT === '1',
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT,
      connectionTimeoutMs: e.HTTP_CONNECTION_TIMEOUT,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
      rateLimitMax: e.RATE_LIMIT_MAX,
      rateLimitWindowMs: e.RATE_LIMIT_WINDOW,
    },
    temporal: {
      externalAddress: e.TEMPORAL_ADDRESS,
      address: e.TEMPORAL_ADDRESS ?? `127.0.0.1:${e.TEMPORAL_PORT}`,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TASK_QUEUE,
      tls: temporalTlsOf(e),
      port: e.TEMPORAL_PORT,
      uiPort: e.TEMPORAL_UI_PORT,
      uiOrigins: parseUiOrigins(e.TEMPORAL_UI_ORIGIN, e.TEMPORAL_UI_PORT),
      uiUrl: e.TEMPORAL_UI_URL?.replace(/\/+$/, '') ?? (e.TEMPORAL_ADDRESS === undefined ? `http://localhost:${e.TEMPORAL_UI_PORT}` : undefined),
      cliPath: e.TEMPORAL_CLI_PATH,
    },
    postgres: { externalUrl: e.DATABASE_URL, migrationUrl: e.MIGRATION_DATABASE_URL, port: e.PG_PORT },
    authSecret: e.AUTH_SECRET,
    payloadKeys,
    blindIndexKeyId: e.BLIND_INDEX_KEY_ID,
    policyFile: path.resolve(e.POLICY_FILE),
    hospitalsFile: path.resolve(e.HOSPITALS_FILE),
    stageSlaMs: parseStageSla(e.STAGE_SLA),
    subsidy: { policyFile: path.resolve(e.SUBSIDY_POLICY_FILE), noticeMs: e.SUBSIDY_NOTICE, stageSlaMs: parseEnrolmentStageSla(e.STAGE_SLA), payrollBatchSize: e.PAYROLL_BATCH_SIZE, payrollSchedule: e.PAYROLL_SCHEDULE },
    pairing: { cadence: parsePairingCadence(e.PAIRING_CADENCE) },
    payers: e.PAYERS,
    payerRateLimit: e.PAYER_RATE_LIMIT,
    towns: parseTowns(e.TOWNS),
    stuckAttempts: e.STUCK_ATTEMPTS,
    workerMaxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS,
    workerMetricsAddress: e.WORKER_METRICS_ADDRESS,
    workerDeployment: e.WORKER_DEPLOYMENT === undefined ? undefined : { name: e.WORKER_DEPLOYMENT, buildId: e.WORKER_BUILD_ID ?? PACKAGE_VERSION, promote: e.WORKER_PROMOTE === 'true' },
    accounts: {
      accessTokenTtlMs: e.ACCESS_TOKEN_TTL,
      maxFailures: e.SIGN_IN_MAX_FAILURES,
      maxFailuresPerAddress: e.SIGN_IN_MAX_FAILURES_PER_ADDRESS,
      lockoutMs: e.SIGN_IN_LOCKOUT,
      revocationCacheTtlMs: e.REVOCATION_CACHE_TTL,
    },
    oidc: e.OIDC_ISSUER && e.OIDC_AUDIENCE ? { issuer: e.OIDC_ISSUER, audience: e.OIDC_AUDIENCE, jwksUrl: e.OIDC_JWKS_URL, claims: oidcClaims, consoleClientId: e.OIDC_CLIENT_ID } : undefined,
  };
}
