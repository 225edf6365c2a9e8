/**
 * Seals single values for storage in PostgreSQL (an ID number, a bank account), with the keys of
 * the payload codec (config/payload-keys.ts): AES-256-GCM under a key derived from the current
 * key, the key id written in the sealed text, so that after a rotation the old keys still open
 * the rows sealed before it.
 *
 * Sealed text: `s1.<keyId>.<base64url(IV ‖ ciphertext ‖ tag)>`. The AAD is the key id and the
 * purpose (what the value is): a sealed ID number copied into a bank account column fails to open.
 *
 * A blind index (HMAC-SHA256 under a key of its own, derived from the keyring's index key) gives
 * equal values equal text without revealing them: the unique constraints and the lookup by ID
 * number work on it. Its key does not rotate with the current key; see docs/privacy.md.
 *
 * Keys are derived with HKDF, never used raw: the payload codec's key and these never encrypt
 * under the same bytes, and each purpose has its own.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { PayloadKeyring } from './keyring';

/** What a sealed value is; part of the AAD and of the blind index's input. */
export type FieldPurpose = 'id-number' | 'bank-account' | 'fingerprint';

export const SEALED_PREFIX = 's1';
const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SEAL_INFO = 'assistance-cases/sealed-field/v1';
const INDEX_INFO = 'assistance-cases/blind-index/v1';

export class SealedFieldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedFieldError';
  }
}

function derive(key: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), info, 32));
}

export class FieldSealer {
  private readonly sealKeys = new Map<string, Buffer>();
  private readonly indexKey: Buffer;
  readonly currentKeyId: string;
  /** The key the blind index is derived from: the keyring's first key unless named. */
  readonly indexKeyId: string;

  constructor(keyring: PayloadKeyring, indexKeyId?: string) {
    for (const [id, key] of keyring.keys) this.sealKeys.set(id, derive(key, SEAL_INFO));
    this.currentKeyId = keyring.currentKeyId;
    this.indexKeyId = indexKeyId ?? [...keyring.keys.keys()][0]!;
    const indexMaster = keyring.keys.get(this.indexKeyId);
    if (!indexMaster) throw new SealedFieldError(`the blind index key "${this.indexKeyId}" is not among the configured keys`);
    this.indexKey = derive(indexMaster, INDEX_INFO);
  }

  seal(purpose: FieldPurpose, clear: string): string {
    const keyId = this.currentKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(CIPHER, this.sealKeys.get(keyId)!, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(`${keyId}|${purpose}`));
    const data = Buffer.concat([iv, cipher.update(clear, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${SEALED_PREFIX}.${keyId}.${data.toString('base64url')}`;
  }

  open(purpose: FieldPurpose, sealed: string): string {
    const [prefix, keyId, body, ...rest] = sealed.split('.');
    if (prefix !== SEALED_PREFIX || keyId === undefined || body === undefined || rest.length > 0) throw new SealedFieldError(`a ${purpose} column holds text that is not sealed`);
    const key = this.sealKeys.get(keyId);
    if (!key) throw new SealedFieldError(`a ${purpose} was sealed with key "${keyId}", which is not among the configured keys; keep old keys after a rotation`);
    const data = Buffer.from(body, 'base64url');
    if (data.length < IV_BYTES + TAG_BYTES) throw new SealedFieldError(`a sealed ${purpose} under key "${keyId}" is too short`);
    const decipher = createDecipheriv(CIPHER, key, data.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(`${keyId}|${purpose}`));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new SealedFieldError(`a sealed ${purpose} under key "${keyId}" failed authentication: altered, moved from another column, or the key under that id has changed`);
    }
  }

  /** Equal values of one purpose give equal text; nothing about the value can be read from it. */
  blindIndex(purpose: FieldPurpose, clear: string): string {
    return createHmac('sha256', this.indexKey).update(`${purpose}\u0000${clear}`).digest('base64url');
  }
}

export function isSealed(text: string): boolean {
  return text.startsWith(`${SEALED_PREFIX}.`);
}
