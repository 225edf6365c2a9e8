/**
 * The payroll's core runs inside a workflow: it may import only other pure core files, and may not
 * read a clock or draw random numbers. Checked on the source, so a careless import fails here
 * before it fails a replay.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const CORE = path.join(ROOT, 'programs', 'subsidy', 'domain', 'payroll');
/** Where a core file's imports may lead: the shared core and the subsidies' core. */
const ALLOWED = [path.join(ROOT, 'domain'), path.join(ROOT, 'programs', 'subsidy', 'domain')];

const files = fs.readdirSync(CORE).filter((name) => name.endsWith('.ts'));

describe("the payroll core's purity", () => {
  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(5);
  });

  it.each(files)('%s imports only pure core files', (name) => {
    const source = fs.readFileSync(path.join(CORE, name), 'utf8');
    const specifiers = [...source.matchAll(/from '([^']+)'/g)].map((match) => match[1]!);
    for (const specifier of specifiers) {
      expect(specifier.startsWith('.')).toBe(true);
      const target = path.resolve(CORE, specifier);
      expect(ALLOWED.some((root) => target.startsWith(root + path.sep))).toBe(true);
    }
  });

  it.each(files)('%s reads no clock and draws no random number', (name) => {
    const source = fs.readFileSync(path.join(CORE, name), 'utf8');
    expect(source).not.toMatch(/Date\.now|new Date\(\)|Math\.random|process\.|setTimeout|require\(/);
  });
});
