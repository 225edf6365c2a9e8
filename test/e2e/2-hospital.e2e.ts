/** A hospital clerk admits, reports surgery, discharges with a bill; the case settles, the money panel shows the five amounts. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { e2eContext, eventually, signInWithToken, type E2EContext } from './support/context';
import { screenshot } from './support/browser';
import { uniqueCaseId, walkCase } from './support/api';

const PAYERS = ['BASIC_MEDICAL_INSURANCE', 'CRITICAL_ILLNESS_INSURANCE', 'MEDICAL_ASSISTANCE', 'DISABILITY_ASSISTANCE', 'PROVINCIAL_CHARITY'];
const fenOf = (text: string) => Number(text.replace(/[¥,\s]/g, '').replace('.', ''));

void describe('hospital', () => {
  let ctx: E2EContext;
  before(async () => {
    ctx = await e2eContext();
  });
  after(async () => ctx?.close());

  void it('admits, reports surgery and discharges with a bill in yuan; the cascade settles with out-of-pocket ¥0.00', async () => {
    const caseId = uniqueCaseId('LZ-H');
    await walkCase(ctx.officer, ctx.hospital, caseId, 'AWAITING_ADMISSION');

    const page = await ctx.page();
    await signInWithToken(page, await ctx.token('hospital', 'clerk-zhao', 'wuwei-hand-foot'));
    await page.goto(`/cases/${caseId}`);
    // A hospital sees the ID number masked: 6 + 8 × "*" + 4.
    assert.match((await page.getByTestId('id-number').textContent())!, /^\d{6}\*{8}[\dX]{4}$/);

    // The case page says whose turn it is; this hospital's.
    assert.match((await page.getByTestId('next-step').textContent())!, /请在患者入院后登记入院/);
    // An empty admission number is refused on the field, before anything is sent.
    await page.getByRole('button', { name: '确认入院' }).click();
    await page.getByText('必填').first().waitFor();
    await page.getByLabel('住院号').fill(`ZY2026-${caseId.slice(-4)}`);
    await page.getByRole('button', { name: '确认入院' }).click();
    await page.getByText(`入院已登记（个案 ${caseId}）`).waitFor();
    await page.getByLabel('手术名称').fill('跟腱延长 + 足部截骨矫形术');
    await page.getByRole('button', { name: '确认手术完成' }).click();
    await page.getByText(`手术完成已登记（个案 ${caseId}）`).waitFor();
    await page.getByLabel('住院总费用（元）').fill('50,000.00');
    await page.getByLabel('其中政策范围内费用（元）').fill('42000');
    await page.getByLabel('康复训练次数').fill('12');
    await page.getByRole('button', { name: '确认出院并提交账单' }).click();
    // The bill once more before the cascade starts: nothing is sent until the clerk confirms.
    const summary = page.getByTestId('discharge-summary');
    await summary.waitFor();
    const summaryText = (await summary.textContent())!;
    assert.ok(summaryText.includes('¥50,000.00') && summaryText.includes('¥42,000.00') && summaryText.includes('¥8,000.00'), summaryText);
    const before = await ctx.officer.call<{ stage: string }>('GET', `/v1/cases/${caseId}`);
    assert.equal(before.stage, 'REHABILITATION');
    await page.getByRole('button', { name: '确认提交' }).click();
    await page.getByText(`出院结账已登记，开始报销（个案 ${caseId}）`).waitFor();

    const panel = page.getByTestId('money-panel');
    await eventually(async () => (await panel.getByTestId('out-of-pocket').textContent())?.includes('¥0.00') && (await page.locator('.ant-tag', { hasText: '已结算' }).count()) > 0, 'the case to settle', 90_000);

    const amounts = await Promise.all(PAYERS.map(async (payer) => (await panel.getByTestId(`amount-${payer}`).textContent())!));
    assert.ok(amounts.every((amount) => /^¥[\d,]+\.\d{2}$/.test(amount)), `five amounts: ${amounts.join(' ')}`);
    assert.equal(amounts.map(fenOf).reduce((a, b) => a + b, 0), 5_000_000);
    assert.equal(await panel.getByTestId('paid-total').textContent(), '¥50,000.00');

    const view = await ctx.officer.call<{ discharge: { bill: { totalFen: number; policyScopeFen: number } }; reimbursement: { outOfPocketFen: number } }>('GET', `/v1/cases/${caseId}`);
    assert.deepEqual(view.discharge.bill, { totalFen: 5_000_000, policyScopeFen: 4_200_000 });
    assert.equal(view.reimbursement.outOfPocketFen, 0);
    await page.getByText('结算完成').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'case-money-panel', { fullPage: true });
    await page.context().close();
  });
});
