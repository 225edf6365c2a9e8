/**
 * Pairings on a phone: an administrator creates an `official` account, an officer registers a person
 * in need and pairs them with that official; the official signs in with the password on a 375×667
 * screen (setting their own at the first sign-in), lands on 我的结对, opens the pairing, logs a
 * visit, has a matter paid from public funds refused in the server's words, records it as paid by
 * the work unit, and the pairing shows both. Nothing is ever wider than the screen. Numbered 3d so
 * that the dashboard (4) stays last.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { e2eContext, type E2EContext } from './support/context';
import { PHONE_VIEWPORT, screenshot, type Page } from './support/browser';
import { uniqueCaseId, uniqueIdNumber } from './support/api';
import { overflow } from './support/page-checks';
import { field, signInWithPassword, uniqueUsername } from './support/accounts';

const TOWN = '黄羊镇';

async function assertFitsPhone(page: Page, where: string): Promise<void> {
  const { width, past } = await overflow(page, PHONE_VIEWPORT.width);
  assert.ok(width <= PHONE_VIEWPORT.width, `${where}: the page is ${width} px wide on a ${PHONE_VIEWPORT.width} px screen: ${past.join(', ')}`);
}

/** The form's sheet (a full-screen drawer on a phone) by its title. */
function sheet(page: Page, title: string) {
  return page.getByRole('dialog').filter({ hasText: title });
}

void describe('pairings on a phone', () => {
  let ctx: E2EContext;
  before(async () => {
    ctx = await e2eContext();
  });
  after(async () => ctx?.close());

  void it('an official signs in on a 375×667 screen, sees their caseload, logs a visit and a matter', async () => {
    const username = uniqueUsername('official');
    const oneTime = `Einmal-${Math.random().toString(36).slice(2, 10)}-pw`;
    const account = await ctx.admin.call<{ role: string; mustChangePassword: boolean }>('POST', '/v1/admin/users', { username, displayName: '王建国', role: 'official', initialPassword: oneTime });
    assert.equal(account.role, 'official');

    const personId = uniqueCaseId('P-PR');
    await ctx.officer.call('POST', '/v1/persons', { personId, idNumber: uniqueIdNumber(), name: '李秀英', town: TOWN, assistanceCategory: 'TEKUN', disability: null });
    const pairing = await ctx.officer.call<{ pairingId: string; official: { sub: string } }>('POST', '/v1/pairings', {
      personId,
      category: 'SEVERE_DISABILITY',
      official: { sub: username, name: '王建国', unit: '凉州区民政局' },
    });

    const page = await ctx.page({ viewport: PHONE_VIEWPORT });
    await signInWithPassword(page, username, oneTime);
    if (account.mustChangePassword) {
      await page.getByText('这是您首次登录（或管理员重置了您的密码）', { exact: false }).waitFor();
      const own = `结对-${username}-口令`;
      await field(page, '当前密码').fill(oneTime);
      await field(page, '新密码').fill(own);
      await field(page, '再次输入新密码').fill(own);
      await page.getByRole('button', { name: '保存新密码' }).click();
    }
    await page.getByTestId('signed-in-as').waitFor();
    assert.match((await page.getByTestId('signed-in-as').textContent())!, /结对干部|王建国/);

    // The toast of the password change gone, so that the screenshots show the pages alone.
    await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    // An official's home is their caseload.
    await page.getByRole('heading', { name: '我的结对' }).waitFor();
    const card = page.getByTestId('pairing-card').filter({ hasText: '李秀英' });
    await card.waitFor();
    assert.match((await card.textContent())!, new RegExp(`李秀英 · ${TOWN}`));
    assert.match((await card.textContent())!, /尚未联系/);
    await assertFitsPhone(page, '我的结对');
    await screenshot(page, 'pairings-caseload-phone');

    await card.click();
    await page.getByRole('heading', { name: `李秀英 · ${TOWN}` }).waitFor();
    await assertFitsPhone(page, 'the pairing');
    // The one-tap actions are at least 44 px high.
    const logContact = page.getByRole('button', { name: /登记联系/ });
    const box = await logContact.boundingBox();
    assert.ok(box && box.height >= 44, `the action button is ${box?.height} px high`);
    await screenshot(page, 'pairing-phone');

    // A visit, today unless changed.
    await logContact.click();
    const contact = sheet(page, '登记联系');
    await field(page, '情况记录').fill('上门看望 老人身体尚可 屋顶漏雨');
    await assertFitsPhone(page, 'the contact sheet');
    await screenshot(page, 'pairing-contact-phone');
    await contact.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已登记联系').waitFor();
    await page.getByTestId('pairing-timeline').getByText(/上门走访 .* · 上门看望 老人身体尚可 屋顶漏雨/).waitFor();

    // A matter paid from public funds: the server refuses it and the form says why.
    await page.getByRole('button', { name: /登记实事/ }).click();
    const matter = sheet(page, '登记实事');
    await field(page, '内容').fill('代买降压药');
    await field(page, '金额（元）').fill('85.5');
    await matter.getByText('公共资金', { exact: true }).click();
    await matter.getByRole('button', { name: /保\s*存/ }).click();
    await matter.getByText(/必须是以下之一/).waitFor();
    await assertFitsPhone(page, 'the refused matter');
    await screenshot(page, 'pairing-matter-refused-phone');
    await matter.getByText('单位出资', { exact: true }).click();
    await matter.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已登记实事').waitFor();
    await page.getByTestId('pairing-matters').getByText('1 · ¥85.50').waitFor();
    await page.getByTestId('pairing-timeline').getByText(/¥85\.50 · 单位出资 .* · 代买降压药/).waitFor();
    await assertFitsPhone(page, 'the pairing after the matter');
    await screenshot(page, 'pairing-timeline-phone', { fullPage: true });

    // What the office reads: one visit, one matter of 8,550 fen paid by the unit.
    const seen = await ctx.officer.call<{ contacts: number; visits: number; matters: number; mattersValueFenByFunder: Record<string, number>; lastContactOn: string | null }>('GET', `/v1/pairings/${pairing.pairingId}`);
    assert.equal(seen.contacts, 1);
    assert.equal(seen.visits, 1);
    assert.equal(seen.matters, 1);
    assert.deepEqual(seen.mattersValueFenByFunder, { PERSONAL: 0, UNIT: 8550, CHARITY: 0 });
    assert.ok(seen.lastContactOn);

    // Back on the caseload, the card says when the last contact was.
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('link', { name: '我的结对' }).click();
    await page.getByRole('heading', { name: '我的结对' }).waitFor();
    await page.getByTestId('pairing-card').filter({ hasText: '李秀英' }).getByText(`最近联系：${seen.lastContactOn}`).waitFor();
    await page.context().close();
  });
});
