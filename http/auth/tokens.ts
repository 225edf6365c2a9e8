/**
 * HS256 bearer tokens: what `npm run token` and the sign-in sign and what the API verifies. The
 * claims are `sub`, `role`, `hospitalId` (hospital role only), `town` (a town clerk's account only),
 * `iat` and `exp`; a sign-in's token
 * also has a `jti` (so it can be revoked) and `pwc: true` while the password must be changed.
 */
import { webcrypto } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { ROLES, type Role } from '../../domain/actor';

export interface Principal {
  sub: string;
  role: Role;
  /** Set for the hospital role only: the one hospital whose cases it may see and act on. */
  hospitalId: string | null;
  /**
   * Set for a town clerk (an account with a town): the one town whose cases, enrolments and
   * persons it may see and act on. Absent: no town limit.
   */
  town?: string;
  /** Set for a token of a signed-in account (it has a jti); absent for `npm run token`'s. */
  account?: AccountToken;
}

export interface AccountToken {
  jti: string;
  issuedAt: Date;
  expiresAt: Date;
  /** The password must be changed before anything else (`pwc` claim). */
  mustChangePassword: boolean;
}

const claimsSchema = z
  .object({
    sub: z.string().min(1).max(128),
    role: z.enum(ROLES),
    hospitalId: z.string().min(1).max(64).optional(),
    town: z.string().min(1).max(64).optional(),
    exp: z.number(),
    iat: z.number(),
    jti: z.string().min(1).max(64).optional(),
    pwc: z.literal(true).optional(),
  })
  .refine((claims) => claims.role !== 'hospital' || claims.hospitalId !== undefined, { message: 'a hospital token needs hospitalId' });

/**
 * The secret as a WebCrypto key, imported once per secret: given raw bytes, jose imports a key on
 * every call, which doubles a verification's CPU (≈ 100 against 50 µs here) and puts the import
 * on the path of every request.
 */
const keys = new Map<string, Promise<webcrypto.CryptoKey>>();

function key(secret: string): Promise<webcrypto.CryptoKey> {
  let imported = keys.get(secret);
  if (!imported) {
    imported = webcrypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    keys.set(secret, imported);
  }
  return imported;
}

export interface TokenRequest {
  role: Role;
  sub: string;
  hospitalId?: string | undefined;
  /** A town clerk's town: the token reaches that town's items only. */
  town?: string | undefined;
  ttlSeconds: number;
  /** For an account's sign-in: the token's id, and whether it may only change the password. */
  jti?: string;
  mustChangePassword?: boolean;
}

/** No token lives longer: a leaked one stops working within this time. */
export const MAX_TOKEN_TTL_SECONDS = 30 * 24 * 3600;
/** A sign-in's token lives at most this long: the working day of one clerk. */
export const MAX_ACCOUNT_TOKEN_TTL_SECONDS = 8 * 3600;
/** Clocks of the signer and the API may differ by this much. */
const CLOCK_SKEW_SECONDS = 60;

export async function signToken(secret: string, request: TokenRequest, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  if (request.role === 'hospital' && !request.hospitalId) throw new Error('a hospital token needs a hospitalId');
  if (request.ttlSeconds > MAX_TOKEN_TTL_SECONDS) throw new Error(`a token lives at most ${MAX_TOKEN_TTL_SECONDS / 86_400} days`);
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = new Date((issuedAt + request.ttlSeconds) * 1000);
  const claims: Record<string, string | boolean> = { role: request.role };
  if (request.role === 'hospital' && request.hospitalId) claims.hospitalId = request.hospitalId;
  // A hospital is limited by its hospital; its account's town is where it is, not a limit.
  if (request.town && request.role !== 'hospital') claims.town = request.town;
  if (request.mustChangePassword) claims.pwc = true;
  const jwt = new SignJWT(claims);
  if (request.jti) jwt.setJti(request.jti);
  const token = await jwt
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.sub)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + request.ttlSeconds)
    .sign(await key(secret));
  return { token, expiresAt };
}

/** Why a token was refused, in words safe to show to its bearer. */
export class TokenError extends Error {}

export interface VerifyOptions {
  /** Whether a hospital id is in the registry: a token for an unknown hospital is refused. */
  isKnownHospital?: (hospitalId: string) => boolean;
  now?: Date;
}

export async function verifyToken(secret: string, token: string, { isKnownHospital, now = new Date() }: VerifyOptions = {}): Promise<Principal> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, await key(secret), { algorithms: ['HS256'], requiredClaims: ['exp', 'sub', 'iat'], currentDate: now }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new TokenError('the token has expired');
    if (error instanceof errors.JWSSignatureVerificationFailed) throw new TokenError('the token signature is not valid');
    if (error instanceof errors.JWTClaimValidationFailed) throw new TokenError(`the token claims are not valid: ${error.message}`);
    throw new TokenError('the token is malformed or not signed with HS256');
  }
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw new TokenError(`the token claims are not valid: ${claims.error.issues[0]?.message ?? 'unknown'}`);
  const { sub, role, hospitalId, town, exp, iat, jti, pwc } = claims.data;
  const nowSeconds = Math.floor(now.getTime() / 1000);
  // Both bounds: a token minted long-lived before this rule does not become valid in its last days.
  if (exp > nowSeconds + MAX_TOKEN_TTL_SECONDS + CLOCK_SKEW_SECONDS || exp - iat > MAX_TOKEN_TTL_SECONDS) {
    throw new TokenError(`the token lives more than ${MAX_TOKEN_TTL_SECONDS / 86_400} days`);
  }
  if (iat > nowSeconds + CLOCK_SKEW_SECONDS) throw new TokenError('the token was issued in the future');
  if (role === 'hospital' && isKnownHospital && !isKnownHospital(hospitalId!)) throw new TokenError(`the token's hospital ${hospitalId} is not in the registry`);
  if (jti !== undefined && exp - iat > MAX_ACCOUNT_TOKEN_TTL_SECONDS) throw new TokenError(`a sign-in's token lives at most ${MAX_ACCOUNT_TOKEN_TTL_SECONDS / 3600} hours`);
  const principal: Principal = { sub, role, hospitalId: role === 'hospital' ? hospitalId! : null };
  if (town !== undefined && role !== 'hospital') principal.town = town;
  if (jti !== undefined) principal.account = { jti, issuedAt: new Date(iat * 1000), expiresAt: new Date(exp * 1000), mustChangePassword: pwc === true };
  return principal;
}
