import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConsoleApp } from '../App';
import { mockApi } from '../test/fetch-mock';
import { fill } from '../test/render';

function jwt(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => btoa(unescape(encodeURIComponent(JSON.stringify(value)))).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}.signature`;
}

function signedIn(claims: Record<string, unknown>, mustChangePassword = false) {
  return {
    body: {
      accessToken: jwt({ jti: 'j1', iat: 1, exp: 4_000_000_000, ...claims, ...(mustChangePassword ? { pwc: true } : {}) }),
      expiresAt: '2096-10-02T07:06:40.000Z',
      mustChangePassword,
      user: { username: claims.sub, displayName: '王芳', role: claims.role },
    },
  };
}

const INVALID = { status: 401, body: { type: '/problems/invalid-credentials', title: 'The user name or password is wrong', status: 401, detail: 'the user name or the password is wrong' } };

describe('sign-in with a user name and password', () => {
  beforeEach(() => window.history.pushState({}, '', '/cases'));

  it('is the first thing the sign-in page offers, in Chinese, and lands on the case list', async () => {
    const api = mockApi({
      'POST /v1/auth/login': () => signedIn({ sub: 'wang.fang', role: 'officer' }),
      'GET /v1/cases': () => ({ body: { items: [], nextCursor: null } }),
    });
    render(<ConsoleApp />);
    expect(screen.getByRole('tab', { name: '用户名密码登录', selected: true })).toBeInTheDocument();
    fill('用户名', ' Wang.Fang ');
    fill('密码', 'not-a-real-password-test-only');
    await userEvent.click(screen.getByRole('button', { name: '登 录' }));
    expect(await screen.findByRole('heading', { name: '个案列表' })).toBeInTheDocument();
    expect(api.sent('POST', '/v1/auth/login')[0]!.json).toEqual({ username: 'Wang.Fang', password: 'not-a-real-password-test-only' });
    expect(api.sent('POST', '/v1/auth/login')[0]!.headers.Authorization).toBeUndefined();
    // The header names the user by the display name the server gave at sign-in.
    expect(screen.getByTestId('signed-in-as')).toHaveTextContent('王芳');
  });

  it('says "wrong user name or password" and stays; a lock-out says for how long', async () => {
    let answer: { status: number; body: unknown } = INVALID;
    mockApi({ 'POST /v1/auth/login': () => answer });
    render(<ConsoleApp />);
    fill('用户名', 'wang.fang');
    fill('密码', 'wrong');
    await userEvent.click(screen.getByRole('button', { name: '登 录' }));
    expect(await screen.findByText('用户名或密码不正确。')).toBeInTheDocument();
    expect(screen.getByLabelText('用户名')).toHaveValue('wang.fang');

    answer = { status: 429, body: { type: '/problems/locked', title: 'Locked', status: 429, detail: 'locked', retryAfter: 600 } };
    await userEvent.click(screen.getByRole('button', { name: '登 录' }));
    expect(await screen.findByText(/暂时锁定，请 10 分钟后再试/)).toBeInTheDocument();
  });

  it('asks for a new password first when the account must change it, then goes on with the fresh token', async () => {
    const fresh = signedIn({ sub: 'wang.fang', role: 'officer' });
    const api = mockApi({
      'POST /v1/auth/login': () => signedIn({ sub: 'wang.fang', role: 'officer' }, true),
      'POST /v1/auth/password': () => fresh,
      'GET /v1/cases': () => ({ body: { items: [], nextCursor: null } }),
    });
    render(<ConsoleApp />);
    fill('用户名', 'wang.fang');
    fill('密码', 'one-time-pass-1');
    await userEvent.click(screen.getByRole('button', { name: '登 录' }));
    expect(await screen.findByText(/请先设置自己的新密码/)).toBeInTheDocument();
    expect(api.sent('GET', '/v1/cases')).toHaveLength(0);

    fill('当前密码', 'one-time-pass-1');
    fill('新密码', 'a-long-new-password');
    fill('再次输入新密码', 'a-long-new-password');
    await userEvent.click(screen.getByRole('button', { name: '保存新密码' }));
    expect(await screen.findByRole('heading', { name: '个案列表' })).toBeInTheDocument();
    expect(api.sent('POST', '/v1/auth/password')[0]!.json).toEqual({ currentPassword: 'one-time-pass-1', newPassword: 'a-long-new-password' });
    expect(sessionStorage.getItem('console.token')).toBe(fresh.body.accessToken);
  });

  it('signs out at the API (the token is revoked) when the user signs out', async () => {
    sessionStorage.setItem('console.token', jwt({ sub: 'wang.fang', role: 'officer', jti: 'j1' }));
    const api = mockApi({ 'GET /v1/cases': () => ({ body: { items: [], nextCursor: null } }), 'POST /v1/auth/logout': () => ({ body: { revoked: true } }) });
    render(<ConsoleApp />);
    await userEvent.click(await screen.findByRole('button', { name: /退出登录/ }));
    expect(await screen.findByLabelText('用户名')).toBeInTheDocument();
    await waitFor(() => expect(api.sent('POST', '/v1/auth/logout')).toHaveLength(1));
    expect(api.sent('POST', '/v1/auth/logout')[0]!.headers.Authorization).toMatch(/^Bearer /);
    expect(sessionStorage.getItem('console.token')).toBeNull();
  });
});
