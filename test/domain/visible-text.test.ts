/**
 * Every text field of a request is NFKC-normalised and refuses control and format characters
 * (Cc, Cf), naming the field; line breaks and tabs pass only in multi-line text.
 */
import fc from 'fast-check';
import { newCaseSchema, withdrawSchema } from '../../programs/surgery/domain/schemas';
import { workedExampleCase } from '../fixtures/cases';

const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}]/u;
const body = workedExampleCase();
const withTown = (town: string) => ({ ...body, applicant: { ...body.applicant, town } });
const pathsOf = (result: { error?: { issues: { path: PropertyKey[] }[] } }) => (result.error?.issues ?? []).map((issue) => issue.path.join('.'));

test('a zero-width space, a right-to-left override or a line break in a town is refused, naming the field', () => {
  for (const hostile of ['黄羊\u200b镇', '\u202e镇羊黄', '黄羊\n镇', '黄羊\u0007镇', '\ufeff黄羊镇']) {
    const result = newCaseSchema.safeParse(withTown(hostile));
    expect(pathsOf(result)).toEqual(['applicant.town']);
    expect(result.error!.issues[0]!.message).toMatch(/control or invisible formatting characters \(found U\+[0-9A-F]{4}\)/);
  }
});

test('full-width and compatibility forms become plain characters (NFKC)', () => {
  const parsed = newCaseSchema.parse({ ...withTown('黄羊镇'), applicant: { ...body.applicant, name: 'ＡＢＣ　张三' } });
  expect(parsed.applicant.name).toBe('ABC 张三');
});

test('multi-line text keeps line breaks and tabs (Windows line ends become \\n) but not other controls', () => {
  expect(withdrawSchema.parse({ reason: '本人放弃\r\n\t家属同意' }).reason).toBe('本人放弃\n\t家属同意');
  expect(pathsOf(withdrawSchema.safeParse({ reason: '本人\u200b放弃' }))).toEqual(['reason']);
  expect(pathsOf(newCaseSchema.safeParse({ ...body, diagnosis: '马蹄\u000b内翻足' }))).toEqual(['diagnosis']);
  expect(newCaseSchema.parse({ ...body, diagnosis: '先天性\n马蹄内翻足' }).diagnosis).toBe('先天性\n马蹄内翻足');
});

test('property: an accepted town is NFKC-normal, has no control or format character, and parses to itself again', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }), (town) => {
      const result = newCaseSchema.safeParse(withTown(town));
      if (!result.success) return;
      const accepted = result.data.applicant.town;
      expect(accepted.normalize('NFKC')).toBe(accepted);
      expect(CONTROL_OR_FORMAT.test(accepted)).toBe(false);
      expect(newCaseSchema.parse(withTown(accepted)).applicant.town).toBe(accepted);
    }),
    { numRuns: 2_000 },
  );
});

test('property: a format character anywhere in a valid town is refused at applicant.town', () => {
  const formatCharacter = fc.constantFrom('\u200b', '\u200c', '\u200d', '\u2060', '\u202e', '\u2066', '\ufeff', '\u00ad', '\u061c');
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 10 }), formatCharacter, fc.nat(), (town, hidden, at) => {
      const clean = `镇${town.replace(/[\p{Cc}\p{Cf}]/gu, '')}`;
      const position = at % (clean.length + 1);
      const hostile = `${clean.slice(0, position)}${hidden}${clean.slice(position)}`;
      expect(pathsOf(newCaseSchema.safeParse(withTown(hostile)))).toContain('applicant.town');
    }),
    { numRuns: 1_000 },
  );
});
