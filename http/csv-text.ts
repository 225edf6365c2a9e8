/**
 * The text of a CSV upload as it arrives, in slices small enough that decoding and parsing one
 * never holds the event loop for more than a moment, with a turn of the event loop every few
 * milliseconds.
 * UTF-8 unless the request declares GB18030 (or GBK, GB2312: what Excel on a Chinese Windows
 * saves); undeclared, the first bytes that are not ASCII decide: not UTF-8 means GB18030. The bytes
 * before them are ASCII, the same in both, so nothing is decoded twice. Reading stops at the first
 * byte over `maxBytes`.
 */
import { isAscii } from 'node:buffer';
import { TextDecoder } from 'node:util';
import type { Readable } from 'node:stream';
import { EventLoopTurns } from './event-loop-turns';
import { problems } from './problems';

type Charset = 'utf-8' | 'gb18030';

/**
 * Bytes decoded and parsed at once, without a turn between: csv-parse takes under a millisecond for
 * 8 KiB of short rows in optimized code, and several before it is optimized.
 */
const SLICE_BYTES = 8 * 1024;

const CHARSETS: Record<string, Charset> = { 'utf-8': 'utf-8', utf8: 'utf-8', gb18030: 'gb18030', gbk: 'gb18030', gb2312: 'gb18030' };

const unreadable = (message: string) => problems.validation([{ path: '', message }], 'the CSV cannot be read');

export function declaredCharset(contentType: string | undefined): Charset | undefined {
  const declared = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (declared === undefined) return undefined;
  const charset = CHARSETS[declared];
  if (!charset) throw unreadable(`charset "${declared.slice(0, 32)}" is not supported; send UTF-8 or GB18030`);
  return charset;
}

export function tooLarge(maxBytes: number) {
  return problems.validation([{ path: '', message: `the roster is larger than ${maxBytes / (1024 * 1024)} MiB` }], 'the roster is too large');
}

function decoderFor(slice: Buffer, declared: Charset | undefined): TextDecoder {
  if (declared) return new TextDecoder(declared, { fatal: true });
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(slice, { stream: true });
    return new TextDecoder('utf-8', { fatal: true });
  } catch {
    return new TextDecoder('gb18030', { fatal: true });
  }
}

function decode(decoder: TextDecoder, slice?: Buffer): string {
  try {
    return slice ? decoder.decode(slice, { stream: true }) : decoder.decode();
  } catch {
    throw unreadable(`the CSV is not ${decoder.encoding === 'utf-8' ? 'UTF-8' : 'GB18030'} text; save it as UTF-8, or declare "Content-Type: text/csv; charset=gb18030"`);
  }
}

export async function* csvTextSlices(body: Readable, contentType: string | undefined, maxBytes: number): AsyncGenerator<string> {
  const declared = declaredCharset(contentType);
  let decoder: TextDecoder | undefined;
  let received = 0;
  const turns = new EventLoopTurns();
  // Not destroyed when reading stops early: the refusal is still to be sent on its socket.
  for await (const chunk of body.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    received += bytes.length;
    if (received > maxBytes) throw tooLarge(maxBytes);
    for (let start = 0; start < bytes.length; start += SLICE_BYTES) {
      const slice = bytes.subarray(start, start + SLICE_BYTES);
      if (!decoder && !isAscii(slice)) decoder = decoderFor(slice, declared);
      // The consumer parses each slice before asking for the next, so this measures the parsing too.
      yield decoder ? decode(decoder, slice) : slice.toString('latin1');
      if (turns.due) await turns.take();
    }
  }
  const rest = decoder ? decode(decoder) : '';
  if (rest) yield rest;
}
