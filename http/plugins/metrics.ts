/**
 * Prometheus metrics: requests by route and status with a latency histogram, workflows started,
 * updates refused. Each app has its own registry, so several apps in one test process do not clash.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export interface ApiMetrics {
  registry: Registry;
  workflowsStarted: Counter<'source'>;
  updatesRefused: Counter<'update' | 'reason'>;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: ApiMetrics;
  }
}

export function createApiMetrics(options: { defaultMetrics?: boolean } = {}): ApiMetrics {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry });
  return {
    registry,
    workflowsStarted: new Counter({
      name: 'cases_workflows_started_total',
      help: 'Case workflows started by this API process (single POSTs and roster rows)',
      labelNames: ['source'],
      registers: [registry],
    }),
    updatesRefused: new Counter({
      name: 'cases_updates_refused_total',
      help: 'Case actions refused (stage-conflict, idempotency-conflict, unprocessable, duplicate-case)',
      labelNames: ['update', 'reason'],
      registers: [registry],
    }),
  };
}

export const metricsPlugin = fp(
  async (app: FastifyInstance, options: { metrics: ApiMetrics }) => {
    const { registry } = options.metrics;
    const requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    });
    const duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by method, route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
    app.decorate('metrics', options.metrics);
    app.addHook('onResponse', async (request, reply) => {
      // The route pattern, never the raw URL: case ids must not explode the label space.
      const labels = { method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) };
      requests.inc(labels);
      duration.observe(labels, reply.elapsedTime / 1000);
    });
  },
  { name: 'metrics' },
);
