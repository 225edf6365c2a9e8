/**
 * TLS, and mutual TLS, between our processes (API, worker, `npm start`'s readiness check) and the
 * Temporal server. The embedded development server speaks plain gRPC on 127.0.0.1; a production
 * server is reached over TLS with a client certificate, so that only our workers and clients can
 * poll its task queues or send Updates that name an actor.
 */
import fs from 'node:fs';
import { ConfigError } from './config-error';

/** What the SDK's `Connection` and `NativeConnection` take as `tls` (their `TLSConfig`). */
export interface TemporalTls {
  /** PEM of the authority that signed the server's certificate; the system's roots when absent. */
  serverRootCACertificate?: Buffer;
  /** Our certificate and key, for a server that requires clients to present one (mTLS). */
  clientCertPair?: { crt: Buffer; key: Buffer };
  /** The name in the server's certificate, when it differs from the address's host. */
  serverNameOverride?: string;
}

export interface TemporalTlsVariables {
  TEMPORAL_TLS?: 'true' | 'false';
  TEMPORAL_TLS_CA_FILE?: string;
  TEMPORAL_TLS_CERT_FILE?: string;
  TEMPORAL_TLS_KEY_FILE?: string;
  TEMPORAL_TLS_SERVER_NAME?: string;
}

function readPem(variable: keyof TemporalTlsVariables, file: string): Buffer {
  let text: Buffer;
  try {
    text = fs.readFileSync(file);
  } catch (error) {
    throw new ConfigError(variable, `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  if (!text.includes('-----BEGIN ')) throw new ConfigError(variable, `${file} is not a PEM file`);
  return text;
}

/**
 * TLS when `TEMPORAL_TLS=true` or any of the files is given; undefined (plain gRPC) otherwise.
 * A certificate needs its key and a key its certificate: one alone is refused, naming the other.
 */
export function temporalTlsOf(e: TemporalTlsVariables & { TEMPORAL_ADDRESS?: string }): TemporalTls | undefined {
  const tls = tlsOf(e);
  // The embedded development server listens on 127.0.0.1 without TLS.
  if (tls !== undefined && e.TEMPORAL_ADDRESS === undefined) throw new ConfigError('TEMPORAL_TLS', 'needs TEMPORAL_ADDRESS: the embedded development server speaks plain gRPC');
  return tls;
}

function tlsOf(e: TemporalTlsVariables): TemporalTls | undefined {
  const anyFile = e.TEMPORAL_TLS_CA_FILE ?? e.TEMPORAL_TLS_CERT_FILE ?? e.TEMPORAL_TLS_KEY_FILE ?? e.TEMPORAL_TLS_SERVER_NAME;
  if (e.TEMPORAL_TLS === 'false') {
    if (anyFile !== undefined) throw new ConfigError('TEMPORAL_TLS', 'is false while TEMPORAL_TLS_* files are set; remove one or the other');
    return undefined;
  }
  if (e.TEMPORAL_TLS !== 'true' && anyFile === undefined) return undefined;
  if ((e.TEMPORAL_TLS_CERT_FILE === undefined) !== (e.TEMPORAL_TLS_KEY_FILE === undefined)) {
    const missing = e.TEMPORAL_TLS_CERT_FILE === undefined ? 'TEMPORAL_TLS_CERT_FILE' : 'TEMPORAL_TLS_KEY_FILE';
    throw new ConfigError(missing, 'must be set too: a client certificate and its key go together');
  }
  return {
    ...(e.TEMPORAL_TLS_CA_FILE === undefined ? {} : { serverRootCACertificate: readPem('TEMPORAL_TLS_CA_FILE', e.TEMPORAL_TLS_CA_FILE) }),
    ...(e.TEMPORAL_TLS_CERT_FILE === undefined || e.TEMPORAL_TLS_KEY_FILE === undefined
      ? {}
      : { clientCertPair: { crt: readPem('TEMPORAL_TLS_CERT_FILE', e.TEMPORAL_TLS_CERT_FILE), key: readPem('TEMPORAL_TLS_KEY_FILE', e.TEMPORAL_TLS_KEY_FILE) } }),
    ...(e.TEMPORAL_TLS_SERVER_NAME === undefined ? {} : { serverNameOverride: e.TEMPORAL_TLS_SERVER_NAME }),
  };
}
