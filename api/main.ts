/**
 * The API process: load the config, create one Temporal client and one PostgreSQL pool, build the
 * app, listen on HOST:PORT; on SIGTERM/SIGINT stop taking requests, finish the ones in flight, close.
 */
import { Connection } from '@temporalio/client';
import { projectClient } from '../temporal/client';
import { loadConfig } from '../config/config';
import { loadHospitalRegistry } from '../config/hospitals';
import { authSecret, databaseUrl } from '../config/secrets';
import { caseDataConverter, casePayloadCodec } from '../codec/data-converter';
import { createDb } from '../store/connection';
import { fieldSealer } from '../store/sealed-columns';
import { buildApp } from './app';

async function main(): Promise<void> {
  const config = loadConfig();
  const hospitals = loadHospitalRegistry(config.hospitalsFile);
  const secret = authSecret(config);
  const payloadCodec = casePayloadCodec(config);
  fieldSealer(); // the keys that seal columns (BLIND_INDEX_KEY_ID among them): a mistake stops the API here
  const db = createDb(databaseUrl(config), { applicationName: 'assistance-cases-api' });
  // Lazy: the API starts (and answers /healthz, /readyz and reads) even while Temporal is not up yet.
  const connection = Connection.lazy({ address: config.temporal.address, tls: config.temporal.tls });
  const temporal = projectClient({ connection, namespace: config.temporal.namespace, dataConverter: caseDataConverter(payloadCodec) });

  const app = await buildApp({ config, db, temporal, hospitals, authSecret: secret, payloadCodec, devTokens: config.http.devTokenEndpoint, defaultMetrics: true, stuckAttempts: config.stuckAttempts });
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'api stopping');
    await app.close();
    await connection.close().catch(() => undefined);
    await db.destroy().catch(() => undefined);
    app.log.info('api stopped');
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      stop(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          app.log.error({ err: error }, 'api did not stop cleanly');
          process.exit(1);
        },
      );
    });
  }
  await app.listen({ port: config.port, host: config.http.host });
  app.log.info({ host: config.http.host, port: config.port, devTokenEndpoint: config.http.devTokenEndpoint, docs: `http://localhost:${config.port}/docs`, temporal: config.temporal.address }, 'api listening');
}

main().catch((error: unknown) => {
  // One line, no stack for configuration problems: the message names the variable.
  process.stderr.write(`api: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
