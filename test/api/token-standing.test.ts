/** The per-process cache of whether an account's token still stands: at most its TTL stale, at once after forget(). */
import { randomUUID } from 'node:crypto';
import { HttpProblem } from '../../http/problems';
import { TokenStandingChecker } from '../../http/auth/token-standing';
import { TokenError, type Principal } from '../../http/auth/tokens';
import { setDisabled } from '../../store/users';
import { createAccount } from '../../api/services/user-admin.service';
import { createDb } from '../../store/connection';
import { testDb, uniqueId } from '../support/stack';

const db = testDb();

async function accountPrincipal(): Promise<Principal> {
  const username = uniqueId('standing').toLowerCase();
  await createAccount(db, { username, displayName: username, role: 'officer', initialPassword: 'standing-password-1' });
  const now = Date.now();
  return { sub: username, role: 'officer', hospitalId: null, account: { jti: randomUUID(), issuedAt: new Date(now + 1_000), expiresAt: new Date(now + 3_600_000), mustChangePassword: false } };
}

test('a disable is seen once the cached answer is older than the TTL, or at once after forget()', async () => {
  let now = Date.now();
  const checker = new TokenStandingChecker(db, 30_000, () => new Date(now));
  const principal = await accountPrincipal();
  await checker.check(principal);
  await setDisabled(db, principal.sub, true);
  await expect(checker.check(principal)).resolves.toBeUndefined();
  now += 30_001;
  await expect(checker.check(principal)).rejects.toThrow(new TokenError('the account is disabled'));

  await setDisabled(db, principal.sub, false);
  await expect(checker.check(principal)).rejects.toThrow(TokenError);
  checker.forget(principal.account!.jti);
  await expect(checker.check(principal)).resolves.toBeUndefined();
});

test('tokens without a jti are not looked up; an unknown account is refused', async () => {
  const checker = new TokenStandingChecker(db, 0);
  await expect(checker.check({ sub: 'npm-run-token', role: 'admin', hospitalId: null })).resolves.toBeUndefined();
  const principal = await accountPrincipal();
  await expect(checker.check({ ...principal, sub: 'nobody-at-all' })).rejects.toThrow(/does not exist/);
});

test('PostgreSQL not answering is a 503, not a refusal and not a pass', async () => {
  // Nothing listens on port 1: the connection is refused at once.
  const unreachable = createDb('postgres://nobody:nothing@127.0.0.1:1/none', { max: 1 });
  const checker = new TokenStandingChecker(unreachable, 30_000);
  const failure = await checker.check(await accountPrincipal()).catch((error: unknown) => error);
  await unreachable.destroy();
  expect(failure).toBeInstanceOf(HttpProblem);
  expect((failure as HttpProblem).status).toBe(503);
});
