/**
 * `npm run user -- create --username <name> --role <role> [--display-name …]
 * [--hospital <id>] [--town …]`: creates an account in the database the API uses (DATABASE_URL or
 * the embedded one), typically the first administrator, and prints a one-time password that must
 * be changed at the first sign-in. Only the password goes to stdout.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { loadHospitalRegistry } from '../config/hospitals';
import { databaseUrl, migrationDatabaseUrl } from '../config/secrets';
import { createDb } from '../store/connection';
import { migrateToLatest } from '../store/migrator';
import { usernameSchema } from '../api/account-schemas';
import { audit } from '../store/users';
import { oneTimePassword } from '../http/auth/passwords';
import { ROLES, type Role } from '../domain/actor';
import { createAccount, newAccountIssues, type NewAccount } from '../api/services/user-admin.service';

const USAGE = `usage: npm run user -- create --username <name> --role <${ROLES.join('|')}> [--display-name <name>] [--hospital <id>] [--town <town>]`;

export function parseUserArgs(argv: string[]): Omit<NewAccount, 'initialPassword'> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      'display-name': { type: 'string' },
      hospital: { type: 'string' },
      town: { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1 || positionals[0] !== 'create') throw new Error(`the only command is create\n${USAGE}`);
  const username = usernameSchema.safeParse(values.username ?? '');
  if (!username.success) throw new Error(`--username ${username.error.issues[0]!.message}\n${USAGE}`);
  const role = values.role as Role | undefined;
  if (!role || !ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}\n${USAGE}`);
  return { username: username.data, role, displayName: values['display-name'] ?? username.data, hospitalId: values.hospital, town: values.town };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const hospitals = loadHospitalRegistry(config.hospitalsFile);
  const account: NewAccount = { ...parseUserArgs(process.argv.slice(2)), initialPassword: oneTimePassword() };
  const issues = newAccountIssues(account, (id) => hospitals.byId.has(id));
  if (issues.length > 0) throw new Error(issues.map((issue) => `${issue.path === 'hospitalId' ? '--hospital' : issue.path} ${issue.message}`).join('; '));
  // The first administrator may come before the API has ever started (and migrated): migrate as
  // the migration role, then write the account as the application role.
  const owner = createDb(migrationDatabaseUrl(config), { max: 1, applicationName: 'user-cli-migrate' });
  try {
    await migrateToLatest(owner);
  } finally {
    await owner.destroy();
  }
  const db = createDb(databaseUrl(config), { max: 1, applicationName: 'user-cli' });
  try {
    if (!(await createAccount(db, account))) throw new Error(`the user name ${account.username} is taken`);
    await audit(db, { at: new Date(), username: account.username, event: 'create', address: null, byUsername: null });
  } finally {
    await db.destroy();
  }
  process.stdout.write(`${account.initialPassword}\n`);
  process.stderr.write(`${account.role} account "${account.username}" created; the password above must be changed at the first sign-in\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`user: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
