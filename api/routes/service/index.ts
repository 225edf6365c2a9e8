/**
 * Service endpoints: liveness and readiness (no token, never rate-limited: probes must not be
 * throttled), Prometheus metrics (an admin token: they describe the whole program), the OpenAPI
 * document (no token).
 */
import type { Client } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../../store/schema';
import { migrationsApplied } from '../../../store/migrator';
import { BEARER_SECURITY, securedProblemResponses } from '../../../http/openapi';
import { healthSchema, readinessSchema } from '../../../http/schemas';

export interface ServiceRoutesOptions {
  db: Kysely<Database>;
  temporal: Client;
  /** How long each readiness check may take. */
  checkTimeoutMs: number;
}

const TAGS = ['service'];

async function check(timeoutMs: number, probe: () => Promise<string>): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${timeoutMs} ms`), timeoutMs);
  });
  try {
    return await Promise.race([probe().catch((error: unknown) => `unreachable: ${(error as Error).message?.split('\n')[0] ?? String(error)}`), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const serviceRoutes: FastifyPluginAsyncZod<ServiceRoutesOptions> = async (app, { db, temporal, checkTimeoutMs }) => {
  app.route({
    method: 'GET',
    url: '/healthz',
    config: { rateLimit: false },
    schema: { tags: TAGS, operationId: 'healthz', security: [], summary: 'The process is up', response: { 200: healthSchema } },
    handler: async () => ({ status: 'ok' as const }),
  });

  app.route({
    method: 'GET',
    url: '/readyz',
    config: { rateLimit: false },
    schema: {
      tags: TAGS,
      operationId: 'readyz',
      security: [],
      summary: 'Temporal and PostgreSQL reachable, migrations applied',
      response: { 200: readinessSchema.describe('ready'), 503: readinessSchema.describe('not ready: `checks` says what is missing') },
    },
    handler: async (_request, reply) => {
      const [temporalCheck, postgresCheck, migrationsCheck] = await Promise.all([
        check(checkTimeoutMs, async () => {
          await temporal.withDeadline(Date.now() + checkTimeoutMs, () => temporal.workflowService.getSystemInfo({}));
          return 'ok';
        }),
        check(checkTimeoutMs, async () => {
          await sql`select 1`.execute(db);
          return 'ok';
        }),
        check(checkTimeoutMs, async () => ((await migrationsApplied(db)) ? 'ok' : 'migrations are pending: run npm run migrate')),
      ]);
      const checks = { temporal: temporalCheck, postgres: postgresCheck, migrations: migrationsCheck };
      const ready = Object.values(checks).every((value) => value === 'ok');
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not-ready', checks });
    },
  });

  app.route({
    method: 'GET',
    url: '/metrics',
    config: { roles: ['admin'] },
    schema: {
      tags: TAGS,
      operationId: 'metrics',
      security: BEARER_SECURITY,
      summary: 'Prometheus metrics (admin token)',
      response: { 200: { description: 'Prometheus text exposition format', content: { 'text/plain': { schema: z.string() } } }, ...securedProblemResponses() },
    },
    handler: async (_request, reply) => {
      const { registry } = app.metrics;
      const body = await registry.metrics();
      return reply.type(registry.contentType).serializer((payload: unknown) => String(payload)).send(body);
    },
  });

  app.route({
    method: 'GET',
    url: '/openapi.json',
    schema: {
      tags: TAGS,
      operationId: 'openapi',
      security: [],
      summary: 'This document (OpenAPI 3.1)',
      response: { 200: { description: 'The OpenAPI 3.1 document', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } } },
    },
    handler: async () => app.swagger() as unknown as Record<string, unknown>,
  });
};
