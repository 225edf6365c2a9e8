import fc from 'fast-check';
import { addMonths, compareMonths, dayOfInstant, isMonth, monthOfDay, monthOfInstant, monthsFromThrough, nextMonth, previousMonth } from '../../../programs/subsidy/domain/month';

describe('months', () => {
  it('steps across the end of a year', () => {
    expect(nextMonth('2025-12')).toBe('2026-01');
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(addMonths('2026-03', 14)).toBe('2027-05');
    expect(addMonths('2026-03', -15)).toBe('2024-12');
  });

  it('lists the months from one through another, both included', () => {
    expect(monthsFromThrough('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsFromThrough('2026-05', '2026-05')).toEqual(['2026-05']);
    expect(monthsFromThrough('2026-05', '2026-04')).toEqual([]);
  });

  it('tells a month from other text', () => {
    expect(isMonth('2026-07')).toBe(true);
    expect(isMonth('2026-7')).toBe(false);
    expect(isMonth('2026-00')).toBe(false);
    expect(isMonth('2026-13')).toBe(false);
    expect(isMonth(202607)).toBe(false);
  });

  it('takes the Shanghai month of an instant, eight hours ahead of UTC', () => {
    expect(monthOfInstant('2026-06-30T15:59:59Z')).toBe('2026-06');
    expect(monthOfInstant('2026-06-30T16:00:00Z')).toBe('2026-07');
    expect(monthOfInstant('2026-07-01T00:30:00+08:00')).toBe('2026-07');
    expect(dayOfInstant('2026-12-31T16:00:00Z')).toBe('2027-01-01');
    expect(monthOfDay('2026-06-17')).toBe('2026-06');
  });

  it('compares as the calendar does, and stepping there and back is the identity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: -500, max: 500 }), (year, m, step) => {
        const month = `${year}-${String(m).padStart(2, '0')}`;
        const stepped = addMonths(month, step);
        expect(isMonth(stepped)).toBe(true);
        expect(addMonths(stepped, -step)).toBe(month);
        expect(Math.sign(compareMonths(stepped, month))).toBe(Math.sign(step));
        // Independently: the calendar's own month arithmetic.
        const expected = new Date(Date.UTC(year, m - 1 + step, 1)).toISOString().slice(0, 7);
        expect(stepped).toBe(expected);
      }),
    );
  });
});
