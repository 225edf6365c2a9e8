/** What `npm run infra` and `npm start` share: one-line fatal errors and signal handling. */
import { ConfigError, loadConfig, type Config } from '../config/config';
import { PortConflictError, PortInUseError } from './ports';
import { TemporalCliNotFoundError } from './temporal-cli';

/** Loads the configuration or ends the process with one line naming the bad variable. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) exitWith(`configuration error: ${error.message}`, 2);
    throw error;
  }
}

export function exitWith(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

/** A short message for errors people can fix themselves; the full one otherwise. */
export function describeStartupError(error: unknown): string {
  if (error instanceof PortInUseError || error instanceof PortConflictError || error instanceof ConfigError) return error.message;
  if (error instanceof TemporalCliNotFoundError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Calls `shutdown` once on the first SIGINT/SIGTERM/SIGHUP; a later signal while shutting down
 * calls `force` (the user pressed Ctrl-C again). One Ctrl-C arrives several times within
 * milliseconds — from the terminal to the whole process group, relayed by npm and by tsx — so
 * repeats inside a short window count as the same signal.
 */
export function onShutdownSignal(shutdown: (signal: NodeJS.Signals) => void, force: () => void, repeatWindowMs = 1_000): void {
  let firstAt: number | undefined;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (firstAt === undefined) {
        firstAt = Date.now();
        shutdown(signal);
      } else if (Date.now() - firstAt > repeatWindowMs) {
        force();
      }
    });
  }
}
