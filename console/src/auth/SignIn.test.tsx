import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readToken } from './token';
import { ConsoleApp } from '../App';
import { mockApi } from '../test/fetch-mock';

function jwt(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => btoa(unescape(encodeURIComponent(JSON.stringify(value)))).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}.signature`;
}

describe('readToken', () => {
  it('reads the claims of a pasted token, "Bearer " and spaces allowed', () => {
    const token = jwt({ sub: '王芳', role: 'hospital', hospitalId: 'wuwei-central', exp: 2_000_000_000 });
    expect(readToken(`  Bearer ${token}\n`, 1_000)).toEqual({ token, role: 'hospital', sub: '王芳', hospitalId: 'wuwei-central', exp: 2_000_000_000 });
  });

  it('takes every role the API gives a token: civil affairs and finance sign in to the payrolls', () => {
    for (const role of ['civil', 'finance', 'official'] as const) expect(readToken(jwt({ sub: 'x', role }))).toMatchObject({ role, sub: 'x' });
  });

  it('says why a token cannot be used', () => {
    expect(readToken('not a token')).toBe('malformed');
    expect(readToken(jwt({ role: 'root' }))).toBe('role');
    expect(readToken(jwt({ role: 'hospital' }))).toBe('hospital');
    expect(readToken(jwt({ role: 'officer', exp: 10 }), 20)).toBe('expired');
  });
});

describe('sign-in', () => {
  beforeEach(() => window.history.pushState({}, '', '/cases'));

  it('signs in with a pasted token and lands on the case list, in Chinese by default', async () => {
    mockApi({ 'GET /v1/cases': () => ({ body: { items: [], nextCursor: null } }) });
    render(<ConsoleApp />);
    const token = jwt({ sub: 'officer-7', role: 'officer' });
    await userEvent.click(screen.getByRole('tab', { name: '令牌登录（开发）' }));
    await userEvent.click(screen.getByLabelText('访问令牌'));
    await userEvent.paste(token);
    await userEvent.click(screen.getByRole('button', { name: '登 录' }));
    expect(await screen.findByRole('heading', { name: '个案列表' })).toBeInTheDocument();
    expect(screen.getByTestId('signed-in-as')).toHaveTextContent('民政经办人员officer-7');
    expect(sessionStorage.getItem('console.token')).toBe(token);
  });

  it('mints a token through the developer sign-in, and says so when the server has none', async () => {
    let available = false;
    const api = mockApi({
      'POST /v1/dev/token': (request) => (available ? { body: { token: jwt({ ...(request.json as object), sub: `dev-${(request.json as { role: string }).role}` }) } } : undefined),
      'GET /v1/admin/stuck': () => ({ body: { items: [] } }),
    });
    render(<ConsoleApp />);
    await userEvent.click(screen.getByRole('tab', { name: '开发环境登录' }));
    await userEvent.click(screen.getByRole('button', { name: '获取令牌并登录' }));
    expect(await screen.findByText(/此服务器未开放开发环境登录/)).toBeInTheDocument();
    expect(api.sent('POST', '/v1/dev/token')[0]!.json).toEqual({ role: 'officer' });
    expect(api.sent('POST', '/v1/dev/token')[0]!.headers.Authorization).toBeUndefined();

    available = true;
    await userEvent.click(screen.getByLabelText('角色'));
    await userEvent.click(await screen.findByTitle('管理员'));
    await userEvent.click(screen.getByRole('button', { name: '获取令牌并登录' }));
    window.history.pushState({}, '', '/');
    await waitFor(() => expect(screen.getByTestId('signed-in-as')).toHaveTextContent('管理员dev-admin'));
  });

  it('signs out when the API answers 401, and says why', async () => {
    sessionStorage.setItem('console.token', jwt({ sub: 'officer-7', role: 'officer' }));
    mockApi({ 'GET /v1/cases': () => ({ status: 401, body: { type: '/problems/unauthorized', title: 'Unauthorized', status: 401 } }) });
    render(<ConsoleApp />);
    expect(await screen.findByLabelText('用户名')).toBeInTheDocument();
    expect(screen.getByText(/登录已失效/)).toBeInTheDocument();
    expect(sessionStorage.getItem('console.token')).toBeNull();
  });
});

describe('every role the API knows signs in', () => {
  it.each(['officer', 'hospital', 'admin', 'civil', 'finance', 'official'] as const)('a %s token is a session', (role) => {
    const session = readToken(jwt({ role, sub: `${role}-1`, ...(role === 'hospital' ? { hospitalId: 'wuwei-hand-foot' } : {}) }));
    expect(typeof session === 'object' && session.role).toBe(role);
  });
});
