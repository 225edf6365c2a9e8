import type { Role } from '../api/types';
import { ROLES } from '@domain/actor';

/** What the console needs to know of the signed-in person; the API verifies the signature, not us. */
export interface Session {
  token: string;
  role: Role;
  sub: string;
  /** The user's name as the server gave it at sign-in (password sign-ins); the subject otherwise. */
  displayName?: string;
  hospitalId: string | null;
  /** Seconds since the epoch, when the token says. */
  exp: number | null;
  /** A password sign-in whose password must be changed before anything else (the `pwc` claim). */
  mustChangePassword?: boolean;
}

export type TokenProblem = 'malformed' | 'role' | 'hospital' | 'expired';

function decodeBase64Url(segment: string): string {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** The claims of a JWT, unverified (the API verifies it), or null when it is not one. */
export function claimsOf(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    return JSON.parse(decodeBase64Url(parts[1]!)) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** Reads a pasted JWT's claims, or says in one word why it cannot be used. */
export function readToken(raw: string, nowSeconds = Date.now() / 1000): Session | TokenProblem {
  const token = raw.trim().replace(/^Bearer\s+/i, '');
  const claims = claimsOf(token);
  if (!claims) return 'malformed';
  const role = claims.role;
  // Every role the API knows signs in to the console (an official to their pairings); a token of none is refused.
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) return 'role';
  const hospitalId = typeof claims.hospitalId === 'string' ? claims.hospitalId : null;
  if (role === 'hospital' && !hospitalId) return 'hospital';
  const exp = typeof claims.exp === 'number' ? claims.exp : null;
  if (exp !== null && exp <= nowSeconds) return 'expired';
  return { token, role: role as Role, sub: typeof claims.sub === 'string' ? claims.sub : '', hospitalId, exp, ...(claims.pwc === true ? { mustChangePassword: true } : {}) };
}
