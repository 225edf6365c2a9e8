/**
 * Payloads as the codec server protocol carries them: protobuf JSON, so metadata values and data
 * are base64 strings: what the Temporal Web UI sends to a codec endpoint, and how the CLI writes
 * histories (`temporal workflow show --output json`).
 */
import type { Payload } from '@temporalio/common';

export interface PayloadJson {
  metadata?: Record<string, string>;
  data?: string;
}

export function payloadFromJson({ metadata, data }: PayloadJson): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')])),
    data: Buffer.from(data ?? '', 'base64'),
  };
}

export function payloadToJson({ metadata, data }: Payload): PayloadJson {
  return {
    metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([key, value]) => [key, Buffer.from(value ?? new Uint8Array()).toString('base64')])),
    data: Buffer.from(data ?? new Uint8Array()).toString('base64'),
  };
}
