/**
 * `npm run infra`: the Temporal dev server and PostgreSQL only (each unless TEMPORAL_ADDRESS /
 * DATABASE_URL points elsewhere), with migrations applied; stays up until SIGINT/SIGTERM.
 * `npm run worker` and `npm run api` in other terminals find them through the default config.
 */
import { describeStack, startEmbeddedStack } from './embedded-stack';
import { describeStartupError, exitWith, loadConfigOrExit, onShutdownSignal } from './cli-support';

function main(): void {
  const config = loadConfigOrExit();
  const startup = startEmbeddedStack(config);
  let shuttingDown = false;
  const shutdown = async (reason: string, code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log(`${reason}; stopping…`);
    // A signal during startup waits for it, so whatever did start is stopped, not orphaned.
    const stack = await startup.catch(() => undefined);
    await stack?.stop();
    console.log('stopped');
    process.exit(code);
  };
  onShutdownSignal(
    (signal) => void shutdown(`received ${signal}`, 0),
    () => exitWith('stopping forcefully', 130),
  );

  startup.then(
    (stack) => {
      if (shuttingDown) return;
      for (const line of describeStack(config, stack)) console.log(line);
      console.log('infrastructure ready; run `npm run worker` and `npm run api` in other terminals. Ctrl-C stops it.');
      void stack.unexpectedExit.then((reason) => shutdown(reason, 1));
    },
    (error: unknown) => {
      if (!shuttingDown) exitWith(describeStartupError(error));
    },
  );
}

main();
