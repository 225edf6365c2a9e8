/**
 * The `cursor` of a keyset-paged list: the sort key of the page's last row, handed to the client
 * as opaque text and read back for the next page. Every list pages on two text columns, so a
 * cursor is a pair; each list checks the pair's values itself.
 */
export type CursorPair = readonly [string, string];

export function encodePageCursor(pair: CursorPair): string {
  return Buffer.from(JSON.stringify(pair)).toString('base64url');
}

/** Undefined when the text is not a pair of strings this API could have handed out. */
export function decodePageCursor(text: string): CursorPair | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [first, second] = value as unknown[];
    if (typeof first !== 'string' || typeof second !== 'string') return undefined;
    return [first, second];
  } catch {
    return undefined;
  }
}
