/**
 * Accounts: an administrator creates an officer's account, the officer signs in with the user name
 * and the one-time password, must set a password of their own, opens a case and signs out (the
 * token is refused from then on); a town's clerk reaches the case list on a phone's screen.
 * Numbered 3b so that the dashboard (4) stays last.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { e2eContext, eventually, type E2EContext } from './support/context';
import { PHONE_VIEWPORT, screenshot, type Page } from './support/browser';
import { newCaseBody, uniqueCaseId } from './support/api';
import { overflow } from './support/page-checks';
import { field, signInWithPassword, uniqueUsername } from './support/accounts';

/** The console keeps its token in sessionStorage under this key (console/src/auth/AuthProvider.tsx). */
const TOKEN_STORAGE_KEY = 'console.token';

/** The console's token (the tests' tsconfig has no DOM types: the page's code is passed as text). */
function storedToken(page: Page): Promise<string | null> {
  return page.evaluate<string | null>(`sessionStorage.getItem(${JSON.stringify(TOKEN_STORAGE_KEY)})`);
}

/** Creates an officer account through the admin API; returns its one-time password. */
async function createOfficer(ctx: E2EContext, username: string, displayName: string): Promise<string> {
  const initialPassword = `Einmal-${Math.random().toString(36).slice(2, 10)}-pw`;
  const user = await ctx.admin.call<{ username: string; role: string; mustChangePassword?: boolean }>('POST', '/v1/admin/users', { username, displayName, role: 'officer', town: '黄羊镇', initialPassword });
  assert.equal(user.username, username);
  assert.equal(user.role, 'officer');
  return initialPassword;
}

/** The forced change at the first sign-in; the console then opens. */
async function changeForcedPassword(page: Page, current: string, next: string): Promise<void> {
  await page.getByText('这是您首次登录（或管理员重置了您的密码）', { exact: false }).waitFor();
  await field(page, '当前密码').fill(current);
  // Too short first: refused in the form before anything is sent.
  await field(page, '新密码').fill('short-pw');
  await field(page, '再次输入新密码').fill('short-pw');
  await page.getByRole('button', { name: '保存新密码' }).click();
  await page.getByText('新密码至少需要 12 个字符').waitFor();
  await field(page, '新密码').fill(next);
  await field(page, '再次输入新密码').fill(next);
  await page.getByRole('button', { name: '保存新密码' }).click();
  await page.getByTestId('signed-in-as').waitFor();
}

async function status(ctx: E2EContext, path: string, token: string): Promise<number> {
  const response = await fetch(`${ctx.baseUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  await response.body?.cancel();
  return response.status;
}

void describe('accounts', () => {
  let ctx: E2EContext;
  before(async () => {
    ctx = await e2eContext();
  });
  after(async () => ctx?.close());

  void it('an officer signs in with a one-time password, sets their own, opens a case and signs out', async () => {
    const username = uniqueUsername('officer');
    const oneTime = await createOfficer(ctx, username, '王丽');
    const caseId = uniqueCaseId('LZ-U');
    await ctx.officer.call('POST', '/v1/cases', newCaseBody(caseId, { name: '马晓燕' }));

    const page = await ctx.page();
    await signInWithPassword(page, username, oneTime);
    // Until the password is changed, nothing else: the forced change page, not the console.
    await page.getByText('这是您首次登录（或管理员重置了您的密码）', { exact: false }).waitFor();
    const firstToken = await storedToken(page);
    assert.ok(firstToken, 'a token after the sign-in');
    assert.equal(await status(ctx, '/v1/cases', firstToken), 403);
    const ownPassword = `凉州-${username}-新密码`;
    await changeForcedPassword(page, oneTime, ownPassword);
    // The header names the official by the display name the administrator gave the account.
    assert.match((await page.getByTestId('signed-in-as').textContent())!, /王丽/);
    // The token of the one-time password stands no more.
    assert.equal(await status(ctx, '/v1/cases', firstToken), 401);

    // The case list lags behind writes by a few seconds: refresh until the case shows.
    await page.getByRole('link', { name: '个案列表' }).click();
    await page.getByRole('heading', { name: '个案列表' }).waitFor();
    const link = page.locator('tr.ant-table-row').getByRole('link', { name: caseId });
    await eventually(async () => {
      await page.getByRole('button', { name: /刷\s*新/ }).click();
      return (await link.count()) > 0;
    }, `${caseId} in the list`);
    await link.click();
    await page.getByRole('heading', { name: `个案 ${caseId}` }).waitFor();
    await page.getByText('马晓燕').first().waitFor();

    const token = await storedToken(page);
    assert.ok(token, 'a token after the password change');
    assert.equal(await status(ctx, `/v1/cases/${caseId}`, token), 200);
    await page.getByRole('button', { name: /退出登录/ }).click();
    await page.getByRole('tab', { name: '用户名密码登录' }).waitFor();
    assert.equal(await storedToken(page), null);
    // Signed out: the API refuses the token, though it has not expired.
    assert.equal(await status(ctx, `/v1/cases/${caseId}`, token), 401);

    // The new password signs in again, straight into the console.
    await signInWithPassword(page, username, ownPassword);
    await page.getByTestId('signed-in-as').waitFor();
    await page.context().close();
  });

  // A town's clerk (an officer's account with a town) on a phone; an `official` account on a phone,
  // with their pairings, is 3d-pairings.e2e.ts.
  void it('a town clerk reaches the case list on a 375×667 phone screen, nothing wider than the screen', async () => {
    const username = uniqueUsername('official');
    const oneTime = await createOfficer(ctx, username, '张伟');
    const caseId = uniqueCaseId('LZ-M');
    // In the account's own town: a clerk of 黄羊镇 sees that town's cases only.
    await ctx.officer.call('POST', '/v1/cases', newCaseBody(caseId, { name: '陈静', town: '黄羊镇' }));

    const page = await ctx.page({ viewport: PHONE_VIEWPORT });
    await signInWithPassword(page, username, oneTime);
    await changeForcedPassword(page, oneTime, `手机-${username}-口令`);
    // The menu is a drawer behind one button on a phone; the header names the official.
    assert.match((await page.getByTestId('signed-in-as').textContent())!, /张伟/);
    // An officer starts on the case list: wait for that redirect to land first, as a route change
    // closes the drawer (on a slow machine it could close the drawer this test had just opened).
    await page.waitForURL('**/cases');
    await page.getByRole('heading', { name: '个案列表' }).waitFor();
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('link', { name: '个案列表' }).click();
    await page.getByRole('heading', { name: '个案列表' }).waitFor();
    // On a phone the list is cards, each with the case number, the name and the stage.
    const link = page.getByTestId('case-card').getByRole('link', { name: caseId });
    await eventually(async () => {
      await page.getByRole('button', { name: /刷\s*新/ }).click();
      return (await link.count()) > 0;
    }, `${caseId} in the list`);
    const card = page.getByTestId('case-card').filter({ has: page.getByRole('link', { name: caseId }) });
    assert.match((await card.textContent())!, /陈静/);

    await screenshot(page, 'cases-list-phone');
    const { width, past } = await overflow(page, PHONE_VIEWPORT.width);
    assert.ok(width <= PHONE_VIEWPORT.width + 2, `the page is ${width} px wide on a ${PHONE_VIEWPORT.width} px screen: ${past.join(', ')}`);
    // The case opens from there too.
    await link.click();
    await page.getByRole('heading', { name: `个案 ${caseId}` }).waitFor();
    await page.context().close();
  });
});
