import fc from 'fast-check';
import { matterBodyOf } from './matterBody';

const base = { description: '代买药品', fundedBy: 'PERSONAL', doneOn: '2026-11-20' };
const fenOf = (valueYuan: string) => matterBodyOf({ ...base, valueYuan }).valueFen;

/** Yuan written as a person would, from an independently known number of fen. */
function written(fen: number, style: 'cents' | 'short' | 'grouped'): string {
  const yuan = Math.floor(fen / 100);
  const cents = fen % 100;
  if (style === 'grouped') return `${yuan.toLocaleString('en-US')}.${String(cents).padStart(2, '0')}`;
  if (style === 'short' && cents === 0) return String(yuan);
  if (style === 'short' && cents % 10 === 0) return `${yuan}.${cents / 10}`;
  return `${yuan}.${String(cents).padStart(2, '0')}`;
}

describe('a matter’s value: yuan typed, fen sent', () => {
  it('turns every amount up to ¥1,000,000.00 into exactly its fen, however it is written', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.constantFrom('cents' as const, 'short' as const, 'grouped' as const), (fen, style) => {
        expect(fenOf(written(fen, style))).toBe(fen);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['85.5', 8550],
    ['0.01', 1],
    ['0.1', 10],
    ['1200', 120_000],
    ['1,200.00', 120_000],
    [' 19.99 ', 1999],
    // The float 0.29 * 100 is 28.999999999999996: the conversion never goes through a float.
    ['0.29', 29],
    ['1.005', Number.NaN],
    ['12.345', Number.NaN],
    ['abc', Number.NaN],
    ['', Number.NaN],
    ['-5', Number.NaN],
  ])('%s yuan → %s fen', (typed, expected) => {
    expect(fenOf(typed)).toBe(expected);
  });

  it('refuses a third decimal whatever the amount (no silent rounding)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 9 }), (fen, third) => {
        expect(fenOf(`${written(fen, 'cents')}${third}`)).toBeNaN();
      }),
    );
  });
});
