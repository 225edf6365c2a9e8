/**
 * Calendar months, `YYYY-MM`, as the district counts them: in Asia/Shanghai. Subsidies are owed
 * and paid by the month, so every rule about "from", "through" and "the month after" is written
 * with these helpers and nothing else.
 *
 * Pure arithmetic on the text (no clock, no time-zone database), so it runs unchanged inside a
 * Temporal workflow. China has kept UTC+8 without daylight saving since 1991, so an instant's
 * Shanghai month is its UTC time plus eight hours.
 */

/** A calendar month, `YYYY-MM`. A plain string, so it travels through JSON and SQL unchanged. */
export type Month = string;
/** A calendar day, `YYYY-MM-DD`. */
export type Day = string;

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DAY_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])-(\d{2})$/;
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

export function isMonth(value: unknown): value is Month {
  return typeof value === 'string' && MONTH_PATTERN.test(value);
}

/** Months since year 0, so that stepping and comparing are integer arithmetic. */
function toIndex(month: Month): number {
  const match = MONTH_PATTERN.exec(month);
  if (!match) throw new RangeError(`not a month (YYYY-MM): ${month}`);
  return Number(match[1]) * 12 + Number(match[2]) - 1;
}

function fromIndex(index: number): Month {
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** The month `count` months after `month` (before it when negative). */
export function addMonths(month: Month, count: number): Month {
  return fromIndex(toIndex(month) + count);
}

export function nextMonth(month: Month): Month {
  return addMonths(month, 1);
}

export function previousMonth(month: Month): Month {
  return addMonths(month, -1);
}

/** Negative, zero or positive as `a` is before, the same as, or after `b`. */
export function compareMonths(a: Month, b: Month): number {
  return toIndex(a) - toIndex(b);
}

/** Every month from `from` through `through`, both included; empty when `through` is earlier. */
export function monthsFromThrough(from: Month, through: Month): Month[] {
  const months: Month[] = [];
  for (let index = toIndex(from); index <= toIndex(through); index += 1) months.push(fromIndex(index));
  return months;
}

/** The month a calendar day (`YYYY-MM-DD`, already a Shanghai day) falls in. */
export function monthOfDay(day: Day): Month {
  const match = DAY_PATTERN.exec(day);
  if (!match) throw new RangeError(`not a day (YYYY-MM-DD): ${day}`);
  return `${match[1]}-${match[2]}`;
}

/** The Shanghai month of an instant (an ISO 8601 date-time with an offset, as events carry). */
export function monthOfInstant(instant: string): Month {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not a date-time: ${instant}`);
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 7);
}

/** The Shanghai calendar day of an instant. */
export function dayOfInstant(instant: string): Day {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not a date-time: ${instant}`);
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}
