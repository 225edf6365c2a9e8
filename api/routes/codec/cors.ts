/**
 * CORS for the codec server: the Temporal Web UI runs on another origin and calls it from the
 * browser with a JSON body, an X-Namespace header and (when configured) an Authorization header,
 * so the browser asks first with a preflight OPTIONS. Only the configured UI origins are answered;
 * any other origin gets no CORS headers and the browser keeps the response from it.
 */
import type { FastifyInstance } from 'fastify';

const ALLOWED_HEADERS = 'Authorization, Authorization-Extras, Content-Type, X-Namespace';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/** Adds the CORS headers to every answer of this plugin's routes (problem documents too), and answers preflights at `urls`. */
export function allowUiOrigins(app: FastifyInstance, origins: readonly string[], urls: readonly string[]): void {
  const allowed = new Set(origins);
  app.addHook('onSend', async (request, reply) => {
    const origin = request.headers.origin;
    void reply.header('Vary', 'Origin');
    if (origin === undefined || !allowed.has(origin)) return;
    void reply.header('Access-Control-Allow-Origin', origin);
    // The UI's "include cross-origin credentials" setting sends fetch(…, { credentials: 'include' }).
    void reply.header('Access-Control-Allow-Credentials', 'true');
    if (request.method === 'OPTIONS') {
      void reply.header('Access-Control-Allow-Methods', 'POST, OPTIONS');
      void reply.header('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      void reply.header('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_SECONDS);
    }
  });
  for (const url of urls) {
    app.route({ method: 'OPTIONS', url, schema: { hide: true }, handler: async (_request, reply) => reply.code(204).send() });
  }
}
