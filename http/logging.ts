/** The API's logger: the shared JSON logger (config/logging.ts) with request lines whose URL is masked. */
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
