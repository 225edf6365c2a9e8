/** The API's logger: the shared JSON logger (config/logging.ts) with request lines whose URL is masked. */
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import type { DestinationStream, Logger, LoggerOptions } from 'pino';
import { createServiceLogger } from '../config/logging';
import { scrubIdNumbers } from '../domain/id-number';

interface RequestLike {
  method?: string;
  url?: string;
  id?: string;
  ip?: string;
  headers?: Record<string, unknown>;
}

/** A bearer token in a codec server URL (/codec/<token>/decode) never reaches the logs. */
function maskCodecToken(url: string): string {
  return url.replace(/^\/codec\/[^/?]+\/(decode|encode)\b/, '/codec/<token>/$1');
}

export function createApiLogger(level: LoggerOptions['level'], stream?: DestinationStream): Logger {
  return createServiceLogger('api', level, stream, {
    req: (req: RequestLike) => ({ id: req.id, method: req.method, url: scrubIdNumbers(maskCodecToken(req.url ?? '')), remoteAddress: req.ip }),
  });
}

/**
 * One line per request, written when it is answered: the request, the answer and the time taken
 * together. Fastify's own are two, one on arrival and one at the end; each is a synchronous write, a
 * tenth of a short lookup's CPU. The arrival is logged at debug level (LOG_LEVEL=debug shows what a
 * request that never finishes was); a request the client gives up on is logged by the client-abort
 * plugin.
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}
