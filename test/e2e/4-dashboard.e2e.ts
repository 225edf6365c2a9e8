/** The program dashboard renders its charts from GET /v1/stats. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { e2eContext, type E2EContext } from './support/context';
import { screenshot } from './support/browser';

void describe('dashboard', () => {
  let ctx: E2EContext;
  before(async () => {
    ctx = await e2eContext();
  });
  after(async () => ctx?.close());

  void it('draws the funnel, the towns and the payers, with the totals', async () => {
    const stats = await ctx.officer.call<{ totalBilledFen: number }>('GET', '/v1/stats');
    const page = await ctx.page();
    await page.goto('/');
    await page.getByRole('tab', { name: '开发环境登录' }).click();
    await page.getByRole('button', { name: '获取令牌并登录' }).click();
    await page.getByRole('link', { name: '项目看板' }).click();
    for (const name of ['个案进度漏斗（到达各阶段的个案数）', '各镇/街道筛查人数', '各支付方支付金额']) {
      const figure = page.getByRole('figure', { name });
      await figure.locator('svg').waitFor();
      await figure.locator('svg path').first().waitFor({ state: 'attached' });
      assert.ok((await figure.locator('svg path').count()) > 3, `${name} has drawn shapes`);
    }
    const billed = (await page.locator('.ant-statistic', { hasText: '医疗费用总额' }).locator('.ant-statistic-content').textContent())!;
    assert.match(billed, /^¥[\d,]+\.\d{2}$/);
    if (stats.totalBilledFen > 0) assert.notEqual(billed, '¥0.00');
    await page.waitForTimeout(800); // let the charts' entry animation finish before the picture
    await screenshot(page, 'dashboard', { fullPage: true });
    await page.context().close();
  });
});
