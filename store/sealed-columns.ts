/**
 * The sealer the store's owner modules use for the columns that hold personal data (see
 * codec/sealed-field.ts and docs/privacy.md). One per process: the keys are the payload codec's
 * (PAYLOAD_KEYS, or the embedded stack's key file in DATA_DIR), read from the configuration on
 * first use, so that the store functions keep their signatures and their callers see clear values.
 */
import { FieldSealer, type FieldPurpose } from '../codec/sealed-field';
import type { PayloadKeyring } from '../codec/keyring';
import { loadConfig } from '../config/config';
import { ConfigError } from '../config/config-error';
import { payloadKeyring } from '../config/payload-keys';

let configured: FieldSealer | undefined;

/** Sets the keys (a process that already holds its keyring, a test of rotation); undefined: from the configuration again. */
export function useFieldKeys(keyring: PayloadKeyring | undefined, indexKeyId?: string): void {
  configured = keyring ? new FieldSealer(keyring, indexKeyId) : undefined;
}

export function fieldSealer(): FieldSealer {
  if (!configured) {
    const config = loadConfig();
    const keyring = payloadKeyring(config);
    if (config.blindIndexKeyId !== undefined && !keyring.keys.has(config.blindIndexKeyId)) {
      throw new ConfigError('BLIND_INDEX_KEY_ID', `names "${config.blindIndexKeyId}", which is not one of the payload keys (${[...keyring.keys.keys()].join(', ')})`);
    }
    configured = new FieldSealer(keyring, config.blindIndexKeyId);
  }
  return configured;
}

export function seal(purpose: FieldPurpose, clear: string): string {
  return fieldSealer().seal(purpose, clear);
}

export function open(purpose: FieldPurpose, sealed: string): string {
  return fieldSealer().open(purpose, sealed);
}

export function blindIndex(purpose: FieldPurpose, clear: string): string {
  return fieldSealer().blindIndex(purpose, clear);
}

/** A JSON document sealed whole (a bank account): stored as sealed text, given back as data. */
export function sealJson(purpose: FieldPurpose, value: unknown): string {
  return seal(purpose, JSON.stringify(value));
}

export function openJson<T>(purpose: FieldPurpose, sealed: string): T {
  return JSON.parse(open(purpose, sealed)) as T;
}
