/**
 * Signing in, out and changing one's password. An unknown user name and a wrong password take the
 * same path (a dummy hash is checked for the former) and get the same answer. Failures are counted
 * per user name in the sign-in audit, so every API process counts the same ones: `maxFailures`
 * within `lockoutMs` lock the user name for `lockoutMs` (unknown names too: the lock tells nothing).
 * One address trying many names is held back too: `maxFailuresPerAddress` failures from it within
 * `lockoutMs` and it gets 429 until enough of them are older than that (set high: a town office
 * signs in from behind one address).
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema';
import { hashPassword, passwordRuleBroken, prepareDummyHash, verifyPassword } from '../../http/auth/passwords';
import type { TokenStandingChecker } from '../../http/auth/token-standing';
import { signToken, type Principal } from '../../http/auth/tokens';
import { problems } from '../../http/problems';
import { audit, countFailuresSince, findUser, latestEvent, recordSignIn, revokeToken, setPassword, type UserWithSecret } from '../../store/users';

export interface SignInDeps {
  db: Kysely<Database>;
  authSecret: string;
  standing: TokenStandingChecker;
  accessTokenTtlMs: number;
  maxFailures: number;
  maxFailuresPerAddress: number;
  lockoutMs: number;
  clock: () => Date;
}

export interface SignedIn {
  accessToken: string;
  expiresAt: string;
  mustChangePassword: boolean;
  user: { username: string; displayName: string; role: UserWithSecret['role']; hospitalId?: string; town?: string };
}

/** User names are compared as typed by the administrator, without surrounding spaces or case. */
export function normalUsername(username: string): string {
  return username.trim().toLowerCase();
}

export class SignInService {
  constructor(private readonly deps: SignInDeps) {
    prepareDummyHash();
  }

  async signIn(rawUsername: string, password: string, address: string): Promise<SignedIn> {
    const { db, clock } = this.deps;
    const username = normalUsername(rawUsername).slice(0, 128);
    const now = clock();
    const lockedUntil = await this.lockedUntil(username, now);
    if (lockedUntil) throw problems.locked(secondsUntil(lockedUntil, now));
    if ((await countFailuresSince(db, { address }, new Date(now.getTime() - this.deps.lockoutMs))) >= this.deps.maxFailuresPerAddress) {
      throw problems.locked(Math.ceil(this.deps.lockoutMs / 1000));
    }

    const user = await findUser(db, username);
    const passwordMatches = await verifyPassword(user?.passwordHash, password);
    if (!user || !passwordMatches || user.disabled) {
      await audit(db, { at: now, username, event: 'failure', address, byUsername: null });
      if ((await this.failuresInWindow(username, now)) >= this.deps.maxFailures) {
        await audit(db, { at: now, username, event: 'lock-out', address, byUsername: null });
        throw problems.locked(Math.ceil(this.deps.lockoutMs / 1000));
      }
      throw problems.invalidCredentials();
    }
    await audit(db, { at: now, username, event: 'sign-in', address, byUsername: null });
    await recordSignIn(db, username, now);
    return this.issue(user, user.mustChangePassword, now);
  }

  /** False for a token of `npm run token`: it has no jti, nothing to revoke (it expires on its own). */
  async signOut(principal: Principal, address: string): Promise<boolean> {
    const account = principal.account;
    if (!account) return false;
    await revokeToken(this.deps.db, account.jti, principal.sub, account.expiresAt);
    this.deps.standing.forget(account.jti);
    await audit(this.deps.db, { at: this.deps.clock(), username: principal.sub, event: 'sign-out', address, byUsername: null });
    return true;
  }

  /** Sets the new password, signs every older token out, and answers with a fresh sign-in. */
  async changePassword(principal: Principal, currentPassword: string, newPassword: string, address: string): Promise<SignedIn> {
    const { db, clock } = this.deps;
    if (!principal.account) throw problems.unprocessable('only a signed-in account has a password (this token was made with npm run token)');
    const user = await findUser(db, principal.sub);
    if (!user) throw problems.unauthorized('the token\'s account does not exist');
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      throw problems.validation([{ path: 'currentPassword', message: 'is not the current password' }]);
    }
    const broken = passwordRuleBroken(newPassword, user.username);
    if (broken) throw problems.validation([{ path: 'newPassword', message: broken }]);
    if (newPassword === currentPassword) throw problems.validation([{ path: 'newPassword', message: 'must differ from the current password' }]);
    const now = clock();
    await setPassword(db, user.username, await hashPassword(newPassword), false, now);
    await revokeToken(db, principal.account.jti, user.username, principal.account.expiresAt);
    this.deps.standing.forget(principal.account.jti);
    await audit(db, { at: now, username: user.username, event: 'password-change', address, byUsername: null });
    return this.issue(user, false, now);
  }

  private async issue(user: UserWithSecret, mustChangePassword: boolean, now: Date): Promise<SignedIn> {
    const { token, expiresAt } = await signToken(
      this.deps.authSecret,
      {
        role: user.role,
        sub: user.username,
        hospitalId: user.hospitalId ?? undefined,
        town: user.town ?? undefined,
        ttlSeconds: Math.floor(this.deps.accessTokenTtlMs / 1000),
        jti: randomUUID(),
        mustChangePassword,
      },
      now,
    );
    return {
      accessToken: token,
      expiresAt: expiresAt.toISOString(),
      mustChangePassword,
      user: {
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        ...(user.hospitalId ? { hospitalId: user.hospitalId } : {}),
        ...(user.town ? { town: user.town } : {}),
      },
    };
  }

  private async lockedUntil(username: string, now: Date): Promise<Date | undefined> {
    const lockedAt = await latestEvent(this.deps.db, username, ['lock-out'], new Date(now.getTime() - this.deps.lockoutMs));
    return lockedAt && new Date(lockedAt.getTime() + this.deps.lockoutMs);
  }

  /** Failures within the window, not counting those before the last successful sign-in or lock-out. */
  private async failuresInWindow(username: string, now: Date): Promise<number> {
    const windowStart = new Date(now.getTime() - this.deps.lockoutMs);
    const reset = await latestEvent(this.deps.db, username, ['sign-in', 'lock-out'], windowStart);
    return countFailuresSince(this.deps.db, { username }, reset ?? windowStart);
  }
}

function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}
