/**
 * The payload codec's keys: PAYLOAD_KEYS when set (required in production); otherwise, for the
 * embedded stack, a key generated once and kept in DATA_DIR beside the other generated secrets.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { KEY_BYTES, keyringFromEntries, type PayloadKeyring } from '../codec/keyring';
import { ConfigError, type Config } from './config';

const KEYS_FILE = 'payload-keys.json';

/** The file's shape: the same keyring as PAYLOAD_KEYS and PAYLOAD_KEY_ID, as JSON. */
interface PayloadKeysFile {
  currentKeyId: string;
  keys: Record<string, string>;
}

export function payloadKeysPath(dataDir: string): string {
  return path.join(dataDir, KEYS_FILE);
}

function readKeysFile(file: string): PayloadKeyring {
  const { currentKeyId, keys } = JSON.parse(fs.readFileSync(file, 'utf8')) as PayloadKeysFile;
  return keyringFromEntries(Object.entries(keys), currentKeyId);
}

/**
 * Reads the key file, creating it first if it does not exist. The API and the worker may start at
 * the same moment: the file is written under a temporary name and linked into place, so exactly
 * one key wins and both processes read that one.
 */
export function ensureEmbeddedPayloadKeys(dataDir: string): PayloadKeyring {
  const file = payloadKeysPath(dataDir);
  if (!fs.existsSync(file)) {
    // Only its owner may enter DATA_DIR: it keeps the generated secrets.
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const keyId = `embedded-${new Date().toISOString().slice(0, 10)}`;
    const content: PayloadKeysFile = { currentKeyId: keyId, keys: { [keyId]: randomBytes(KEY_BYTES).toString('base64') } };
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(content, null, 2), { mode: 0o600 });
    try {
      fs.linkSync(temporary, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      fs.rmSync(temporary, { force: true });
    }
  }
  try {
    return readKeysFile(file);
  } catch (error) {
    throw new ConfigError('PAYLOAD_KEYS', `not set, and ${file} is not a valid key file: ${(error as Error).message}`);
  }
}

export function payloadKeyring(config: Config): PayloadKeyring {
  return config.payloadKeys ?? ensureEmbeddedPayloadKeys(config.dataDir);
}
