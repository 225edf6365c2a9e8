import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ChangePasswordPage } from './ChangePasswordPage';
import { mockApi } from '../test/fetch-mock';
import { fill, renderPage } from '../test/render';

// renderPage signs in as "officer-1".
describe('修改密码', () => {
  it('checks the rules before sending: at least 12 characters, not the user name, typed twice alike', async () => {
    const api = mockApi({});
    renderPage(<ChangePasswordPage />);
    fill('当前密码', 'whatever-it-is');
    fill('新密码', 'short');
    fill('再次输入新密码', 'other');
    await userEvent.click(screen.getByRole('button', { name: '保存新密码' }));
    expect(await screen.findByText('新密码至少需要 12 个字符')).toBeInTheDocument();
    expect(screen.getByText('两次输入的新密码不一致')).toBeInTheDocument();
    fill('新密码', ' OFFICER-1 ');
    expect(await screen.findByText('新密码不能与用户名相同')).toBeInTheDocument();
    expect(api.sent('POST', '/v1/auth/password')).toHaveLength(0);
  });

  it('puts "wrong current password" on its field, and takes the fresh sign-in the API answers with', async () => {
    let wrong = true;
    const api = mockApi({
      'POST /v1/auth/password': () =>
        wrong
          ? { status: 400, body: { type: '/problems/validation', title: 'Invalid', status: 400, errors: [{ path: 'currentPassword', message: 'is not the current password' }] } }
          : { body: { accessToken: 'a.eyJzdWIiOiJvZmZpY2VyLTEiLCJyb2xlIjoib2ZmaWNlciIsImp0aSI6ImoyIn0.s', expiresAt: '2096-01-01T00:00:00Z', mustChangePassword: false, user: { username: 'officer-1', displayName: 'x', role: 'officer' } } },
    });
    renderPage(<ChangePasswordPage />);
    fill('当前密码', 'not-the-password');
    fill('新密码', 'a-long-new-password');
    fill('再次输入新密码', 'a-long-new-password');
    await userEvent.click(screen.getByRole('button', { name: '保存新密码' }));
    expect(await screen.findByText('当前密码不正确')).toBeInTheDocument();

    wrong = false;
    fill('当前密码', 'the-password-123');
    await userEvent.click(screen.getByRole('button', { name: '保存新密码' }));
    expect(await screen.findByText('密码已修改。')).toBeInTheDocument();
    expect(api.sent('POST', '/v1/auth/password').at(-1)!.json).toEqual({ currentPassword: 'the-password-123', newPassword: 'a-long-new-password' });
    expect(sessionStorage.getItem('console.token')).toBe('a.eyJzdWIiOiJvZmZpY2VyLTEiLCJyb2xlIjoib2ZmaWNlciIsImp0aSI6ImoyIn0.s');
  });
});
