/**
 * An administrator sees a case stuck on a payer that is down, opens it in Temporal's UI and proposes
 * how to settle the claim by hand; a second administrator finds it waiting and approves it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { e2eContext, eventually, signInWithToken, type E2EContext } from './support/context';
import { screenshot } from './support/browser';
import { uniqueCaseId, walkCase } from './support/api';

void describe('administrator', () => {
  let ctx: E2EContext;
  before(async () => {
    ctx = await e2eContext();
  });
  after(async () => {
    await ctx?.admin.call('PUT', '/v1/admin/sandbox/payers/MEDICAL_ASSISTANCE', { mode: 'up', failureRate: 0, latencyMs: 0 }).catch(() => undefined);
    await ctx?.close();
  });

  void it('switches a sandbox payer down, finds the stuck case and resolves its claim', async () => {
    const page = await ctx.page();
    await signInWithToken(page, await ctx.token('admin', 'admin-li'));
    await page.getByRole('link', { name: '模拟支付方' }).click();
    const payer = page.getByRole('form', { name: '医疗救助' });
    await payer.getByText('停机').click();
    await payer.getByRole('button', { name: '应用 医疗救助 的设置' }).click();
    await page.getByTestId('payer-state-MEDICAL_ASSISTANCE').getByText('停机').waitFor();

    const caseId = uniqueCaseId('LZ-A');
    await walkCase(ctx.officer, ctx.hospital, caseId, 'REIMBURSING');

    await page.getByRole('link', { name: '异常个案' }).click();
    // No address to type: the link comes from the server's configuration.
    const row = page.locator('tr.ant-table-row', { hasText: caseId });
    await eventually(async () => {
      await page.getByRole('button', { name: /刷\s*新/ }).click();
      return (await row.getByText('调用反复失败').count()) > 0;
    }, `${caseId} stuck on the payer that is down`, 120_000, 2_000);
    assert.equal(await row.getByRole('link', { name: /在 Temporal 中查看/ }).getAttribute('href'), `${ctx.temporalUiUrl}/namespaces/default/workflows/case-${caseId}`);
    // The case reads as a person with an amount to pay, the reason in words (no activity names).
    await row.getByText('李明').first().waitFor();
    await row.getByTestId('stuck-outstanding').getByText(/^待支付 ¥[\d,]+\.\d{2}$/).waitFor();
    assert.doesNotMatch((await row.textContent())!, /submitClaim/);
    await screenshot(page, 'stuck-cases');

    await row.getByRole('button', { name: '提议人工处理' }).click();
    const dialog = page.getByRole('dialog');
    // The policy's share of this payer, pre-filled — not everything still owed.
    await eventually(async () => /^¥/.test((await dialog.getByTestId('policy-share').textContent()) ?? ''), 'the policy share', 10_000, 250);
    const share = (await dialog.getByTestId('policy-share').textContent())!;
    await eventually(async () => (await dialog.getByLabel('支付金额（元）').inputValue()) === share.replace(/[¥,]/g, ''), 'the amount pre-filled with the policy share', 10_000, 250);
    const owed = (await dialog.getByTestId('owed').textContent())!;
    const owedFen = Number(owed.replace(/[¥,.]/g, ''));
    assert.ok(owedFen > 0, `something is owed: ${owed}`);
    // More than is owed is refused in the form (the API would answer 422).
    await dialog.getByLabel('支付金额（元）').fill(((owedFen + 1) / 100).toFixed(2));
    await dialog.getByLabel('凭证号').fill('MZJZ-2026-0815');
    await dialog.getByRole('button', { name: '提交提议' }).click();
    await dialog.getByText('不能超过尚欠金额', { exact: true }).waitFor();
    await dialog.getByLabel('支付金额（元）').fill('3000.00');
    // Whatever the policy pays this payer here, say why it is set aside (the API refuses more than it without).
    await dialog.getByRole('checkbox', { name: /不按政策金额/ }).check();
    await dialog.getByLabel('不按政策金额的理由').fill('线下已按区医疗救助会议纪要支付');
    await dialog.getByRole('button', { name: '提交提议' }).click();
    // Who pays what, before it is sent.
    await dialog.getByTestId('propose-summary').getByText('本提议：医疗救助支付 ¥3,000.00', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: '确认提交提议' }).click();
    await dialog.getByText(/已提交，等待另一位管理员批准/).waitFor();
    await dialog.getByTestId('proposal-policy').waitFor();
    // The footer's button (the title bar's × is named 关闭 too).
    await dialog.locator('button.ant-btn-primary', { hasText: /关\s*闭/ }).click();

    // The proposer cannot approve it: another administrator does.
    const second = await ctx.page();
    await signInWithToken(second, await ctx.token('admin', 'admin-wang'));
    await second.getByRole('link', { name: '待批准的人工处理' }).click();
    const waiting = second.locator('tr.ant-table-row', { hasText: caseId });
    await eventually(async () => {
      await second.getByRole('button', { name: /刷\s*新/ }).click();
      return (await waiting.count()) > 0;
    }, `${caseId} waiting for approval`, 30_000, 1_000);
    await waiting.getByRole('link', { name: '查看并处理' }).click();
    const proposals = second.getByTestId('proposals-panel');
    await proposals.getByRole('button', { name: /^批\s*准$/ }).click();
    await second.getByRole('tooltip').getByRole('button', { name: /^批\s*准$/ }).click();
    await proposals.getByTestId('proposal-outcome').getByText(/已批准/).waitFor({ timeout: 60_000 });

    const panel = second.getByTestId('money-panel');
    await eventually(async () => (await panel.getByTestId('out-of-pocket').textContent())?.includes('¥0.00') && (await second.locator('.ant-tag', { hasText: '已结算' }).count()) > 0, 'the case to settle after the approval', 90_000);
    assert.equal(await panel.getByTestId('amount-MEDICAL_ASSISTANCE').textContent(), '¥3,000.00');
    await panel.getByText('人工处理').first().waitFor();
    await second.context().close();
    await page.context().close();
  });
});
