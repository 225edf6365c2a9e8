/**
 * Passwords: argon2id hashes (a memory-hard function, @node-rs/argon2's defaults: 19 MiB, t=2,
 * the OWASP recommendation), the rules a new password must follow, and one-time passwords.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id of @node-rs/argon2: a const enum, which isolated modules cannot import.
const ARGON2ID = 2;

export const MIN_PASSWORD_LENGTH = 12;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

let dummyHash: Promise<string> | undefined;

/** Computes the dummy hash ahead, so that not even the first unknown user name takes longer. */
export function prepareDummyHash(): void {
  dummyHash ??= hashPassword(randomBytes(16).toString('base64url'));
}

/**
 * Checks a password against a hash; with no hash (an unknown user name) against a dummy one, so
 * that the answer takes as long as for a known user with a wrong password.
 */
export async function verifyPassword(passwordHash: string | undefined, password: string): Promise<boolean> {
  prepareDummyHash();
  const against = passwordHash ?? (await dummyHash!);
  let matches: boolean;
  try {
    matches = await verify(against, password);
  } catch {
    matches = false;
  }
  return passwordHash !== undefined && matches;
}

/** Why a new password is refused, or undefined when it may be used. */
export function passwordRuleBroken(password: string, username: string): string | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `must have at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) return 'must not be the user name';
  return undefined;
}

/** A password to hand over once (the user changes it at the first sign-in): 16 readable characters. */
export function oneTimePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  return Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]).join('');
}
