/**
 * 单点登录: the authorization-code flow with PKCE against the district's OpenID Connect provider
 * (the console is a public client: no secret). The provider's access token becomes the session's
 * bearer token; the API verifies it and says which role it maps to (GET /v1/auth/me).
 */
import type { SignInMethods } from '../api/types';

const PENDING_KEY = 'console.sso';
export const SSO_CALLBACK_PATH = '/sso/callback';

type Sso = NonNullable<SignInMethods['sso']>;

interface Pending {
  state: string;
  verifier: string;
  tokenEndpoint: string;
  clientId: string;
  redirectUri: string;
}

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

/** Sends the browser to the provider; it comes back to SSO_CALLBACK_PATH. */
export async function startSso(sso: Sso, navigate: (url: string) => void = (url) => window.location.assign(url)): Promise<void> {
  const pending: Pending = { state: randomString(), verifier: randomString(), tokenEndpoint: sso.tokenEndpoint, clientId: sso.clientId, redirectUri: `${window.location.origin}${SSO_CALLBACK_PATH}` };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(pending.verifier))));
  const url = new URL(sso.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: sso.clientId,
    redirect_uri: pending.redirectUri,
    scope: sso.scope,
    state: pending.state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  navigate(url.toString());
}

export class SsoError extends Error {}

/** On the way back: checks the state, trades the code for the provider's access token. */
export async function finishSso(search: string): Promise<string> {
  const params = new URLSearchParams(search);
  const saved = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  const pending = saved ? (JSON.parse(saved) as Pending) : null;
  if (params.get('error')) throw new SsoError(params.get('error_description') ?? params.get('error')!);
  const code = params.get('code');
  // A state that is not ours: the answer was not asked for by this tab (or was replayed).
  if (!pending || !code || params.get('state') !== pending.state) throw new SsoError('state');
  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: pending.redirectUri, client_id: pending.clientId, code_verifier: pending.verifier }).toString(),
  });
  const answer = (await response.json().catch(() => ({}))) as { access_token?: unknown };
  if (!response.ok || typeof answer.access_token !== 'string') throw new SsoError(`token endpoint answered ${response.status}`);
  return answer.access_token;
}
