/**
 * Tokens of the district's single sign-on (an OpenID Connect provider): RS256 or ES256, checked
 * against the keys the issuer publishes (its `jwks_uri`, found through the discovery document
 * unless OIDC_JWKS_URL names it). jose's remote key set caches the keys and fetches them again
 * when a token names a key it does not know (a rotation), at most every 30 s. The claims that
 * carry the role and the hospital are configurable (OIDC_CLAIMS), and so are the provider's words
 * for the roles.
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { OidcConfig } from '../../config/config';
import { ROLES, type Role } from '../../domain/actor';
import { TokenError, type Principal } from './tokens';

export const OIDC_ALGORITHMS = ['RS256', 'ES256'];

export type OidcVerifier = (token: string, isKnownHospital: (hospitalId: string) => boolean) => Promise<Principal>;

/** The members of the issuer's discovery document this system uses. */
export interface OidcDiscovery {
  jwks_uri?: unknown;
  authorization_endpoint?: unknown;
  token_endpoint?: unknown;
}

export async function discover(issuer: string): Promise<OidcDiscovery> {
  const discovery = new URL(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  const response = await fetch(discovery, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`${discovery.href} answered ${response.status}`);
  return (await response.json()) as OidcDiscovery;
}

async function jwksUrl(config: OidcConfig): Promise<URL> {
  if (config.jwksUrl) return new URL(config.jwksUrl);
  const { jwks_uri: uri } = await discover(config.issuer);
  if (typeof uri !== 'string') throw new Error(`the discovery document of ${config.issuer} names no jwks_uri`);
  return new URL(uri);
}

function claim(payload: JWTPayload, name: string): unknown {
  // Dotted names reach into objects ("realm_access.roles"), as several providers nest them.
  return name.split('.').reduce<unknown>((value, part) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined), payload);
}

/** The first of the claim's values (a string or a list of them) that names one of our roles. */
function roleOf(value: unknown, roleValues: Record<string, Role>): Role | undefined {
  const candidates = Array.isArray(value) ? value : [value];
  for (const candidate of candidates) {
    if (typeof candidate !== 'string') continue;
    const mapped = roleValues[candidate] ?? (ROLES as readonly string[]).find((role) => role === candidate);
    if (mapped) return mapped as Role;
  }
  return undefined;
}

export function createOidcVerifier(config: OidcConfig): OidcVerifier {
  let keySet: Promise<ReturnType<typeof createRemoteJWKSet>> | undefined;
  const keys = () => {
    keySet ??= jwksUrl(config).then((url) => createRemoteJWKSet(url, { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 }));
    // A discovery that failed (the provider down at start) is tried again with the next token.
    keySet.catch(() => (keySet = undefined));
    return keySet;
  };

  return async (token, isKnownHospital) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, await keys(), { issuer: config.issuer, audience: config.audience, algorithms: OIDC_ALGORITHMS, requiredClaims: ['exp', 'sub'] }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw new TokenError('the token has expired');
      if (error instanceof errors.JWTClaimValidationFailed) throw new TokenError(`the token claims are not valid: ${error.message}`);
      if (error instanceof errors.JOSEError) throw new TokenError('the token is not signed by the single sign-on provider');
      throw new TokenError(`the single sign-on provider's keys cannot be read: ${(error as Error).message}`);
    }
    const role = roleOf(claim(payload, config.claims.role), config.claims.roleValues);
    if (!role) throw new TokenError(`the token's ${config.claims.role} claim names no role of this system`);
    const hospitalId = claim(payload, config.claims.hospitalId);
    if (role === 'hospital' && (typeof hospitalId !== 'string' || !isKnownHospital(hospitalId))) {
      throw new TokenError(`a hospital token's ${config.claims.hospitalId} claim must name a hospital of the registry`);
    }
    const sub = payload.sub!;
    if (sub.length > 128) throw new TokenError('the token subject is too long');
    return { sub, role, hospitalId: role === 'hospital' ? (hospitalId as string) : null };
  };
}
