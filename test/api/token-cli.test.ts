/** `npm run token`: prints a token the API accepts, signed with the API's secret; refuses bad arguments. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseTokenArgs } from '../../bin/token';
import { verifyToken } from '../../http/auth/tokens';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');
const SECRET = 'token-cli-test-secret-that-is-long-enough';

test('parses the arguments of the API', () => {
  expect(parseTokenArgs(['--role', 'officer'])).toEqual({ role: 'officer', sub: 'officer-cli', hospitalId: undefined, ttlSeconds: 8 * 3600 });
  expect(parseTokenArgs(['--role', 'hospital', '--hospital', 'wuwei-hand-foot', '--sub', 'his', '--ttl', '30m'])).toEqual({
    role: 'hospital',
    sub: 'his',
    hospitalId: 'wuwei-hand-foot',
    ttlSeconds: 1800,
  });
  for (const role of ['civil', 'finance', 'official'] as const) {
    expect(parseTokenArgs(['--role', role])).toEqual({ role, sub: `${role}-cli`, hospitalId: undefined, ttlSeconds: 8 * 3600 });
    expect(() => parseTokenArgs(['--role', role, '--hospital', 'wuwei-hand-foot'])).toThrow(/only for the hospital role/);
  }
  expect(() => parseTokenArgs([])).toThrow(/--role/);
  expect(() => parseTokenArgs(['--role', 'root'])).toThrow(/--role/);
  expect(() => parseTokenArgs(['--role', 'hospital'])).toThrow(/--hospital/);
  expect(() => parseTokenArgs(['--role', 'admin', '--hospital', 'x'])).toThrow(/only for the hospital role/);
  expect(() => parseTokenArgs(['--role', 'admin', '--ttl', 'forever'])).toThrow(/--ttl/);
  expect(() => parseTokenArgs(['--role', 'admin', '--ttl', '31d'])).toThrow(/at most 30d/);
  expect(parseTokenArgs(['--role', 'admin', '--ttl', '30d']).ttlSeconds).toBe(30 * 86_400);
  expect(() => parseTokenArgs(['--role', 'admin', '--colour', 'red'])).toThrow();
});

test('prints only the token on stdout, signed with AUTH_SECRET', async () => {
  const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');
  const env = { ...process.env, AUTH_SECRET: SECRET };
  const { stdout, stderr } = await run(tsx, ['bin/token.ts', '--role', 'hospital', '--hospital', 'wuwei-hand-foot', '--sub', 'his-1'], { cwd: ROOT, env });
  const token = stdout.trim();
  expect(token.split('.')).toHaveLength(3);
  expect(stderr).toMatch(/valid until/);
  await expect(verifyToken(SECRET, token)).resolves.toEqual({ sub: 'his-1', role: 'hospital', hospitalId: 'wuwei-hand-foot' });

  const unknownHospital = await run(tsx, ['bin/token.ts', '--role', 'hospital', '--hospital', 'nowhere'], { cwd: ROOT, env }).catch((error: { code: number; stderr: string }) => error);
  expect(unknownHospital).toMatchObject({ code: 1, stderr: expect.stringMatching(/not in the hospital registry/) });
}, 30_000);
