import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { UsersPage } from './UsersPage';
import { SignInsPage } from './SignInsPage';
import { fill, renderPage } from '../test/render';
import { mockApi } from '../test/fetch-mock';

const user = (username: string, extra: object = {}) => ({
  username,
  displayName: `名字 ${username}`,
  role: 'officer',
  hospitalId: null,
  town: null,
  mustChangePassword: false,
  disabled: false,
  createdAt: '2026-11-01T08:00:00Z',
  lastSignInAt: '2026-11-28T01:30:00Z',
  ...extra,
});

describe('用户管理 (admin)', () => {
  it('lists accounts with their last sign-in, disables one and resets a password (shown once)', async () => {
    const api = mockApi({
      'GET /v1/admin/users': () => ({ body: { items: [user('admin-1', { role: 'admin' }), user('wang.fang', { lastSignInAt: null, mustChangePassword: true })] } }),
      'POST /v1/admin/users/wang.fang/disable': () => ({ body: user('wang.fang', { disabled: true }) }),
      'POST /v1/admin/users/wang.fang/reset-password': () => ({ body: { user: user('wang.fang'), initialPassword: 'Tmp7pass8word9xy' } }),
    });
    renderPage(<UsersPage />, { role: 'admin' });
    const row = (await screen.findByText('wang.fang')).closest('tr')!;
    expect(row).toHaveTextContent('从未登录');
    expect(row).toHaveTextContent('待修改密码');
    // One's own account cannot be disabled from here.
    expect(within(screen.getByText('admin-1').closest('tr')!).getByRole('button', { name: '停 用' })).toBeDisabled();

    await userEvent.click(within(row).getByRole('button', { name: '停 用' }));
    await waitFor(() => expect(api.sent('POST', '/v1/admin/users/wang.fang/disable')).toHaveLength(1));

    await userEvent.click(within(row).getByRole('button', { name: '重置密码' }));
    await userEvent.click(await screen.findByRole('button', { name: /确\s*定|OK/ }));
    expect(await screen.findByText('Tmp7pass8word9xy')).toBeInTheDocument();
  });

  it('creates a user with an initial password', async () => {
    const api = mockApi({
      'GET /v1/admin/users': () => ({ body: { items: [] } }),
      'POST /v1/admin/users': (request) => ({ status: 201, body: user((request.json as { username: string }).username, { mustChangePassword: true }) }),
    });
    renderPage(<UsersPage />, { role: 'admin' });
    await userEvent.click(screen.getByRole('button', { name: /新建用户/ }));
    fill('用户名', 'li.ming');
    fill('姓名', '李明');
    fill('镇/街道', '黄羊镇');
    fill('初始密码', 'initial-password-1');
    await userEvent.click(screen.getByRole('button', { name: /确\s*定|OK/ }));
    await waitFor(() => expect(api.sent('POST', '/v1/admin/users')).toHaveLength(1));
    expect(api.sent('POST', '/v1/admin/users')[0]!.json).toEqual({ username: 'li.ming', displayName: '李明', role: 'officer', town: '黄羊镇', initialPassword: 'initial-password-1' });
  });
});

describe('登录记录 (admin)', () => {
  it('shows the audit newest first and loads older pages', async () => {
    const entry = (id: number, event: string) => ({ id, at: '2026-11-28T01:30:00Z', username: 'wang.fang', event, address: '10.1.2.3', by: event === 'disable' ? 'admin-1' : null });
    const api = mockApi({
      'GET /v1/admin/sign-ins': (request) =>
        request.query.get('before') ? { body: { items: [entry(1, 'sign-in')], nextBefore: null } } : { body: { items: [entry(3, 'disable'), entry(2, 'failure')], nextBefore: 2 } },
    });
    renderPage(<SignInsPage />, { role: 'admin' });
    expect(await screen.findByText('停用账号')).toBeInTheDocument();
    expect(screen.getByText('登录失败')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '加载更早的记录' }));
    expect(await screen.findByText('登录成功')).toBeInTheDocument();
    expect(api.sent('GET', '/v1/admin/sign-ins')[1]!.query.get('before')).toBe('2');
    expect(screen.queryByRole('button', { name: '加载更早的记录' })).toBeNull();
  });
});
