import fc from 'fast-check';
import { ageOn, birthDateOf, holdsIdNumber, idNumberCheckCharacter, idNumberProblem, maskIdNumber } from '../../domain/id-number';
import { idNumberSchema } from '../../domain/fields';

// GB 11643-1999's own example number.
const STANDARD_EXAMPLE = '11010519491231002X';

test('the standard example is valid and its check character is X', () => {
  expect(idNumberProblem(STANDARD_EXAMPLE)).toBeUndefined();
  expect(idNumberCheckCharacter(STANDARD_EXAMPLE.slice(0, 17))).toBe('X');
  expect(birthDateOf(STANDARD_EXAMPLE)).toEqual({ year: 1949, month: 12, day: 31 });
});

test('a wrong check character, a bad shape or an impossible birth date is refused', () => {
  expect(idNumberProblem('110105194912310021')).toMatch(/check character/);
  expect(idNumberProblem('11010519491231002')).toMatch(/17 digits/);
  expect(idNumberProblem('11010519491231002x')).toMatch(/17 digits/);
  const feb30 = '11010519490230002';
  expect(idNumberProblem(feb30 + idNumberCheckCharacter(feb30))).toMatch(/birth date/);
});

test('the schema upper-cases a trailing x and never echoes the number in its message', () => {
  expect(idNumberSchema.parse('11010519491231002x')).toBe(STANDARD_EXAMPLE);
  const result = idNumberSchema.safeParse('110105194912310021');
  expect(result.success).toBe(false);
  expect(JSON.stringify(result.error?.issues)).not.toContain('110105194912310021');
});

test('age counts whole years, turning on the birthday itself', () => {
  expect(ageOn(STANDARD_EXAMPLE, '1967-12-30')).toBe(17);
  expect(ageOn(STANDARD_EXAMPLE, '1967-12-31')).toBe(18);
  expect(ageOn(STANDARD_EXAMPLE, '2026-11-28')).toBe(76);
});

test('masking keeps the first 6 and last 4 characters', () => {
  expect(maskIdNumber(STANDARD_EXAMPLE)).toBe('110105********002X');
});

test('any 17 digits with a real birth date plus their check character are valid, and changing the check character breaks them', () => {
  fc.assert(
    fc.property(
      fc.stringMatching(/^\d{6}$/),
      fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
      fc.stringMatching(/^\d{3}$/),
      fc.constantFrom(...'0123456789X'),
      (region, birth, order, other) => {
        const day = birth.toISOString().slice(0, 10).replaceAll('-', '');
        const first17 = `${region}${day}${order}`;
        const check = idNumberCheckCharacter(first17);
        expect(idNumberProblem(first17 + check)).toBeUndefined();
        if (other !== check) expect(idNumberProblem(first17 + other)).toMatch(/check character/);
      },
    ),
  );
});

test('holdsIdNumber finds a valid ID number anywhere in a text, and nothing that only looks like one', () => {
  const valid = '11010519491231002X';
  expect(holdsIdNumber(`诊断：${valid}，左足`)).toBe(true);
  expect(holdsIdNumber(`${valid.toLowerCase()}`)).toBe(true);
  expect(holdsIdNumber(`${valid}41`)).toBe(true);
  expect(holdsIdNumber('110105194912310021')).toBe(false); // wrong check character
  expect(holdsIdNumber('电话 13800000000，住院号 ZY-2026-0001')).toBe(false);
  expect(holdsIdNumber('12345678901234567')).toBe(false);
});
