/**
 * The data converter of every Temporal client and worker of the project (worker, API, tests,
 * bench, replay): the SDK's default payload converter, then the AES-256-GCM codec. A client and a
 * worker that did not share it would not read each other's payloads, hence this one place.
 */
import type { DataConverter, PayloadCodec } from '@temporalio/common';
import type { Config } from '../config/config';
import { payloadKeyring } from '../config/payload-keys';
import { AesGcmPayloadCodec } from './aes-gcm-codec';

export function casePayloadCodec(config: Config): PayloadCodec {
  return new AesGcmPayloadCodec(payloadKeyring(config));
}

export function caseDataConverter(codec: PayloadCodec): DataConverter {
  return { payloadCodecs: [codec] };
}

export function dataConverterFor(config: Config): DataConverter {
  return caseDataConverter(casePayloadCodec(config));
}
