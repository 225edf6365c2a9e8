/**
 * Whether a signed-in account's token still stands: its user exists and is not disabled, it was
 * not signed out, and it was issued after the last password change or reset. The answer comes from
 * PostgreSQL, so every API process sees a logout or a disable; each process keeps it for at most
 * `ttlMs` (REVOCATION_CACHE_TTL, ≤ 30 s) to spare a query per request. A change made through this
 * process is seen at once (forget()); one made through another process, within `ttlMs`.
 * Tokens without a jti (`npm run token`, the development sign-in) are not accounts' and not checked.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema';
import { problems } from '../problems';
import { tokenStanding, type TokenStanding } from '../../store/users';
import { TokenError, type Principal } from './tokens';

/** Bounds memory under a flood of distinct tokens; beyond it, the oldest entries go first. */
const MAX_ENTRIES = 10_000;

export class TokenStandingChecker {
  private readonly cache = new Map<string, { standing: TokenStanding | undefined; until: number }>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ttlMs: number,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Throws TokenError when an account token no longer stands. */
  async check(principal: Principal): Promise<void> {
    const account = principal.account;
    if (!account) return;
    const standing = await this.standing(principal.sub, account.jti);
    if (!standing) throw new TokenError('the token\'s account does not exist');
    if (standing.disabled) throw new TokenError('the account is disabled');
    if (standing.revoked) throw new TokenError('the token was signed out');
    // iat has whole seconds: a token issued in the same second as the change still stands.
    if (account.issuedAt.getTime() < Math.floor(standing.tokensNotBefore.getTime() / 1000) * 1000) {
      throw new TokenError('the password was changed or reset since this token was issued; sign in again');
    }
  }

  /** After a change made here: this process sees it at once. */
  forget(jti?: string): void {
    if (jti === undefined) this.cache.clear();
    else this.cache.delete(jti);
  }

  private async standing(username: string, jti: string): Promise<TokenStanding | undefined> {
    const now = this.clock().getTime();
    const cached = this.cache.get(jti);
    if (cached && cached.until > now) return cached.standing;
    let standing: TokenStanding | undefined;
    try {
      standing = await tokenStanding(this.db, username, jti);
    } catch {
      // Without the answer the token can be neither trusted nor refused: the caller may retry.
      throw problems.unavailable('PostgreSQL did not answer whether this sign-in still stands; retry');
    }
    if (this.ttlMs > 0) {
      this.cache.delete(jti);
      this.cache.set(jti, { standing, until: now + this.ttlMs });
      if (this.cache.size > MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    }
    return standing;
  }
}
