/**
 * The AES-256 keys that protect payloads in Temporal, by id. New payloads use the current key;
 * the others stay so that payloads written before a rotation still decrypt.
 */
export interface PayloadKeyring {
  currentKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

export const KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** What is wrong with a keyring: `keys` (the list) or `currentKeyId` (the choice of current key). */
export class KeyringError extends Error {
  constructor(
    readonly about: 'keys' | 'currentKeyId',
    message: string,
  ) {
    super(message);
    this.name = 'KeyringError';
  }
}

/** A keyring from `[id, base64key]` entries; throws a KeyringError saying what is wrong (never with the key). */
export function keyringFromEntries(entries: ReadonlyArray<readonly [id: string, base64Key: string]>, currentKeyId: string | undefined): PayloadKeyring {
  if (entries.length === 0) throw new KeyringError('keys', 'must hold at least one key as id:base64key');
  const keys = new Map<string, Buffer>();
  for (const [id, base64Key] of entries) {
    if (!KEY_ID.test(id)) throw new KeyringError('keys', `key id "${id}" must be 1–64 letters, digits, ".", "_" or "-"`);
    if (keys.has(id)) throw new KeyringError('keys', `key id "${id}" appears twice`);
    const key = BASE64.test(base64Key) ? Buffer.from(base64Key, 'base64') : Buffer.alloc(0);
    if (key.length !== KEY_BYTES) throw new KeyringError('keys', `key "${id}" must be ${KEY_BYTES} bytes in base64 (openssl rand -base64 32)`);
    keys.set(id, key);
  }
  if (currentKeyId === undefined) {
    if (keys.size > 1) throw new KeyringError('currentKeyId', 'must name the current key when there are several');
    return { currentKeyId: [...keys.keys()][0]!, keys };
  }
  if (!keys.has(currentKeyId)) throw new KeyringError('currentKeyId', `names "${currentKeyId}", which is not one of the keys (${[...keys.keys()].join(', ')})`);
  return { currentKeyId, keys };
}

/** Parses `id:base64key,id:base64key…` (the PAYLOAD_KEYS format). */
export function parseKeyList(text: string, currentKeyId: string | undefined): PayloadKeyring {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry) => {
      const colon = entry.indexOf(':');
      if (colon <= 0) throw new KeyringError('keys', 'expected id:base64key entries separated by commas');
      return [entry.slice(0, colon), entry.slice(colon + 1)] as const;
    });
  return keyringFromEntries(entries, currentKeyId);
}
