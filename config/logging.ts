/**
 * Structured JSON logs (pino), one object a line, for the API and the worker alike. They never
 * carry a resident ID number: `idNumber` members are redacted wherever they appear, request
 * bodies are never written, and error texts are masked where something looks like one.
 */
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { scrubIdNumbers } from '../domain/id-number';

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

function scrubbedError(error: unknown): Record<string, unknown> {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  for (const key of ['message', 'stack'] as const) {
    if (typeof serialized[key] === 'string') serialized[key] = scrubIdNumbers(serialized[key]);
  }
  return serialized;
}

export function createServiceLogger(
  service: 'api' | 'worker',
  level: LoggerOptions['level'],
  stream?: DestinationStream,
  serializers: LoggerOptions['serializers'] = {},
): Logger {
  const options: LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: scrubbedError, error: scrubbedError, ...serializers },
  };
  return stream ? pino(options, stream) : pino(options);
}
