import fs from 'node:fs';
import path from 'node:path';
import { temporalTlsOf } from '../../config/temporal-tls';
import { ConfigError } from '../../config/config-error';
import { tempDataDir } from '../support/stack';

const ADDRESS = 'temporal.example.internal:7233';
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

function files(): { ca: string; cert: string; key: string; notPem: string } {
  const dir = tempDataDir('tls-config');
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };
  return { ca: write('ca.pem', PEM), cert: write('client.pem', PEM), key: write('client.key', PEM.replace(/CERTIFICATE/g, 'PRIVATE KEY')), notPem: write('note.txt', 'hello') };
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('accepted');
}

describe('TEMPORAL_TLS_*', () => {
  it('is plain gRPC when nothing is set, and TLS with the system roots on TEMPORAL_TLS=true alone', () => {
    expect(temporalTlsOf({ TEMPORAL_ADDRESS: ADDRESS })).toBeUndefined();
    expect(temporalTlsOf({ TEMPORAL_ADDRESS: ADDRESS, TEMPORAL_TLS: 'true' })).toEqual({});
  });

  it('reads the authority, the client pair and the server name', () => {
    const f = files();
    const tls = temporalTlsOf({ TEMPORAL_ADDRESS: ADDRESS, TEMPORAL_TLS_CA_FILE: f.ca, TEMPORAL_TLS_CERT_FILE: f.cert, TEMPORAL_TLS_KEY_FILE: f.key, TEMPORAL_TLS_SERVER_NAME: 'temporal' });
    expect(tls?.serverRootCACertificate?.toString()).toBe(PEM);
    expect(tls?.clientCertPair?.crt.toString()).toBe(PEM);
    expect(tls?.clientCertPair?.key.toString()).toContain('PRIVATE KEY');
    expect(tls?.serverNameOverride).toBe('temporal');
  });

  it('refuses a certificate without its key, naming the missing one, and a file that is not PEM', () => {
    const f = files();
    expect(refusal(() => temporalTlsOf({ TEMPORAL_ADDRESS: ADDRESS, TEMPORAL_TLS_CERT_FILE: f.cert }))).toMatch(/^TEMPORAL_TLS_KEY_FILE: must be set too/);
    expect(refusal(() => temporalTlsOf({ TEMPORAL_ADDRESS: ADDRESS, TEMPORAL_TLS_KEY_FILE: f.key }))).toMatch(/^TEMPORAL_TLS_CERT_FILE: must be set too/);
    expect(refusal(() => temporalTlsOf({ TEMPORAL_ADDRESS: ADDRESS, TEMPORAL_TLS_CA_FILE: f.notPem }))).toMatch(/^TEMPORAL_TLS_CA_FILE: .*is not a PEM file/);
    expect(refusal(() => temporalTlsOf({ TEMPORAL_ADDRESS: ADDRESS, TEMPORAL_TLS_CA_FILE: '/nonexistent/ca.pem' }))).toMatch(/^TEMPORAL_TLS_CA_FILE: cannot read \/nonexistent\/ca\.pem: ENOENT/);
  });

  it('refuses TLS to the embedded server, and TEMPORAL_TLS=false with files set', () => {
    const f = files();
    expect(refusal(() => temporalTlsOf({ TEMPORAL_TLS: 'true' }))).toMatch(/^TEMPORAL_TLS: needs TEMPORAL_ADDRESS/);
    expect(refusal(() => temporalTlsOf({ TEMPORAL_ADDRESS: ADDRESS, TEMPORAL_TLS: 'false', TEMPORAL_TLS_CA_FILE: f.ca }))).toMatch(/^TEMPORAL_TLS: is false while/);
  });
});
