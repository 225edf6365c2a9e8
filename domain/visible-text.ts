/**
 * Text that people read, search and count by: names, towns, diagnoses. Control characters (Unicode
 * category Cc) and format characters (Cf: U+200B zero-width space, U+202E right-to-left override,
 * U+FEFF …) are invisible or change how the text around them is shown, so two values that look the
 * same would differ (a zero-width space once made a second town in the statistics) and a name could
 * be displayed backwards. Such text is refused rather than cleaned: the sender learns which field
 * was wrong. Line breaks and tabs are allowed only in multi-line text (a diagnosis, a reason, a
 * note), where a clerk may type them.
 */

/** Compatibility forms (full-width letters and digits, ligatures) become their plain characters first. */
export const TEXT_NORMAL_FORM = 'NFKC';

const ANY_CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}]/u;
const CONTROL_OR_FORMAT_BUT_LINES = /(?![\n\t])[\p{Cc}\p{Cf}]/u;

export function invisibleCharacterProblem(value: string, multiline: boolean): string | undefined {
  const found = (multiline ? CONTROL_OR_FORMAT_BUT_LINES : ANY_CONTROL_OR_FORMAT).exec(value);
  if (!found) return undefined;
  const codePoint = `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  const allowed = multiline ? ' other than line breaks and tabs' : '';
  return `must not contain control or invisible formatting characters${allowed} (found ${codePoint})`;
}

/** Windows line ends (a pasted text, a CSV from Excel) count as plain line breaks. */
export function unifyLineBreaks(value: string): string {
  return value.replace(/\r\n?/g, '\n');
}
