/**
 * One API app (+ optionally one real worker on its own task queue) per test file, on the shared
 * test stack. Every response a test receives through `call()` is validated against the app's own
 * OpenAPI document: an undocumented status, media type or body shape fails the test.
 */
import { randomBytes } from 'node:crypto';
import { GracefulShutdownPeriodExpiredError, NativeConnection } from '@temporalio/worker';
import type { WorkerGroup } from '../../worker/worker-group';
import type { Client } from '@temporalio/client';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { loadConfig, type Config } from '../../config/config';
import { loadHospitalRegistry } from '../../config/hospitals';
import type { Database } from '../../store/schema';
import { buildApp, type AppDeps } from '../../api/app';
import type { Role } from '../../domain/actor';
import { signToken } from '../../http/auth/tokens';
import { createCaseWorker } from '../../worker/create-worker';
import { lifeEventPath } from '../../api/services/life-event-path';
import { SandboxPayers, type SandboxSettingsSource } from '../../programs/surgery/activities/payers/sandbox-payer';
import { testClient, testDataConverter, testDbClosedByCaller, testNamespace, testPayloadCodec, testTemporalAddress, uniqueTaskQueue, workflowBundle } from '../support/stack';

const WORKER_SHUTDOWN_FORCE_TIME = '20s';

export interface HarnessOptions {
  /** Start a real worker on the app's task queue (cases move only with one). */
  worker?: boolean;
  /** Extra configuration (STAGE_SLA, PAYERS …) as environment variables. */
  env?: Record<string, string>;
  deps?: Partial<AppDeps>;
  /**
   * The sandbox payers' modes for this file's worker. The settings table is shared by every test
   * file of the run, so a test that needs a payer down controls its own worker's payers instead.
   */
  payerSettings?: SandboxSettingsSource;
}

export interface CallOptions extends Omit<InjectOptions, 'headers'> {
  token?: string | null;
  headers?: Record<string, string>;
  /** Skip the OpenAPI check (only for requests outside the document, such as /docs). */
  unchecked?: boolean;
}

export interface ApiHarness {
  app: FastifyInstance;
  db: Kysely<Database>;
  client: Client;
  config: Config;
  secret: string;
  /** Every log line the app wrote, as written. */
  logs: string[];
  token(role: Role, options?: { sub?: string; hospitalId?: string; town?: string; ttlSeconds?: number; secret?: string; now?: Date }): Promise<string>;
  call(options: CallOptions): Promise<LightMyRequestResponse>;
  /** Stops this file's worker (a deploy, a crash): cases stop moving, reads go on. */
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Json }> }> }>>;
  components: { schemas: Record<string, Json> };
}

/** Validates responses against the document: finds the operation, status and media type, then checks the body. */
export class OpenApiResponseValidator {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  private readonly paths: Array<{ template: string; pattern: RegExp }>;
  private readonly compiled = new Map<string, ReturnType<Ajv2020['compile']>>();

  constructor(private readonly document: OpenApiDocument) {
    addFormats(this.ajv);
    const rewritten = JSON.parse(JSON.stringify({ components: document.components }).replaceAll('"#/components/', '"openapi#/components/')) as Json;
    this.ajv.addSchema({ $id: 'openapi', ...rewritten });
    this.paths = Object.keys(document.paths).map((template) => ({
      template,
      pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]*').replace(/\{[^}]+\}/g, '[^/]*')}$`),
    }));
  }

  /** Undefined when the response matches the document; otherwise what is wrong. */
  problem(method: string, url: string, response: LightMyRequestResponse): string | undefined {
    const pathname = url.split('?')[0]!;
    const route = this.paths.find((candidate) => candidate.pattern.test(pathname));
    const status = String(response.statusCode);
    if (!route) {
      // Unknown routes must answer with the documented 404 problem shape.
      return response.statusCode === 404 && response.headers['content-type']?.toString().startsWith('application/problem+json')
        ? this.checkBody('#/components/schemas/Problem', response)
        : `${method} ${pathname}: not in the document and not a 404 problem (got ${status})`;
    }
    const operation = this.document.paths[route.template]![method.toLowerCase()];
    if (!operation) {
      return response.statusCode === 404 ? this.checkBody('#/components/schemas/Problem', response) : `${method} ${route.template}: method not documented (got ${status})`;
    }
    const documented = operation.responses[status] ?? operation.responses.default;
    if (!documented) return `${method} ${route.template}: status ${status} not documented (${response.body.slice(0, 200)})`;
    const mediaType = (response.headers['content-type']?.toString() ?? '').split(';')[0]!.trim();
    const content = documented.content?.[mediaType];
    if (!content) return `${method} ${route.template} ${status}: media type "${mediaType}" not documented`;
    const key = `${method} ${route.template} ${status} ${mediaType}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      const schema = JSON.parse(JSON.stringify(content.schema).replaceAll('"#/components/', '"openapi#/components/')) as Json;
      validate = this.ajv.compile(schema);
      this.compiled.set(key, validate);
    }
    if (mediaType !== 'application/json' && mediaType !== 'application/problem+json') return undefined;
    const body: unknown = JSON.parse(response.body);
    return validate(body) ? undefined : `${key}: ${this.ajv.errorsText(validate.errors)} in ${response.body.slice(0, 300)}`;
  }

  private checkBody(ref: string, response: LightMyRequestResponse): string | undefined {
    const validate = this.ajv.compile({ $ref: ref.replace('#/components/', 'openapi#/components/') });
    return validate(JSON.parse(response.body)) ? undefined : `404 problem: ${this.ajv.errorsText(validate.errors)}`;
  }
}

export async function startApiHarness(options: HarnessOptions = {}): Promise<ApiHarness> {
  const secret = randomBytes(32).toString('base64url');
  const config = loadConfig({ ...process.env, TASK_QUEUE: uniqueTaskQueue(), AUTH_SECRET: secret, LOG_LEVEL: 'info', ...options.env });
  const hospitals = loadHospitalRegistry(config.hospitalsFile);
  const db = testDbClosedByCaller();
  const client = await testClient();
  const logs: string[] = [];

  let worker: WorkerGroup | undefined;
  let workerRun: Promise<void> | undefined;
  let workerConnection: NativeConnection | undefined;
  if (options.worker) {
    workerConnection = await NativeConnection.connect({ address: testTemporalAddress() });
    worker = await createCaseWorker({
      connection: workerConnection,
      namespace: testNamespace(),
      taskQueue: config.temporal.taskQueue,
      dataConverter: testDataConverter(),
      db,
      policyFile: config.policyFile,
      hospitalsFile: config.hospitalsFile,
      workflowBundle: workflowBundle(),
      tuning: { shutdownForceTime: WORKER_SHUTDOWN_FORCE_TIME },
      lifeEvents: lifeEventPath({ config, db, temporal: client }),
      ...(options.payerSettings ? { payers: new SandboxPayers(db, { settings: options.payerSettings }) } : {}),
    });
    workerRun = worker.run();
  }

  const app = await buildApp({
    config,
    db,
    temporal: client,
    hospitals,
    authSecret: secret,
    payloadCodec: testPayloadCodec(),
    consoleDir: null,
    logStream: { write: (line: string) => void logs.push(line) },
    ...options.deps,
  });
  async function stopWorker(): Promise<void> {
    if (worker && worker.getState() === 'RUNNING') worker.shutdown();
    try {
      await workerRun;
    } catch (error) {
      // Seen on this loaded 2-core machine: a shutdown DRAINING for minutes with nothing in flight,
      // only outstanding long polls the server did not end (an upstream poll-shutdown race). The
      // tests have their answers by then; waiting longer would only fail the file at its timeout.
      if (!(error instanceof GracefulShutdownPeriodExpiredError)) throw error;
      process.stderr.write(`test harness: gave up on the worker's graceful shutdown after ${WORKER_SHUTDOWN_FORCE_TIME}: ${JSON.stringify(worker?.getStatus())}\n`);
    }
  }
  const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as OpenApiDocument;
  const validator = new OpenApiResponseValidator(document);

  return {
    app,
    db,
    client,
    config,
    secret,
    logs,
    async token(role, tokenOptions = {}) {
      const { token } = await signToken(
        tokenOptions.secret ?? secret,
        {
          role,
          sub: tokenOptions.sub ?? `${role}-test`,
          hospitalId: role === 'hospital' ? tokenOptions.hospitalId ?? 'wuwei-hand-foot' : undefined,
          town: tokenOptions.town,
          ttlSeconds: tokenOptions.ttlSeconds ?? 3600,
        },
        tokenOptions.now,
      );
      return token;
    },
    async call({ token, headers, unchecked, ...request }) {
      const response = await app.inject({
        ...request,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      } as InjectOptions);
      if (!unchecked) {
        const problem = validator.problem(request.method ?? 'GET', String(request.url), response);
        if (problem) throw new Error(`response does not match the OpenAPI document: ${problem}`);
        if (response.statusCode >= 500 && response.statusCode !== 503) {
          throw new Error(`${request.method} ${String(request.url)} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
        }
      }
      return response;
    },
    stopWorker,
    async close() {
      await app.close();
      await stopWorker();
      await workerConnection?.close();
      await db.destroy();
    },
  };
}
