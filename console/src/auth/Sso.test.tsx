import { render, screen } from '@testing-library/react';
import { ConsoleApp } from '../App';
import { mockApi } from '../test/fetch-mock';
import { startSso } from './sso';

const SSO = { issuer: 'http://sso.test/realms/lz', authorizationEndpoint: 'http://sso.test/auth', tokenEndpoint: 'http://sso.test/token', clientId: 'cases-console', scope: 'openid' };

function jwt(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${encode({ alg: 'RS256', kid: 'k1' })}.${encode(claims)}.signature`;
}

describe('单点登录', () => {
  beforeEach(() => window.history.pushState({}, '', '/'));

  it('offers the button when the server has a provider, and no developer tabs in production', async () => {
    mockApi({ 'GET /v1/auth/methods': () => ({ body: { devSignIn: false, sso: SSO } }) });
    render(<ConsoleApp />);
    expect(await screen.findByRole('button', { name: /单点登录/ })).toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: '令牌登录（开发）' })).toBeNull();
    expect(screen.getByRole('tab', { name: '用户名密码登录' })).toBeInTheDocument();
  });

  it('sends the browser to the provider with PKCE, and signs in with the token it gives back', async () => {
    let sentTo = '';
    await startSso(SSO, (url) => (sentTo = url));
    const url = new URL(sentTo);
    expect(`${url.origin}${url.pathname}`).toBe(SSO.authorizationEndpoint);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ response_type: 'code', client_id: 'cases-console', code_challenge_method: 'S256', redirect_uri: `${window.location.origin}/sso/callback` });
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const token = jwt({ sub: 'sso-subject-1', realm_access: { roles: ['mz-jbr'] }, exp: 4_000_000_000 });
    const api = mockApi({
      'POST /token': () => ({ body: { access_token: token, token_type: 'Bearer' } }),
      'GET /v1/auth/me': () => ({ body: { sub: 'sso-subject-1', role: 'officer', hospitalId: null } }),
      'GET /v1/cases': () => ({ body: { items: [], nextCursor: null } }),
    });
    window.history.pushState({}, '', `/sso/callback?code=the-code&state=${url.searchParams.get('state')}`);
    render(<ConsoleApp />);
    expect(await screen.findByRole('heading', { name: '个案列表' })).toBeInTheDocument();
    const exchange = new URLSearchParams(api.sent('POST', '/token')[0]!.body);
    expect(Object.fromEntries(exchange)).toMatchObject({ grant_type: 'authorization_code', code: 'the-code', client_id: 'cases-console' });
    expect(exchange.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(api.sent('GET', '/v1/auth/me')[0]!.headers.Authorization).toBe(`Bearer ${token}`);
    expect(screen.getByTestId('signed-in-as')).toHaveTextContent('sso-subject-1');
  });

  it('refuses an answer it did not ask for (another state)', async () => {
    let sentTo = '';
    await startSso(SSO, (url) => (sentTo = url));
    expect(sentTo).not.toBe('');
    mockApi({});
    window.history.pushState({}, '', '/sso/callback?code=the-code&state=forged');
    render(<ConsoleApp />);
    expect(await screen.findByText(/单点登录未完成/)).toBeInTheDocument();
  });
});
