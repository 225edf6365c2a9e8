/**
 * Requests per time window, counted per token subject (per IP address for requests without a
 * token), with @fastify/rate-limit. Its hook runs after the auth hook, so a request is counted
 * against its caller, not against an address that many callers may share behind a proxy. The
 * defaults are generous (RATE_LIMIT_MAX, RATE_LIMIT_WINDOW): they stop a flood, not a busy office.
 * Over the limit: 429 `rate-limited` with Retry-After.
 */
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { problems } from '../problems';

export interface RateLimitOptions {
  max: number;
  windowMs: number;
}

export function rateLimitKey(request: FastifyRequest): string {
  return request.principal ? `sub:${request.principal.sub}` : `ip:${request.ip}`;
}

export const rateLimitPlugin = fp(
  async (app: FastifyInstance, { max, windowMs }: RateLimitOptions) => {
    await app.register(fastifyRateLimit, {
      global: true,
      max,
      timeWindow: windowMs,
      keyGenerator: rateLimitKey,
      errorResponseBuilder: (_request, context) => problems.rateLimited(`more than ${context.max} requests in ${context.after}; retry in ${Math.ceil(context.ttl / 1000)} s`),
    });
  },
  { name: 'rate-limit', dependencies: ['auth'] },
);
