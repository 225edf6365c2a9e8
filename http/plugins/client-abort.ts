/**
 * `request.clientGone`: aborts when the caller goes away before the answer is sent, so long calls
 * (Temporal updates, a roster import) stop working for nobody. fastify's own `request.signal` is
 * tied to the request stream, which Node closes as soon as the body has been read: it either
 * aborts too early (a roster import stopped after its first rows) or never.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyRequest {
    clientGone: AbortSignal;
  }
}

export const clientAbortPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorateRequest('clientGone', undefined as unknown as AbortSignal);
    app.addHook('onRequest', async (request, reply) => {
      const controller = new AbortController();
      request.clientGone = controller.signal;
      reply.raw.once('close', () => {
        if (reply.raw.writableFinished) return;
        controller.abort(new Error('the client went away'));
        // Never answered, so never in the one line a request gets when it is answered (http/logging.ts).
        if (!reply.raw.writableEnded) reply.log.info({ req: request, responseTime: reply.elapsedTime }, 'request aborted by the client');
      });
    });
  },
  { name: 'client-abort' },
);
