/**
 * Structured JSON logs (pino) that never carry a resident ID number: request bodies are never
 * logged, `idNumber` members are redacted wherever they appear, and anything in a URL or a case id
 * that looks like an ID number is masked before it is written.
 */
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { maskIdNumber } from '../domain/id-number';

const ID_NUMBER_LIKE = /\d{17}[\dXx]/g;

/** Masks every 18-character run that looks like a resident ID number. */
export function scrubIdNumbers(text: string): string {
  return text.replace(ID_NUMBER_LIKE, (match) => maskIdNumber(match));
}

export const REDACTED_PATHS = [
  'idNumber',
  '*.idNumber',
  '*.*.idNumber',
  'applicant.idNumber',
  '*.applicant.idNumber',
  'input.applicant.idNumber',
  '*.input.applicant.idNumber',
  'body',
  'req.body',
  'request.body',
  // PostgreSQL's unique-violation detail quotes the key: "Key (id_number)=(…) already exists".
  'err.detail',
  'err.cause.detail',
  'error.detail',
];

interface RequestLike {
  method?: string;
  url?: string;
  id?: string;
  ip?: string;
  headers?: Record<string, unknown>;
}

export function createApiLogger(level: LoggerOptions['level'], stream?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: 'api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: RequestLike) => ({ id: req.id, method: req.method, url: scrubIdNumbers(req.url ?? ''), remoteAddress: req.ip }),
      err: (error: unknown) => {
        const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
        for (const key of ['message', 'stack'] as const) {
          if (typeof serialized[key] === 'string') serialized[key] = scrubIdNumbers(serialized[key]);
        }
        return serialized;
      },
    },
  };
  return stream ? pino(options, stream) : pino(options);
}
