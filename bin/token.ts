/**
 * `npm run token -- --role <role> [--sub <name>] [--hospital <id>] [--town <town>] [--ttl 8h]`: prints a bearer
 * token signed with the same secret the API uses (AUTH_SECRET, or the embedded stack's in DATA_DIR).
 * Only the token goes to stdout, so `TOKEN=$(npm run -s token -- --role officer)` works.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { parseDurationMs } from '../config/duration';
import { loadHospitalRegistry } from '../config/hospitals';
import { authSecret } from '../config/secrets';
import { ROLES, type Role } from '../domain/actor';
import { MAX_TOKEN_TTL_SECONDS, signToken } from '../http/auth/tokens';

const USAGE = `usage: npm run token -- --role <${ROLES.join('|')}> [--sub <name>] [--hospital <id>] [--town <town>] [--ttl 8h]`;

export interface TokenCliOptions {
  role: Role;
  sub: string;
  hospitalId: string | undefined;
  /** A town clerk's town: the token reaches that town's cases, enrolments and persons only. */
  town: string | undefined;
  ttlSeconds: number;
}

export function parseTokenArgs(argv: string[]): TokenCliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      role: { type: 'string' },
      sub: { type: 'string' },
      hospital: { type: 'string' },
      town: { type: 'string' },
      ttl: { type: 'string', default: '8h' },
    },
    strict: true,
    allowPositionals: false,
  });
  const role = values.role as Role | undefined;
  if (!role || !ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}\n${USAGE}`);
  if (role === 'hospital' && !values.hospital) throw new Error(`--hospital <id> is required for the hospital role\n${USAGE}`);
  if (role !== 'hospital' && values.hospital) throw new Error(`--hospital is only for the hospital role\n${USAGE}`);
  if (role === 'hospital' && values.town) throw new Error(`--town is not for the hospital role (its hospital limits it)\n${USAGE}`);
  const ttlMs = parseDurationMs(values.ttl ?? '8h');
  if (ttlMs === undefined || ttlMs < 1_000) throw new Error(`--ttl must be a duration such as 8h, 30m or 7d\n${USAGE}`);
  if (ttlMs > MAX_TOKEN_TTL_SECONDS * 1000) throw new Error(`--ttl must be at most ${MAX_TOKEN_TTL_SECONDS / 86_400}d\n${USAGE}`);
  return { role, sub: values.sub ?? `${role}-cli`, hospitalId: values.hospital, town: values.town?.trim() || undefined, ttlSeconds: Math.floor(ttlMs / 1000) };
}

async function main(): Promise<void> {
  const options = parseTokenArgs(process.argv.slice(2));
  const config = loadConfig();
  if (options.hospitalId && !loadHospitalRegistry(config.hospitalsFile).byId.has(options.hospitalId)) {
    throw new Error(`--hospital ${options.hospitalId} is not in the hospital registry (${config.hospitalsFile})`);
  }
  const { token, expiresAt } = await signToken(authSecret(config), options);
  process.stdout.write(`${token}\n`);
  process.stderr.write(`${options.role} token for "${options.sub}"${options.hospitalId ? ` of ${options.hospitalId}` : ''}${options.town ? ` limited to ${options.town}` : ''}, valid until ${expiresAt.toISOString()}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`token: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
