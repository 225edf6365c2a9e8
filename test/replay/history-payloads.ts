/**
 * Runs a codec over every payload of a history in the CLI's JSON form (`temporal workflow show
 * --output json`): the recorder decodes what it saves, so recorded histories never depend on the
 * key of the run that recorded them. Payloads that are not encrypted (the markers' own data, for
 * instance) pass through the decode unchanged.
 */
import type { PayloadCodec } from '@temporalio/common';
import { payloadFromJson, payloadToJson, type PayloadJson } from '../../codec/payload-json';

type Json = unknown;

function isPayloadJson(value: Record<string, unknown>): value is PayloadJson & Record<string, unknown> {
  const metadata = value.metadata as Record<string, unknown> | undefined;
  return typeof metadata === 'object' && metadata !== null && typeof metadata.encoding === 'string';
}

export async function mapHistoryPayloads(value: Json, direction: 'decode', codec: PayloadCodec): Promise<Json> {
  if (Array.isArray(value)) return Promise.all(value.map((item) => mapHistoryPayloads(item, direction, codec)));
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  if (isPayloadJson(object)) {
    const [converted] = await codec[direction]([payloadFromJson(object)]);
    return payloadToJson(converted!);
  }
  const entries = await Promise.all(
    // Search attributes are never encoded (the server indexes them).
    Object.entries(object).map(async ([key, member]) => [key, key === 'searchAttributes' ? member : await mapHistoryPayloads(member, direction, codec)] as const),
  );
  return Object.fromEntries(entries);
}

/** The text of every payload's data in a history (proto3 JSON: base64), as anyone reading it would see it. */
export function payloadTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(payloadTexts);
  if (value === null || typeof value !== 'object') return [];
  const object = value as Record<string, unknown>;
  if (typeof object.metadata === 'object' && typeof object.data === 'string') return [Buffer.from(object.data, 'base64').toString('utf8')];
  return Object.values(object).flatMap(payloadTexts);
}
