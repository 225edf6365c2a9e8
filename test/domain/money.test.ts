import fc from 'fast-check';
import { formatAmount, formatBp, formatYuan, parseYuan } from '../../domain/money';

test('fen are formatted as yuan with thousands separators', () => {
  expect(formatYuan(12_000_000)).toBe('¥120,000.00');
  expect(formatAmount(2_639_000)).toBe('26,390.00');
  expect(formatAmount(5)).toBe('0.05');
  expect(formatAmount(0)).toBe('0.00');
});

test('basis points read as percentages', () => {
  expect(formatBp(6500)).toBe('65%');
  expect(formatBp(7250)).toBe('72.5%');
  expect(formatBp(10000)).toBe('100%');
  expect(formatBp(5)).toBe('0.05%');
});

test('yuan typed by a person become fen exactly, without floating point', () => {
  expect(parseYuan('120,000.00')).toBe(12_000_000);
  expect(parseYuan('0.1')).toBe(10);
  expect(parseYuan('1234.56')).toBe(123_456);
  expect(parseYuan('¥ 1,000')).toBe(100_000);
  expect(parseYuan('1.234')).toBeUndefined();
  expect(parseYuan('-1')).toBeUndefined();
  expect(parseYuan('abc')).toBeUndefined();
});

test('formatting and parsing are inverse for every amount', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 10 ** 13 }), (fen) => parseYuan(formatAmount(fen)) === fen));
});
