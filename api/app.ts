/**
 * Builds the HTTP API from its dependencies (one Temporal client, one kysely pool, the config) so
 * that main.ts can listen with it and tests can `inject()` into it. Plugins load in order:
 * external (security headers, swagger, metrics, problems, auth, rate limit), then the services, then
 * the routes. The server's own limits (timeouts, connections) come from `config.http`.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { PayloadCodec } from '@temporalio/common';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DestinationStream } from 'pino';
import { PROJECT_ROOT, type Config } from '../config/config';
import type { HospitalRegistry } from '../config/hospitals';
import type { Database } from '../store/schema';
import { scrubIdNumbers } from '../domain/id-number';
import { createApiLogger, OneLinePerRequest } from '../http/logging';
import { PROBLEM_CONTENT_TYPE, problems } from '../http/problems';
import { authPlugin } from '../http/plugins/auth';
import { clientAbortPlugin } from '../http/plugins/client-abort';
import { consoleFallback, consoleIsBuilt, registerConsole } from '../http/plugins/console';
import { createApiMetrics, metricsPlugin, type ApiMetrics } from '../http/plugins/metrics';
import { rateLimitPlugin } from '../http/plugins/rate-limit';
import { securityHeadersPlugin } from '../http/plugins/security-headers';
import { languagePlugin, requestLang } from '../http/plugins/language';
import { textGuardPlugin } from '../http/plugins/text-guard';
import { problemsPlugin } from '../http/plugins/problems';
import { swaggerPlugin } from '../http/plugins/swagger';
import { createOidcVerifier } from '../http/auth/oidc';
import { signInMethods } from '../http/auth/sign-in-methods';
import { TokenStandingChecker } from '../http/auth/token-standing';
import { adminRoutes } from './routes/admin';
import { payrollRoutes } from '../programs/subsidy/api/payroll-routes';
import { PayrollService } from '../programs/subsidy/api/payrolls.service';
import { authRoutes } from './routes/auth';
import { caseRoutes } from '../programs/surgery/api/routes';
import { personRoutes } from './routes/persons';
import { settlementRoutes } from '../programs/surgery/api/settlement-route';
import { codecRoutes } from './routes/codec';
import { devRoutes } from './routes/dev';
import { hospitalRoutes } from './routes/hospitals';
import { hospitalIdOf } from '../programs/surgery/domain/roster';
import { configRoutes } from './routes/config';
import { serviceRoutes } from './routes/service';
import { statsRoutes } from './routes/stats';
import { userRoutes } from './routes/users';
import { PersonService } from './services/persons.service';
import { LifeEventService } from './services/life-events.service';
import { DataMatchService } from './services/data-match/data-match.service';
import { dataMatchRoutes } from './routes/data-match/index';
import { RosterImporter } from '../programs/surgery/api/roster-import';
import { SignInService } from './services/sign-in.service';
import { PROGRAM_CATALOGUE } from '../programs/catalogue';
import { ConnectedPrograms } from '../programs/connected-programs';
import type { ProgramContext, ProgramEntry } from '../programs/program-entry';
import { surgeryProgram } from '../programs/surgery/program';
import { UserAdminService } from './services/user-admin.service';
import { EnrolmentService } from '../programs/subsidy/api/enrolments.service';
import { enrolmentRoutes } from '../programs/subsidy/api/routes';
import { PairingService } from '../programs/pairing/api/pairings.service';
import { pairingRoutes } from '../programs/pairing/api/routes';
import { pairingReferrer } from './services/pairing-referrals';
import { loadSubsidyPolicy } from '../programs/subsidy/policy-file';

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
  /** Offer POST /v1/dev/token (DEV_TOKEN_ENDPOINT=1; never in production). */
  devTokens?: boolean;
  /** Node process metrics in /metrics as well (once per process: main.ts). */
  defaultMetrics?: boolean;
  clock?: () => Date;
  updateTimeoutMs?: number;
  stuckAttempts?: number;
  importParallelism?: number;
  /** How long a data-match import waits for its batch before answering 202 (20 s). */
  importWaitMs?: number;
  /** The programs the engine runs; the catalogue when absent (a test adds a stand-in program). */
  programs?: readonly ProgramEntry[];
}

export const DEFAULT_CONSOLE_DIR = path.join(PROJECT_ROOT, 'console', 'dist');

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, db, temporal, hospitals, authSecret } = deps;
  const edge = config.http;
  const app = Fastify({
    loggerInstance: createApiLogger(config.logLevel, deps.logStream) as FastifyBaseLogger,
    logController: new OneLinePerRequest(),
    // A caller's X-Request-Id is kept for correlation when it is a plain token; never one that could be an ID number.
    genReqId: (request) => {
      const header = request.headers['x-request-id'];
      return typeof header === 'string' && /^[A-Za-z0-9._:-]{1,64}$/.test(header) && scrubIdNumbers(header) === header ? header : randomUUID();
    },
    // Long enough for any valid case id; longer ones are refused by validation, not by the router.
    routerOptions: { maxParamLength: 512 },
    forceCloseConnections: true,
    // A request (headers and body) must arrive within requestTimeout: a slow-drip upload is cut
    // with 408. Node looks for such requests every connectionsCheckingInterval (30 s by default,
    // longer than a short timeout would allow).
    requestTimeout: edge.requestTimeoutMs,
    connectionTimeout: edge.connectionTimeoutMs,
    http: {
      headersTimeout: Math.min(60_000, edge.requestTimeoutMs),
      connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(edge.requestTimeoutMs / 4))),
    },
    // A URL the router cannot even decode ("%zz") or a bad Content-Type header is still answered with a problem document.
    frameworkErrors: (error, request, reply) => {
      const problem = problems.validation([{ path: '', message: error.message }], error.message);
      const lang = requestLang(request as unknown as FastifyRequest);
      void (reply as unknown as FastifyReply).code(400).type(PROBLEM_CONTENT_TYPE).header('content-language', lang).send(problem.toDocument(lang));
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.server.maxConnections = edge.maxConnections;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

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

  // First: its headers go on every answer, refusals by the hooks below included.
  await app.register(securityHeadersPlugin);
  await app.register(languagePlugin);
  await app.register(swaggerPlugin);
  await app.register(clientAbortPlugin);
  await app.register(metricsPlugin, { metrics });
  await app.register(problemsPlugin, withConsole ? { notFoundFallback: consoleFallback } : {});
  const clock = deps.clock ?? (() => new Date());
  const isKnownHospital = (hospitalId: string) => hospitals.byId.has(hospitalId);
  const standing = new TokenStandingChecker(db, config.accounts.revocationCacheTtlMs, clock);
  const oidc = config.oidc && createOidcVerifier(config.oidc);
  await app.register(authPlugin, { authSecret, isKnownHospital, standing, oidc });
  await app.register(rateLimitPlugin, { max: edge.rateLimitMax, windowMs: edge.rateLimitWindowMs });
  await app.register(textGuardPlugin);

  // The person page asks every program; a program may register its applicant as a person when an
  // item opens. Each needs the other, so the person service reaches the programs when asked.
  const persons = new PersonService({ db, metrics, programs: { itemsOfPerson: (personId) => programs.itemsOfPerson(personId) } });
  const context: ProgramContext = {
    config,
    db,
    temporal,
    hospitals,
    metrics,
    persons,
    clock,
    updateTimeoutMs: deps.updateTimeoutMs ?? 30_000,
    stuckAttempts: deps.stuckAttempts ?? 3,
    stuckLimit: 500,
  };
  const programs = new ConnectedPrograms(deps.programs ?? PROGRAM_CATALOGUE, context);
  // The case routes are the surgery program's; connected once per context, so they share its services with the engine.
  const { cases } = surgeryProgram.connect(context);
  const roster = new RosterImporter(cases.opening, { parallelism: deps.importParallelism ?? 16, hospitalIdOf: (text) => hospitalIdOf(text, hospitals.hospitals) });
  const signIn = new SignInService({ db, authSecret, standing, clock, ...config.accounts });
  const users = new UserAdminService({ db, standing, isKnownHospital, clock });
  const enrolments = new EnrolmentService({ config, db, temporal, metrics, policy: loadSubsidyPolicy(config.subsidy.policyFile), clock, updateTimeoutMs: deps.updateTimeoutMs ?? 30_000 });

  const referrer = pairingReferrer({ db, enrolments, cases: cases.opening, log: app.log, clock });
  const pairings = new PairingService({ config, db, temporal, metrics, clock, updateTimeoutMs: deps.updateTimeoutMs ?? 30_000, referrer });

  await app.register(serviceRoutes, { db, temporal, checkTimeoutMs: 2_000 });
  await app.register(authRoutes, { signIn, methods: signInMethods(config.oidc, Boolean(deps.devTokens) && !config.production) });
  await app.register(userRoutes, { users, db });
  await app.register(caseRoutes, { cases, roster, exampleHospitalName: hospitals.hospitals[0]?.name ?? '' });
  const lifeEvents = new LifeEventService({ db, programs, metrics });
  await app.register(personRoutes, { persons, lifeEvents });
  await app.register(dataMatchRoutes, {
    dataMatch: new DataMatchService({ db, temporal, taskQueue: config.temporal.taskQueue, lifeEvents, ...(deps.importWaitMs === undefined ? {} : { importWaitMs: deps.importWaitMs }) }),
  });
  await app.register(enrolmentRoutes, { enrolments, db });
  const payrolls = new PayrollService({ db, temporal, taskQueue: config.temporal.taskQueue, batchSize: config.subsidy.payrollBatchSize, clock });
  await app.register(payrollRoutes, { payrolls, db });
  await app.register(pairingRoutes, { pairings, db });
  await app.register(settlementRoutes, { cases: cases.reads, hospitals, clock });
  await app.register(adminRoutes, { cases: cases.transitions, caseReads: cases.reads, programs, db, sandboxPayers: config.payers === 'sandbox' });
  await app.register(statsRoutes, { db });
  await app.register(hospitalRoutes, { hospitals });
  await app.register(configRoutes, { towns: config.towns, temporalUiUrl: config.temporal.uiUrl });
  await app.register(codecRoutes, { codec: deps.payloadCodec, uiOrigins: config.temporal.uiOrigins });
  if (deps.devTokens && !config.production) await app.register(devRoutes, { authSecret, hospitals });
  if (withConsole) await registerConsole(app as unknown as FastifyInstance, consoleDir);

  await app.ready();
  return app as unknown as FastifyInstance;
}
