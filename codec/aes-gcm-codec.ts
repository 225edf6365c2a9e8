/**
 * Encrypts every payload the project hands to Temporal (workflow inputs, Update results, activity
 * arguments…) with AES-256-GCM, so that ID numbers are not readable in Temporal's history, its
 * database or its Web UI. Codecs run outside the workflow sandbox: Node's crypto is fine here.
 *
 * An encrypted payload: metadata `encoding: binary/encrypted` and `encryption-key-id: <id>`, data
 * = IV (12 random bytes, fresh for each payload) ‖ ciphertext of the original payload (protobuf)
 * ‖ GCM tag. The key id is also authenticated (AAD), so relabelling a payload fails like tampering.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, ValueError, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { PayloadKeyring } from './keyring';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA_KEY = 'encryption-key-id';
const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

export class AesGcmPayloadCodec implements PayloadCodec {
  constructor(private readonly keyring: PayloadKeyring) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decrypt(payload));
  }

  private encrypt(payload: Payload): Payload {
    const keyId = this.keyring.currentKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(CIPHER, this.keyring.keys.get(keyId)!, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(utf8.encode(keyId));
    const plaintext = temporal.api.common.v1.Payload.encode(payload).finish();
    const data = Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: { [METADATA_ENCODING_KEY]: utf8.encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA_KEY]: utf8.encode(keyId) },
      data,
    };
  }

  private decrypt(payload: Payload): Payload {
    const encoding = payload.metadata?.[METADATA_ENCODING_KEY];
    // Histories recorded before payloads were encrypted (and payloads of other encodings) pass through.
    if (!encoding || fromUtf8.decode(encoding) !== ENCRYPTED_ENCODING) return payload;
    const keyIdBytes = payload.metadata?.[KEY_ID_METADATA_KEY];
    if (!keyIdBytes) throw new ValueError(`an encrypted payload has no ${KEY_ID_METADATA_KEY} metadata`);
    const keyId = fromUtf8.decode(keyIdBytes);
    const key = this.keyring.keys.get(keyId);
    if (!key) {
      throw new ValueError(`payload encrypted with key "${keyId}", which is not among the configured keys (${[...this.keyring.keys.keys()].join(', ')}); keep old keys in PAYLOAD_KEYS after a rotation`);
    }
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES) throw new ValueError(`encrypted payload under key "${keyId}" is too short`);
    const decipher = createDecipheriv(CIPHER, key, data.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(keyIdBytes);
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plaintext: Buffer;
    try {
      plaintext = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new ValueError(`encrypted payload under key "${keyId}" failed authentication: altered, or the key under that id has changed`);
    }
    return temporal.api.common.v1.Payload.decode(plaintext);
  }
}
