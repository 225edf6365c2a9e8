import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from './config';

/** Secrets the embedded stack generates once and keeps in DATA_DIR (never in the repository). */
export interface EmbeddedSecrets {
  authSecret: string;
  /** The superuser's: only the embedded stack's own setup signs in with it (roles, database). */
  postgresPassword: string;
  /** The owner role's: it owns the schema and runs the migrations. */
  ownerPassword: string;
  /** The application role's: the API, the worker and the command-line tools that read or write rows. */
  appPassword: string;
}

const SECRETS_FILE = 'secrets.json';
export const EMBEDDED_DATABASE = 'assistance_cases';
/** The embedded cluster's superuser (initdb). */
export const EMBEDDED_DATABASE_USER = 'postgres';
/** Owns the database's schema and tables; the migrations run as this role. */
export const EMBEDDED_OWNER_USER = 'assistance_owner';
/** What the API and the worker sign in as: rows only, no DDL (see dev/postgres.ts). */
export const EMBEDDED_APP_USER = 'assistance_app';

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
  // A DATA_DIR from before the owner and application roles gets their passwords added.
  if (existing?.ownerPassword && existing.appPassword) return existing;
  // Only its owner may enter DATA_DIR: it keeps the generated secrets.
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const password = () => randomBytes(18).toString('base64url');
  const secrets: EmbeddedSecrets = {
    authSecret: existing?.authSecret ?? randomBytes(32).toString('base64url'),
    postgresPassword: existing?.postgresPassword ?? password(),
    ownerPassword: existing?.ownerPassword ?? password(),
    appPassword: existing?.appPassword ?? password(),
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

export function embeddedDatabaseUrl(user: string, password: string, port: number, database = EMBEDDED_DATABASE): string {
  return `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** Where the API and the worker connect: DATABASE_URL, else the embedded database as its application role. */
export function databaseUrl(config: Config): string {
  if (config.postgres.externalUrl) return config.postgres.externalUrl;
  const { appPassword } = requireEmbeddedSecrets(config, 'DATABASE_URL');
  if (!appPassword) throw new Error(`DATABASE_URL: not set, and ${config.dataDir} predates the application role (start the embedded stack once: \`npm run infra\`)`);
  return embeddedDatabaseUrl(EMBEDDED_APP_USER, appPassword, config.postgres.port);
}

/**
 * Where migrations run: MIGRATION_DATABASE_URL, else DATABASE_URL (one role for everything, as
 * before), else the embedded database as its owner role.
 */
export function migrationDatabaseUrl(config: Config): string {
  if (config.postgres.migrationUrl) return config.postgres.migrationUrl;
  if (config.postgres.externalUrl) return config.postgres.externalUrl;
  const { ownerPassword } = requireEmbeddedSecrets(config, 'MIGRATION_DATABASE_URL');
  if (!ownerPassword) throw new Error(`MIGRATION_DATABASE_URL: not set, and ${config.dataDir} predates the owner role (start the embedded stack once: \`npm run infra\`)`);
  return embeddedDatabaseUrl(EMBEDDED_OWNER_USER, ownerPassword, config.postgres.port);
}

export function authSecret(config: Config): string {
  return config.authSecret ?? requireEmbeddedSecrets(config, 'AUTH_SECRET').authSecret;
}
