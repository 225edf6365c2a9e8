/**
 * What the console's sign-in page offers: the developer sign-in (outside production), and the
 * single sign-on button when the console has a client id at the provider. The provider's endpoints
 * come from its discovery document, read once (again after a failure).
 */
import type { OidcConfig } from '../../config/config';
import { discover } from './oidc';

export interface SignInMethods {
  devSignIn: boolean;
  sso: { issuer: string; authorizationEndpoint: string; tokenEndpoint: string; clientId: string; scope: string } | null;
}

export function signInMethods(oidc: OidcConfig | undefined, devSignIn: boolean): () => Promise<SignInMethods> {
  let sso: Promise<SignInMethods['sso']> | undefined;
  const readSso = async (): Promise<SignInMethods['sso']> => {
    if (!oidc?.consoleClientId) return null;
    const { authorization_endpoint: authorizationEndpoint, token_endpoint: tokenEndpoint } = await discover(oidc.issuer);
    if (typeof authorizationEndpoint !== 'string' || typeof tokenEndpoint !== 'string') return null;
    return { issuer: oidc.issuer, authorizationEndpoint, tokenEndpoint, clientId: oidc.consoleClientId, scope: 'openid' };
  };
  return async () => {
    sso ??= readSso();
    try {
      return { devSignIn, sso: await sso };
    } catch {
      // The provider is down: sign-in by password still works; its button comes back with it.
      sso = undefined;
      return { devSignIn, sso: null };
    }
  };
}
