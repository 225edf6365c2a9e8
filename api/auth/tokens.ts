/**
 * HS256 bearer tokens: what `npm run token` signs and what the API verifies. The claims are
 * `sub`, `role`, `hospitalId` (hospital role only) and `exp`.
 */
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';

export const ROLES = ['officer', 'hospital', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  sub: string;
  role: Role;
  /** Set for the hospital role only: the one hospital whose cases it may see and act on. */
  hospitalId: string | null;
}

const claimsSchema = z
  .object({
    sub: z.string().min(1).max(128),
    role: z.enum(ROLES),
    hospitalId: z.string().min(1).max(64).optional(),
    exp: z.number(),
  })
  .refine((claims) => claims.role !== 'hospital' || claims.hospitalId !== undefined, { message: 'a hospital token needs hospitalId' });

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export interface TokenRequest {
  role: Role;
  sub: string;
  hospitalId?: string | undefined;
  ttlSeconds: number;
}

export async function signToken(secret: string, request: TokenRequest, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  if (request.role === 'hospital' && !request.hospitalId) throw new Error('a hospital token needs a hospitalId');
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = new Date((issuedAt + request.ttlSeconds) * 1000);
  const claims: Record<string, string> = { role: request.role };
  if (request.role === 'hospital' && request.hospitalId) claims.hospitalId = request.hospitalId;
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.sub)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + request.ttlSeconds)
    .sign(key(secret));
  return { token, expiresAt };
}

/** Why a token was refused, in words safe to show to its bearer. */
export class TokenError extends Error {}

export async function verifyToken(secret: string, token: string): Promise<Principal> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, key(secret), { algorithms: ['HS256'], requiredClaims: ['exp', 'sub'] }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new TokenError('the token has expired');
    if (error instanceof errors.JWSSignatureVerificationFailed) throw new TokenError('the token signature is not valid');
    throw new TokenError('the token is malformed or not signed with HS256');
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw new TokenError(`the token claims are not valid: ${claims.error.issues[0]?.message ?? 'unknown'}`);
  const { sub, role, hospitalId } = claims.data;
  return { sub, role, hospitalId: role === 'hospital' ? hospitalId! : null };
}
