import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config';

/** Secrets the embedded stack generates once and keeps in DATA_DIR (never in the repository). */
export interface EmbeddedSecrets {
  authSecret: string;
  postgresPassword: string;
}

const SECRETS_FILE = 'secrets.json';
export const EMBEDDED_DATABASE = 'assistance_cases';
export const EMBEDDED_DATABASE_USER = 'postgres';

export function secretsPath(dataDir: string): string {
  return path.join(dataDir, SECRETS_FILE);
}

export function readEmbeddedSecrets(dataDir: string): EmbeddedSecrets | undefined {
  try {
    return JSON.parse(fs.readFileSync(secretsPath(dataDir), 'utf8')) as EmbeddedSecrets;
  } catch {
    return undefined;
  }
}

export function ensureEmbeddedSecrets(dataDir: string): EmbeddedSecrets {
  const existing = readEmbeddedSecrets(dataDir);
  if (existing) return existing;
  // Only its owner may enter DATA_DIR: it keeps the generated secrets.
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secrets: EmbeddedSecrets = {
    authSecret: randomBytes(32).toString('base64url'),
    postgresPassword: randomBytes(18).toString('base64url'),
  };
  fs.writeFileSync(secretsPath(dataDir), JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

function requireEmbeddedSecrets(config: Config, variable: string): EmbeddedSecrets {
  const secrets = readEmbeddedSecrets(config.dataDir);
  if (!secrets) {
    throw new Error(`${variable}: not set, and the embedded stack has not been started in ${config.dataDir} (run \`npm run infra\` or \`npm start\`, or set ${variable})`);
  }
  return secrets;
}

export function databaseUrl(config: Config): string {
  if (config.postgres.externalUrl) return config.postgres.externalUrl;
  const { postgresPassword } = requireEmbeddedSecrets(config, 'DATABASE_URL');
  return `postgres://${EMBEDDED_DATABASE_USER}:${encodeURIComponent(postgresPassword)}@127.0.0.1:${config.postgres.port}/${EMBEDDED_DATABASE}`;
}

export function authSecret(config: Config): string {
  return config.authSecret ?? requireEmbeddedSecrets(config, 'AUTH_SECRET').authSecret;
}
