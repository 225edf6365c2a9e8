/**
 * Mutual TLS to Temporal. The development server speaks plain gRPC, so the test puts a TLS
 * terminator in front of it that requires a client certificate of our authority (as a production
 * server or its proxy does). A worker process configured through TEMPORAL_TLS_* polls through it
 * and moves a case; a client without a certificate, or with one of another authority, is refused.
 */
import net from 'node:net';
import tls from 'node:tls';
import fs from 'node:fs';
import path from 'node:path';
import { Connection, type Client } from '@temporalio/client';
import { temporalTlsOf } from '../../config/temporal-tls';
import { makeTestCertificates, type TestCertificates } from '../support/test-certificates';
import { testTemporalAddress, uniqueTaskQueue } from '../support/stack';
import { connectClient, makeCases, toRehabilitation } from './support/cases';
import { startWorkerProcess, type ChildProcessHandle } from './support/child-processes';
import { createOwnDatabase, faultDataDir, type OwnDatabase } from './support/servers';

let database: OwnDatabase;
let client: Client;
let worker: ChildProcessHandle | undefined;
let terminator: tls.Server;
let certs: TestCertificates;
let tlsAddress: string;

beforeAll(async () => {
  database = await createOwnDatabase('temporal-mtls');
  client = await connectClient(testTemporalAddress());
  certs = makeTestCertificates(path.join(faultDataDir('temporal-mtls'), 'certs'));
  const [host, port] = testTemporalAddress().split(':');
  terminator = tls.createServer(
    {
      key: fs.readFileSync(certs.serverKeyFile),
      cert: fs.readFileSync(certs.serverCertFile),
      ca: fs.readFileSync(certs.caFile),
      requestCert: true,
      rejectUnauthorized: true,
      ALPNProtocols: ['h2'],
    },
    (socket) => {
      const upstream = net.connect(Number(port), host);
      socket.pipe(upstream).pipe(socket);
      const close = () => {
        socket.destroy();
        upstream.destroy();
      };
      socket.on('error', close);
      upstream.on('error', close);
    },
  );
  terminator.on('tlsClientError', () => undefined); // the refused clients of the test
  await new Promise<void>((resolve) => terminator.listen(0, '127.0.0.1', resolve));
  tlsAddress = `127.0.0.1:${(terminator.address() as net.AddressInfo).port}`;
});
afterAll(async () => {
  await worker?.kill();
  await client?.connection.close();
  await new Promise((resolve) => terminator?.close(resolve));
  await database?.close();
});

async function reachable(options: Parameters<typeof Connection.connect>[0]): Promise<boolean> {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect({ ...options, connectTimeout: 5_000 });
    await connection.workflowService.getSystemInfo({});
    return true;
  } catch {
    return false;
  } finally {
    await connection?.close();
  }
}

test('with our client certificate the server is reached; without one, or with a stranger\'s, it is not', async () => {
  const ours = temporalTlsOf({ TEMPORAL_ADDRESS: tlsAddress, TEMPORAL_TLS_CA_FILE: certs.caFile, TEMPORAL_TLS_CERT_FILE: certs.clientCertFile, TEMPORAL_TLS_KEY_FILE: certs.clientKeyFile });
  expect(await reachable({ address: tlsAddress, tls: ours })).toBe(true);
  const withoutCertificate = temporalTlsOf({ TEMPORAL_ADDRESS: tlsAddress, TEMPORAL_TLS_CA_FILE: certs.caFile });
  expect(await reachable({ address: tlsAddress, tls: withoutCertificate })).toBe(false);
  const stranger = temporalTlsOf({ TEMPORAL_ADDRESS: tlsAddress, TEMPORAL_TLS_CA_FILE: certs.caFile, TEMPORAL_TLS_CERT_FILE: certs.strangerCertFile, TEMPORAL_TLS_KEY_FILE: certs.strangerKeyFile });
  expect(await reachable({ address: tlsAddress, tls: stranger })).toBe(false);
  // Plain gRPC to a TLS port is refused as well.
  expect(await reachable({ address: tlsAddress })).toBe(false);
});

test('a worker configured with TEMPORAL_TLS_* polls through mutual TLS and moves a case', async () => {
  const taskQueue = uniqueTaskQueue();
  worker = await startWorkerProcess('worker-mtls', {
    temporalAddress: tlsAddress,
    databaseUrl: database.url,
    taskQueue,
    dataDir: faultDataDir('temporal-mtls'),
    extra: { TEMPORAL_TLS_CA_FILE: certs.caFile, TEMPORAL_TLS_CERT_FILE: certs.clientCertFile, TEMPORAL_TLS_KEY_FILE: certs.clientKeyFile },
  });
  const [faultCase] = makeCases(1, 'mtls');
  // The test's own client talks to the server directly; only the worker goes through TLS.
  await Promise.race([toRehabilitation(client, taskQueue, faultCase!), worker.crashed()]);
  const stored = await database.db.selectFrom('cases').select('stage').where('case_id', '=', faultCase!.caseId).executeTakeFirstOrThrow();
  expect(stored.stage).toBe('REHABILITATION');
});
