/**
 * Builds the HTTP API from its dependencies (one Temporal client, one kysely pool, the config) so
 * that main.ts can listen with it and tests can `inject()` into it. Plugins load in order:
 * external (swagger, metrics, problems, auth), then the services, then the routes.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DestinationStream } from 'pino';
import { PROJECT_ROOT, type Config } from '../config/config';
import type { HospitalRegistry } from '../config/hospitals';
import type { Database } from '../db/types';
import { scrubIdNumbers } from '../domain/id-number';
import { createApiLogger } from './logging';
import { PROBLEM_CONTENT_TYPE, problems } from './problems';
import { authPlugin } from './plugins/auth';
import { clientAbortPlugin } from './plugins/client-abort';
import { consoleFallback, consoleIsBuilt, registerConsole } from './plugins/console';
import { createApiMetrics, metricsPlugin, type ApiMetrics } from './plugins/metrics';
import { textGuardPlugin } from './plugins/text-guard';
import { problemsPlugin } from './plugins/problems';
import { swaggerPlugin } from './plugins/swagger';
import { createOidcVerifier } from './auth/oidc';
import { signInMethods } from './auth/sign-in-methods';
import { TokenStandingChecker } from './auth/token-standing';
import { adminRoutes } from './routes/admin';
import { authRoutes } from './routes/auth';
import { caseRoutes } from './routes/cases';
import { codecRoutes } from './routes/codec';
import { devRoutes } from './routes/dev';
import { hospitalRoutes } from './routes/hospitals';
import { serviceRoutes } from './routes/service';
import { statsRoutes } from './routes/stats';
import { userRoutes } from './routes/users';
import { CaseService } from './services/cases.service';
import { RosterImporter } from './services/roster-import';
import { SignInService } from './services/sign-in.service';
import { StuckCasesService } from './services/stuck-cases.service';
import { UserAdminService } from './services/user-admin.service';

export interface AppDeps {
  config: Config;
  db: Kysely<Database>;
  temporal: Client;
  hospitals: HospitalRegistry;
  authSecret: string;
  /** The payload codec of the Temporal client (codec/data-converter.ts), served to the Web UI at /codec. */
  payloadCodec: PayloadCodec;
  /** Where the JSON log lines go (tests capture them); stdout when absent. */
  logStream?: DestinationStream;
  /** The built web console; `console/dist` of the project when absent, none when null. */
  consoleDir?: string | null;
  /** Offer POST /v1/dev/token (never in production). */
  devTokens?: boolean;
  /** Node process metrics in /metrics as well (once per process: main.ts). */
  defaultMetrics?: boolean;
  clock?: () => Date;
  updateTimeoutMs?: number;
  stuckAttempts?: number;
  importParallelism?: number;
}

export const DEFAULT_CONSOLE_DIR = path.join(PROJECT_ROOT, 'console', 'dist');

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, db, temporal, hospitals, authSecret } = deps;
  const app = Fastify({
    loggerInstance: createApiLogger(config.logLevel, deps.logStream) as FastifyBaseLogger,
    // A caller's X-Request-Id is kept for correlation when it is a plain token; never one that could be an ID number.
    genReqId: (request) => {
      const header = request.headers['x-request-id'];
      return typeof header === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(header) && scrubIdNumbers(header) === header ? header : randomUUID();
    },
    // Long enough for any valid case id; longer ones are refused by validation, not by the router.
    routerOptions: { maxParamLength: 512 },
    forceCloseConnections: true,
    // A URL the router cannot even decode ("%zz") or a bad Content-Type header is still answered with a problem document.
    frameworkErrors: (error, _request, reply) => {
      const problem = problems.validation([{ path: '', message: error.message }], error.message);
      void (reply as unknown as FastifyReply).code(400).type(PROBLEM_CONTENT_TYPE).send(problem.toDocument());
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  // Every log line of a request about a case carries its id (masked if someone put an ID number there).
  app.addHook('onRequest', async (request, reply) => {
    const caseId = (request.params as { caseId?: unknown } | undefined)?.caseId;
    if (typeof caseId === 'string' && caseId.length > 0) {
      request.log = request.log.child({ caseId: scrubIdNumbers(caseId.slice(0, 64)) });
      reply.log = request.log;
    }
  });

  const consoleDir = deps.consoleDir === undefined ? DEFAULT_CONSOLE_DIR : deps.consoleDir;
  const withConsole = consoleDir !== null && consoleIsBuilt(consoleDir);
  const metrics: ApiMetrics = createApiMetrics({ defaultMetrics: deps.defaultMetrics ?? false });

  await app.register(swaggerPlugin);
  await app.register(clientAbortPlugin);
  await app.register(metricsPlugin, { metrics });
  await app.register(problemsPlugin, withConsole ? { notFoundFallback: consoleFallback } : {});
  const clock = deps.clock ?? (() => new Date());
  const isKnownHospital = (hospitalId: string) => hospitals.byId.has(hospitalId);
  const standing = new TokenStandingChecker(db, config.accounts.revocationCacheTtlMs, clock);
  const oidc = config.oidc && createOidcVerifier(config.oidc);
  await app.register(authPlugin, { authSecret, isKnownHospital, standing, oidc });
  await app.register(textGuardPlugin);

  const cases = new CaseService({ config, db, temporal, hospitals, metrics, clock, updateTimeoutMs: deps.updateTimeoutMs ?? 30_000 });
  const roster = new RosterImporter(cases, { parallelism: deps.importParallelism ?? 16 });
  const signIn = new SignInService({ db, authSecret, standing, clock, ...config.accounts });
  const users = new UserAdminService({ db, standing, isKnownHospital, clock });
  const stuck = new StuckCasesService({ config, db, temporal, minAttempts: deps.stuckAttempts ?? 3, limit: 500 });

  await app.register(serviceRoutes, { db, temporal, checkTimeoutMs: 2_000 });
  await app.register(authRoutes, { signIn, methods: signInMethods(config.oidc, Boolean(deps.devTokens) && !config.production) });
  await app.register(userRoutes, { users, db });
  await app.register(caseRoutes, { cases, roster });
  await app.register(adminRoutes, { cases, stuck, db, sandboxPayers: config.payers === 'sandbox' });
  await app.register(statsRoutes, { db });
  await app.register(hospitalRoutes, { hospitals });
  await app.register(codecRoutes, { codec: deps.payloadCodec, uiOrigins: config.temporal.uiOrigins });
  if (deps.devTokens && !config.production) await app.register(devRoutes, { authSecret, hospitals });
  if (withConsole) await registerConsole(app as unknown as FastifyInstance, consoleDir);

  await app.ready();
  return app as unknown as FastifyInstance;
}
