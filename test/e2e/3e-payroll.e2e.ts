/**
 * A month's payroll from a district office's side, in the browser: three people granted the nursing
 * subsidy (through the API), civil affairs opens the month's payroll and submits it from the
 * payroll page, a finance clerk who is the submitter is refused (four eyes), another approves, and
 * the payroll is reconciled with the bank. The same walk saves the pictures of docs/payroll.md
 * (docs/screenshots/payroll-*.png): the list, the page in DRAFT, PENDING_APPROVAL and RECONCILED,
 * the four-eyes message, and an administrator's reconciliation. Numbered 3d so that the dashboard
 * (4) stays last.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { e2eContext, eventually, signInWithToken, type E2EContext } from './support/context';
import { screenshot, type Page } from './support/browser';
import { StackApi, uniqueCaseId, uniqueIdNumber } from './support/api';
import { latinRuns } from './support/page-checks';

/** What may be Latin on these Chinese pages: identifiers with a digit (payroll, enrolment, person ids, bank references, the e2e users) and file formats. */
const ALLOWED: RegExp[] = [/[A-Za-z0-9_.:/-]*\d[A-Za-z0-9_.:/-]*/g, /\b(CSV|Excel)\b/g];

/** The picture for the documentation, once the page is checked to show no English in Chinese mode. */
async function shoot(page: Page, name: string): Promise<void> {
  assert.deepEqual(await latinRuns(page, ALLOWED), [], `${name} shows English in Chinese mode`);
  await screenshot(page, name, { fullPage: true });
}

/** The current month and the one two before it, as YYYY-MM (Shanghai's calendar, as the payroll's). */
function monthsNow(): { period: string; appliedOn: string } {
  const shanghai = new Date(Date.now() + 8 * 3_600_000);
  const back = new Date(Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth() - 2, 3));
  const month = (date: Date) => `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
  return { period: month(shanghai), appliedOn: `${month(back)}-03` };
}

const PEOPLE = [
  { name: '马兰', town: '黄羊镇', accountNo: '6228480000000011112' },
  { name: '赵桂英', town: '清源镇', accountNo: '6217000000000022223' },
  { name: '李德明', town: '丰乐镇', accountNo: '6228480000000033334' },
];

interface PayrollView {
  payrollId: string;
  stage: string;
  totals: { lines: number; totalFen: number; paidFen: number };
}

void describe('a month\'s payroll', () => {
  let ctx: E2EContext;
  let civil: StackApi;
  let finance: StackApi;
  let payrollId: string;

  before(async () => {
    ctx = await e2eContext();
    civil = new StackApi(ctx.baseUrl, await ctx.token('civil', 'e2e-civil-wang'));
    finance = new StackApi(ctx.baseUrl, await ctx.token('finance', 'e2e-finance-zhou'));
    const { period, appliedOn } = monthsNow();
    const review = { approved: true, reviewedBy: '乡镇民政助理 马' };
    const enrolments: string[] = [];
    for (const person of PEOPLE) {
      const personId = uniqueCaseId('PS-PAY');
      await ctx.officer.call('POST', '/v1/persons', {
        personId,
        idNumber: uniqueIdNumber(),
        name: person.name,
        town: person.town,
        assistanceCategory: 'DIBAO',
        disability: { certificateNo: 'CDPF-1', category: 'PHYSICAL', grade: 1, longTermCare: true },
      });
      const enrolmentId = uniqueCaseId('EN-PAY');
      await ctx.officer.call('POST', '/v1/enrolments', { enrolmentId, program: 'NURSING_SUBSIDY', personId, appliedOn, bankAccount: { bank: '农村信用社凉州支行', accountNo: person.accountNo } });
      await ctx.officer.call('POST', `/v1/enrolments/${enrolmentId}/town-review`, review);
      await ctx.officer.call('POST', `/v1/enrolments/${enrolmentId}/cdpf-review`, review);
      await civil.call('POST', `/v1/enrolments/${enrolmentId}/decision`, { approved: true });
      enrolments.push(enrolmentId);
    }
    for (const enrolmentId of enrolments) {
      await eventually(async () => (await ctx.officer.call<{ stage: string }>('GET', `/v1/enrolments/${enrolmentId}`)).stage === 'ACTIVE', `${enrolmentId} to be granted after its notice`);
    }
    // The month's payroll, as the monthly schedule or a clerk opens it.
    const opened = await civil.call<PayrollView>('POST', '/v1/payrolls', { program: 'NURSING_SUBSIDY', period });
    payrollId = opened.payrollId;
    assert.equal(opened.stage, 'DRAFT');
    // Three people, each owed the two months before this one and this one.
    assert.equal(opened.totals.lines, 9);
  });
  after(async () => ctx?.close());

  async function signedIn(role: 'civil' | 'finance' | 'admin', sub: string): Promise<Page> {
    const page = await ctx.page();
    await signInWithToken(page, await ctx.token(role, sub));
    return page;
  }

  async function openPayroll(page: Page, stage: string): Promise<void> {
    await page.goto(`/payrolls/${payrollId}`);
    await page.getByTestId('payroll-stage').filter({ hasText: stage }).waitFor();
    await page.getByTestId('payroll-lines').locator('tr.ant-table-row').first().waitFor();
    await page.waitForLoadState('networkidle').catch(() => undefined);
  }

  void it('civil affairs reads the list and the draft, then submits it', async () => {
    const page = await signedIn('civil', 'e2e-civil-wang');
    await page.goto('/payrolls');
    await page.getByText(payrollId).first().waitFor();
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await shoot(page, 'payroll-list');
    await openPayroll(page, '草稿');
    await shoot(page, 'payroll-draft');
    await page.getByRole('button', { name: '提交财务审核' }).click();
    await page.getByTestId('payroll-stage').filter({ hasText: '待财务审核' }).waitFor();
    await page.context().close();
  });

  void it('the submitter, signed in as finance too, may not approve it (four eyes)', async () => {
    const page = await signedIn('finance', 'e2e-civil-wang');
    await openPayroll(page, '待财务审核');
    await page.getByRole('button', { name: '审核通过' }).click();
    const error = page.getByTestId('payroll-action-error');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /不能审核自己提交的发放名册/);
    await shoot(page, 'payroll-four-eyes');
    await page.context().close();
  });

  void it('another finance clerk approves; the bank pays and the books agree', async () => {
    const page = await signedIn('finance', 'e2e-finance-zhou');
    await openPayroll(page, '待财务审核');
    await shoot(page, 'payroll-pending-approval');
    await page.getByRole('button', { name: '审核通过' }).click();
    await eventually(async () => (await finance.call<PayrollView>('GET', `/v1/payrolls/${payrollId}`)).stage === 'RECONCILED', 'the payroll to be reconciled', 90_000);
    await openPayroll(page, '已对账');
    // Finance takes the bank file once the payroll is approved; the roster is everyone's.
    await page.getByTestId('payroll-bank-file-xlsx').waitFor();
    await shoot(page, 'payroll-reconciled');
    const view = await finance.call<PayrollView>('GET', `/v1/payrolls/${payrollId}`);
    assert.equal(view.totals.paidFen, view.totals.totalFen);
    await page.context().close();
  });

  void it('an administrator sees the ledger and the bank agreeing', async () => {
    const page = await signedIn('admin', 'e2e-admin');
    await openPayroll(page, '已对账');
    const result = page.getByTestId('reconciliation-result');
    await result.waitFor();
    assert.match((await result.textContent()) ?? '', /账实相符/);
    await page.getByTestId('payroll-reconciliation').scrollIntoViewIfNeeded();
    await shoot(page, 'payroll-reconciliation');
    await page.context().close();
  });
});
