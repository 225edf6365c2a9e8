/**
 * Resident identity numbers (居民身份证号码, GB 11643-1999): 17 digits and an ISO 7064 MOD 11-2
 * check character (0-9 or X). Digits 7-14 are the birth date, YYYYMMDD.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

export function idNumberCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

export interface BirthDate {
  year: number;
  month: number;
  day: number;
}

export function birthDateOf(idNumber: string): BirthDate | undefined {
  const year = Number(idNumber.slice(6, 10));
  const month = Number(idNumber.slice(10, 12));
  const day = Number(idNumber.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return real && year >= 1900 ? { year, month, day } : undefined;
}

/** Why an ID number is invalid, or undefined when it is valid. Never echoes the number. */
export function idNumberProblem(idNumber: string): string | undefined {
  if (!/^\d{17}[\dX]$/.test(idNumber)) return 'must be 17 digits followed by a digit or X';
  if (birthDateOf(idNumber) === undefined) return 'contains an impossible birth date';
  if (idNumberCheckCharacter(idNumber) !== idNumber[17]) return 'has a wrong check character';
  return undefined;
}

/** Whole years of age on a calendar day given as YYYY-MM-DD. */
export function ageOn(idNumber: string, isoDay: string): number {
  const birth = birthDateOf(idNumber);
  if (!birth) throw new Error('invalid ID number');
  const [year, month, day] = isoDay.slice(0, 10).split('-').map(Number) as [number, number, number];
  const hadBirthday = month > birth.month || (month === birth.month && day >= birth.day);
  return year - birth.year - (hadBirthday ? 0 : 1);
}

/** Keeps the first 6 (region) and last 4 characters: 620602********123X. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length !== 18) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 6)}${'*'.repeat(8)}${idNumber.slice(14)}`;
}

/** True when an id a client chose (a case id, a person id) is itself a valid ID number: it would leak through URLs and logs. */
export function isIdNumber(text: string): boolean {
  return /^\d{17}[\dXx]$/.test(text) && idNumberProblem(text.toUpperCase()) === undefined;
}

const ID_NUMBER_LIKE = /\d{17}[\dXx]/g;

/** Whether a text holds a valid resident ID number anywhere in it (a free-text field must not). */
export function holdsIdNumber(text: string): boolean {
  for (let start = 0; start + 18 <= text.length; start++) {
    const candidate = text.slice(start, start + 18);
    if (/^\d{17}[\dXx]$/.test(candidate) && idNumberProblem(candidate.toUpperCase()) === undefined) return true;
  }
  return false;
}

/** Masks every 18-character run in a text that looks like a resident ID number (for logs). */
export function scrubIdNumbers(text: string): string {
  return text.replace(ID_NUMBER_LIKE, (match) => maskIdNumber(match));
}
