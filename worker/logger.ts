/**
 * The worker's logs: the same one-line JSON as the API's (config/logging.ts). The SDK's own lines
 * (activity and workflow loggers, worker lifecycle) are written through it too, instead of the
 * SDK's default multi-line text on stderr.
 */
import { DefaultLogger, type LogLevel } from '@temporalio/worker';
import type { DestinationStream, Logger, LoggerOptions } from 'pino';
import type { Config } from '../config/config';
import { createServiceLogger } from '../config/logging';
import { scrubIdNumbers } from '../domain/id-number';

const SDK_LOG_LEVEL: Record<Config['logLevel'], LogLevel> = {
  fatal: 'ERROR',
  error: 'ERROR',
  warn: 'WARN',
  info: 'INFO',
  debug: 'DEBUG',
  trace: 'TRACE',
  silent: 'ERROR',
};

const PINO_METHOD: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

export interface WorkerLoggers {
  log: Logger;
  /** For `Runtime.install({ logger })`. */
  sdk: DefaultLogger;
}

export function createWorkerLoggers(level: Config['logLevel'], stream?: DestinationStream): WorkerLoggers {
  const log = createServiceLogger('worker', level as LoggerOptions['level'], stream);
  const sdk = new DefaultLogger(SDK_LOG_LEVEL[level], ({ level: sdkLevel, message, meta }) => log[PINO_METHOD[sdkLevel]]({ ...meta }, scrubIdNumbers(message)));
  return { log, sdk };
}
