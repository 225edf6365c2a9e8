/**
 * What administrators do to accounts: create, list, disable, enable, reset the password. Every
 * change is in the sign-in audit with the administrator's name. A disable or a reset refuses the
 * account's tokens at once in this process and within REVOCATION_CACHE_TTL in the others.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema';
import type { FieldIssue } from '../../domain/fields';
import { hashPassword, oneTimePassword, passwordRuleBroken } from '../../http/auth/passwords';
import type { TokenStandingChecker } from '../../http/auth/token-standing';
import type { Role } from '../../domain/actor';
import type { Principal } from '../../http/auth/tokens';
import { problems } from '../../http/problems';
import { audit, findUser, insertUser, publicUser, setDisabled, setPassword, type AuditEvent, type User } from '../../store/users';

export interface NewAccount {
  username: string;
  displayName: string;
  role: Role;
  hospitalId?: string | undefined;
  town?: string | undefined;
  initialPassword: string;
}

export interface UserAdminDeps {
  db: Kysely<Database>;
  standing: TokenStandingChecker;
  isKnownHospital: (hospitalId: string) => boolean;
  clock: () => Date;
}

/** What is wrong with a new account, field by field (also used by `npm run user`). */
export function newAccountIssues(account: NewAccount, isKnownHospital: (hospitalId: string) => boolean): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (account.role === 'hospital' && (!account.hospitalId || !isKnownHospital(account.hospitalId))) {
    issues.push({ path: 'hospitalId', message: 'is required for the hospital role and must be in the registry' });
  }
  if (account.role !== 'hospital' && account.hospitalId) issues.push({ path: 'hospitalId', message: 'is only for the hospital role' });
  const broken = passwordRuleBroken(account.initialPassword, account.username);
  if (broken) issues.push({ path: 'initialPassword', message: broken });
  return issues;
}

/** Creates the account; false when the user name is taken. The password must be changed at the first sign-in. */
export async function createAccount(db: Kysely<Database>, account: NewAccount): Promise<boolean> {
  return insertUser(db, {
    username: account.username,
    displayName: account.displayName,
    role: account.role,
    hospitalId: account.role === 'hospital' ? account.hospitalId ?? null : null,
    town: account.town ?? null,
    passwordHash: await hashPassword(account.initialPassword),
  });
}

export class UserAdminService {
  constructor(private readonly deps: UserAdminDeps) {}

  async create(account: NewAccount, by: Principal, address: string): Promise<User> {
    const issues = newAccountIssues(account, this.deps.isKnownHospital);
    if (issues.length > 0) throw problems.validation(issues);
    if (!(await createAccount(this.deps.db, account))) throw problems.unprocessable(`the user name ${account.username} is taken`);
    await this.audit(account.username, 'create', by, address);
    return this.read(account.username);
  }

  async setDisabled(username: string, disabled: boolean, by: Principal, address: string): Promise<User> {
    if (disabled && username === by.sub) throw problems.unprocessable('an administrator cannot disable their own account');
    if (!(await setDisabled(this.deps.db, username, disabled))) throw problems.notFound(`no user ${username}`);
    this.deps.standing.forget();
    await this.audit(username, disabled ? 'disable' : 'enable', by, address);
    return this.read(username);
  }

  /** A new one-time password, to hand over; the account's tokens stop working. */
  async resetPassword(username: string, by: Principal, address: string): Promise<{ user: User; initialPassword: string }> {
    const initialPassword = oneTimePassword();
    if (!(await setPassword(this.deps.db, username, await hashPassword(initialPassword), true, this.deps.clock()))) throw problems.notFound(`no user ${username}`);
    this.deps.standing.forget();
    await this.audit(username, 'reset', by, address);
    return { user: await this.read(username), initialPassword };
  }

  private async read(username: string): Promise<User> {
    const user = await findUser(this.deps.db, username);
    if (!user) throw problems.notFound(`no user ${username}`);
    return publicUser(user);
  }

  private audit(username: string, event: AuditEvent, by: Principal, address: string): Promise<void> {
    return audit(this.deps.db, { at: this.deps.clock(), username, event, address, byUsername: by.sub });
  }
}
