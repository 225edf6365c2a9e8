/**
 * The documentation stands on its own: every relative link in the READMEs and docs/ leads to a
 * file of this repository (and, where it names an anchor, to a heading of that file), every page
 * of docs/ is reachable from the index, and nothing in the repository sends the reader to
 * documents that are not in it or to tracker numbers that mean nothing outside one conversation.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

const DOCS = fs
  .readdirSync(path.join(ROOT, 'docs'))
  .filter((name) => name.endsWith('.md'))
  .map((name) => path.join('docs', name));
const LINKED_PAGES = ['README.md', 'api/README.md', 'console/README.md', 'bench/RESULTS.md', ...DOCS];

/** Fenced blocks and code spans hold examples, not links. */
function withoutCode(markdown: string): string {
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '').replace(/`[^`\n]*`/g, '');
}

function linkTargets(markdown: string): string[] {
  const targets: string[] = [];
  for (const match of withoutCode(markdown).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) targets.push(match[1]!);
  return targets;
}

/** The anchors a Markdown renderer gives a file's headings (lower case, punctuation dropped, spaces as hyphens). */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const match of withoutCode(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = match[1]!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

/** `page` is relative to `root`, the folder links may not leave. */
function brokenLinks(page: string, root = ROOT): string[] {
  const text = fs.readFileSync(path.join(root, page), 'utf8');
  const broken: string[] = [];
  for (const target of linkTargets(text)) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: … lead outside on purpose
    const [filePart, anchor] = target.split('#', 2) as [string, string | undefined];
    const resolved = filePart === '' ? path.join(root, page) : path.resolve(path.dirname(path.join(root, page)), decodeURIComponent(filePart));
    if (path.relative(root, resolved).startsWith('..')) {
      broken.push(`${target}: outside the repository`);
      continue;
    }
    if (!fs.existsSync(resolved)) {
      broken.push(`${target}: no such file`);
      continue;
    }
    if (anchor && resolved.endsWith('.md') && !headingAnchors(fs.readFileSync(resolved, 'utf8')).has(anchor)) {
      broken.push(`${target}: no heading with this anchor`);
    }
  }
  return broken;
}

describe('links in the documentation', () => {
  test.each(LINKED_PAGES)('every relative link in %s resolves inside the repository', (page) => {
    expect(brokenLinks(page)).toEqual([]);
  });

  test('every page of docs/ is listed in the index, and the README links the index', () => {
    const index = linkTargets(fs.readFileSync(path.join(ROOT, 'docs', 'README.md'), 'utf8'));
    const unlisted = DOCS.filter((page) => page !== path.join('docs', 'README.md')).filter((page) => !index.includes(path.basename(page)));
    expect(unlisted).toEqual([]);
    expect(linkTargets(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8'))).toContain('docs/README.md');
  });

  // The checker itself: a scan that never finds anything would pass forever.
  test('the checker finds a missing file, a missing anchor, a path outside and ignores code', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'links-check-'));
    fs.writeFileSync(path.join(root, 'outside.md'), '# Outside\n');
    const dir = path.join(root, 'repo');
    fs.mkdirSync(dir);
    try {
      fs.writeFileSync(
        path.join(dir, 'page.md'),
        [
          '# A page',
          '[ok](page.md#a-page) [self](#a-page) [web](https://example.org/x)',
          '[gone](nothing-here.md) [anchor](page.md#no-such-heading) [outside](../outside.md)',
          '`[code](not-a-link.md)`',
          '```',
          '[fenced](not-a-link-either.md)',
          '```',
        ].join('\n'),
      );
      expect(brokenLinks('page.md', dir)).toEqual([
        'nothing-here.md: no such file',
        'page.md#no-such-heading: no heading with this anchor',
        '../outside.md: outside the repository',
      ]);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

// ---- no citations of outside documents or tracker numbers ----

/** What the repository's own files are: its product folders, tests, docs and top-level files. */
const SCANNED_FOLDERS = ['domain', 'programs', 'store', 'http', 'api', 'worker', 'bin', 'config', 'codec', 'temporal', 'dev', 'console', 'bench', 'docs', 'test', '.ci'];
const SCANNED_TOP_FILES = ['README.md', 'Dockerfile', 'docker-compose.yml', 'package.json', 'eslint.config.js', 'jest.config.js', 'jest.faults.config.js', 'tsconfig.json'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git', 'screenshots', 'histories']);
const TEXT_FILE = /\.(ts|tsx|js|cjs|mjs|mts|json|md|ya?ml|html|css|sql)$|^run$/;
const SKIPPED_FILES = new Set(['package-lock.json']);

// Built from parts so that this file does not match itself.
const OUTSIDE_DOCUMENTS = ['DESIGN', 'POLICY', 'API', 'API-PROGRAMS', 'PROGRAMS', 'TEMPORAL-NOTES', 'STYLE'].map((name) => `${name}\\.md`).join('|');
const CITATIONS: { what: string; pattern: RegExp }[] = [
  { what: 'an outside design document', pattern: new RegExp(`\\b(?:${OUTSIDE_DOCUMENTS})\\b`) },
  { what: 'the shared documents folder', pattern: new RegExp(['/work/', 'shared', '|\\.\\./', 'shared\\b'].join('')) },
  { what: 'an issue number', pattern: /\bissues?\s*(?:#|no\.?\s*)?\d+/i },
  { what: 'a tracker number', pattern: /(?:^|[\s([])#\d{1,6}\b/ },
];
/** A `#` and digits that are not a reference to anything: each allowed where it is, by its exact text. */
const ALLOWED = [
  { file: 'programs/surgery/api/settlement/settlement-sheet.ts', text: 'solid ' + '#999' }, // a CSS colour
  { file: 'test/domain/policy.engine.test.ts', text: 'amount ' + '#1 is' }, // the first amount of a list, in an error message
];

function* filesUnder(relative: string): Generator<string> {
  const absolute = path.join(ROOT, relative);
  if (!fs.existsSync(absolute)) return;
  for (const entry of fs.readdirSync(absolute, { withFileTypes: true })) {
    const child = path.join(relative, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) yield* filesUnder(child);
    } else if (TEXT_FILE.test(entry.name) && !SKIPPED_FILES.has(entry.name)) {
      yield child;
    }
  }
}

function citationsIn(file: string, text: string): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, i) => {
    let checked = line;
    for (const allowed of ALLOWED) if (allowed.file === file) checked = checked.split(allowed.text).join('');
    for (const { what, pattern } of CITATIONS) {
      const match = pattern.exec(checked);
      if (match) found.push(`${file}:${i + 1}: ${what} (${match[0].trim()})`);
    }
  });
  return found;
}

describe('the repository stands alone', () => {
  test('no file cites an outside document or an issue number', () => {
    const files = [...SCANNED_FOLDERS.flatMap((folder) => [...filesUnder(folder)]), ...SCANNED_TOP_FILES.filter((file) => fs.existsSync(path.join(ROOT, file)))];
    expect(files.length).toBeGreaterThan(200);
    const found = files.flatMap((file) => citationsIn(file, fs.readFileSync(path.join(ROOT, file), 'utf8')));
    expect(found).toEqual([]);
  });

  test('the scan finds each kind of citation', () => {
    const samples = [
      'as the design says in ' + 'DESIGN' + '.md',
      'see ../' + 'shared/notes',
      'fixed for iss' + 'ue 12',
      'see (' + '#34) for why',
    ];
    for (const sample of samples) expect(citationsIn('sample.md', sample)).toHaveLength(1);
    expect(citationsIn('sample.ts', 'color:#222; &#39; https://example.org/page#section-2 FieldIssue')).toEqual([]);
  });
});
