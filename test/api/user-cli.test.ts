/** `npm run user -- create`: creates an account that must change its one-time password; refuses bad arguments. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseUserArgs } from '../../bin/user';
import { verifyPassword } from '../../http/auth/passwords';
import { findUser, listAudit } from '../../store/users';
import { testDb, testDatabaseUrl, uniqueId } from '../support/stack';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');
const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');

test('parses the arguments', () => {
  expect(parseUserArgs(['create', '--username', 'wang.li', '--role', 'admin'])).toEqual({ username: 'wang.li', role: 'admin', displayName: 'wang.li', hospitalId: undefined, town: undefined });
  expect(parseUserArgs(['create', '--username', 'his-1', '--role', 'hospital', '--hospital', 'wuwei-hand-foot', '--display-name', '李护士', '--town', '凉州'])).toMatchObject({
    displayName: '李护士',
    hospitalId: 'wuwei-hand-foot',
    town: '凉州',
  });
  for (const role of ['civil', 'finance', 'official'] as const) {
    expect(parseUserArgs(['create', '--username', `${role}.zhao`, '--role', role])).toMatchObject({ username: `${role}.zhao`, role });
  }
  expect(() => parseUserArgs(['--username', 'x1', '--role', 'admin'])).toThrow(/create/);
  expect(() => parseUserArgs(['delete', '--username', 'x1', '--role', 'admin'])).toThrow(/create/);
  expect(() => parseUserArgs(['create', '--role', 'admin'])).toThrow(/--username/);
  expect(() => parseUserArgs(['create', '--username', 'Has Space', '--role', 'admin'])).toThrow(/--username/);
  expect(() => parseUserArgs(['create', '--username', 'x1', '--role', 'root'])).toThrow(/--role/);
  expect(() => parseUserArgs(['create', '--username', 'x1', '--role', 'admin', '--colour', 'red'])).toThrow();
});

test('creates the account and prints only a one-time password that must be changed', async () => {
  const db = testDb();
  const username = uniqueId('cli').toLowerCase();
  const env = { ...process.env, DATABASE_URL: testDatabaseUrl(), AUTH_SECRET: 'user-cli-test-secret-that-is-long-enough' };
  const { stdout, stderr } = await run(tsx, ['bin/user.ts', 'create', '--username', username, '--role', 'admin', '--display-name', '王管理员'], { cwd: ROOT, env });
  const password = stdout.trim();
  expect(password).toMatch(/^\S{16}$/);
  expect(stderr).toMatch(/must be changed at the first sign-in/);
  const user = await findUser(db, username);
  expect(user).toMatchObject({ username, displayName: '王管理员', role: 'admin', mustChangePassword: true, disabled: false });
  expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
  expect(await verifyPassword(user!.passwordHash, password)).toBe(true);
  expect((await listAudit(db, { limit: 5, username })).map((entry) => entry.event)).toEqual(['create']);

  const again = await run(tsx, ['bin/user.ts', 'create', '--username', username, '--role', 'admin'], { cwd: ROOT, env }).catch((error: { code: number; stderr: string }) => error);
  expect(again).toMatchObject({ code: 1, stderr: expect.stringMatching(/taken/) });
  const unknownHospital = await run(tsx, ['bin/user.ts', 'create', '--username', `${username}-h`, '--role', 'hospital', '--hospital', 'nowhere'], { cwd: ROOT, env }).catch(
    (error: { code: number; stderr: string }) => error,
  );
  expect(unknownHospital).toMatchObject({ code: 1, stderr: expect.stringMatching(/--hospital/) });
}, 60_000);
