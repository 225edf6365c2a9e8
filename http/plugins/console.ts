/**
 * The web console (console/dist, built by the console's own package) served at `/`, with the
 * single-page-app fallback: a browser GET of any non-API path gets index.html.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const API_PREFIXES = ['/v1/', '/docs', '/openapi.json', '/healthz', '/readyz', '/metrics'];

export function consoleIsBuilt(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'index.html'));
}

export async function registerConsole(app: FastifyInstance, dir: string): Promise<void> {
  await app.register(fastifyStatic, { root: path.resolve(dir), prefix: '/', wildcard: false, index: ['index.html'] });
}

/** True when it answered the request with the console's index.html. */
export async function consoleFallback(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const url = request.url.split('?')[0] ?? '/';
  if (API_PREFIXES.some((prefix) => url === prefix.replace(/\/$/, '') || url.startsWith(prefix))) return false;
  if (!(request.headers.accept ?? '').includes('text/html')) return false;
  await reply.type('text/html; charset=utf-8').sendFile('index.html');
  return true;
}
