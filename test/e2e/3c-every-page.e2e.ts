/**
 * Every page of the console, as an officer, a hospital clerk and an administrator see it: on a
 * 375×667 phone nothing is wider than the screen, and in Chinese no English is left on the page
 * (identifiers the data holds — case numbers, admission numbers, user names — are allowed).
 * Numbered 3c so that the dashboard (4) stays last. The same walk saves the pictures of the
 * documentation's "Screens" section (docs/screenshots/<name>.png at the desk, <name>-phone.png on
 * a phone), so that they always show the console as it is.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { e2eContext, eventually, signInWithToken, type E2EContext } from './support/context';
import { PHONE_VIEWPORT, VIEWPORT, screenshot, type Page } from './support/browser';
import { newCaseBody, uniqueCaseId, walkCase } from './support/api';
import { latinRuns, overflow } from './support/page-checks';

/** What may be Latin on a Chinese page: identifiers that the data itself holds. */
const ALLOWED: RegExp[] = [
  // Case numbers, admission numbers (ZY…), proposal ids, policy versions, user names with digits: anything with a digit in it.
  /[A-Za-z0-9_.:/-]*\d[A-Za-z0-9_.:/-]*/g,
  // The users these tests sign in as.
  /\b(e2e-officer|e2e-clerk|e2e-admin|page-officer|page-clerk|page-admin|page-official|dev-officer|dev-hospital|dev-admin)\b/g,
  // A product's name, shown as such on the stuck page's link.
  /\bTemporal\b/g,
  // File formats as Excel's own Chinese menus name them ("CSV UTF-8（逗号分隔）").
  /\b(CSV|UTF-8|Excel)\b/g,
];

interface Visit {
  path: string;
  /** Something on the page once it has loaded. */
  ready: (page: Page) => Promise<unknown>;
  name: string;
  /** The picture's file name in docs/screenshots, for the pages the documentation shows. */
  shot?: string;
  /** What the page opens that is a page of its own (the settlement sheet opens in a new tab). */
  opens?: (page: Page, phone: boolean) => Promise<void>;
}

const shotName = (shot: string, phone: boolean) => (phone ? `${shot}-phone` : shot);

async function checkPage(page: Page, visit: Visit, phone: boolean): Promise<string[]> {
  await page.goto(visit.path);
  await visit.ready(page);
  // Lists and panels load after the heading: give them a moment to settle.
  await page.waitForLoadState('networkidle').catch(() => undefined);
  const problems: string[] = [];
  if (phone) {
    const { width, past } = await overflow(page, PHONE_VIEWPORT.width);
    if (width > PHONE_VIEWPORT.width) problems.push(`${visit.name} (${visit.path}) is ${width} px wide on a ${PHONE_VIEWPORT.width} px phone: ${past.join(', ')}`);
    // One line of header: the sign-out button sits on the same line as the menu button.
    const header = await page.locator('header.ant-layout-header').boundingBox();
    if (header && header.height > 64) problems.push(`${visit.name}: the header is ${header.height} px tall on a phone`);
  }
  const latin = await latinRuns(page, ALLOWED);
  if (latin.length > 0) problems.push(`${visit.name} (${visit.path}) shows English in Chinese mode: ${latin.slice(0, 12).join(', ')}`);
  if (visit.shot) await screenshot(page, shotName(visit.shot, phone), { fullPage: true });
  if (visit.opens) await visit.opens(page, phone);
  return problems;
}

void describe('every page', () => {
  let ctx: E2EContext;
  let screening: string;
  let rehabilitation: string;
  let reimbursing: string;
  let personId: string;
  let enrolment: string;
  let pairingId: string;

  before(async () => {
    ctx = await e2eContext();
    screening = uniqueCaseId('LZ-P');
    await ctx.officer.call('POST', '/v1/cases', newCaseBody(screening, { name: '王秀英', town: '清源镇' }));
    rehabilitation = uniqueCaseId('LZ-P');
    await walkCase(ctx.officer, ctx.hospital, rehabilitation, 'REHABILITATION', newCaseBody(rehabilitation, { name: '赵磊', town: '丰乐镇' }));
    reimbursing = uniqueCaseId('LZ-P');
    await walkCase(ctx.officer, ctx.hospital, reimbursing, 'REIMBURSING', newCaseBody(reimbursing, { name: '周强', town: '高坝镇' }));
    const view = await eventually(async () => {
      const v = await ctx.officer.call<{ stage: string; personId?: string }>('GET', `/v1/cases/${reimbursing}`);
      return v.stage === 'SETTLED' && v.personId ? v : undefined;
    }, 'the seeded case to settle', 90_000);
    personId = view.personId!;
    // The same person applies for a subsidy: the enrolment list and page are pages of their own.
    enrolment = uniqueCaseId('EN-P');
    await ctx.officer.call('POST', '/v1/enrolments', { enrolmentId: enrolment, program: 'NURSING_SUBSIDY', personId, appliedOn: '2026-11-02', bankAccount: { bank: '凉州区农商银行', accountNo: '6217000012345678' } });
    // And is paired with an official: the pairing list, a pairing and the pairing figures are pages of their own.
    pairingId = (await ctx.officer.call<{ pairingId: string }>('POST', '/v1/pairings', { personId, category: 'SEVERE_DISABILITY', official: { sub: 'page-official', name: '王建国', unit: '凉州区民政局' } })).pairingId;
  });
  after(async () => ctx?.close());

  const heading = (name: string | RegExp) => (page: Page) => page.getByRole('heading', { name }).first().waitFor();

  /** The settlement sheet, as the case page's print button opens it: in a tab of its own. */
  async function settlementSheet(page: Page, phone: boolean): Promise<void> {
    const [sheet] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('settlement-sheet').click()]);
    await sheet.waitForURL(/^blob:/);
    await sheet.waitForLoadState('load');
    await sheet.getByText('周强').first().waitFor();
    await screenshot(sheet, shotName('settlement', phone), { fullPage: true });
    await sheet.close();
  }

  function officerPages(): Visit[] {
    return [
      { name: 'case list', path: '/cases', ready: heading('个案列表'), shot: 'case-list' },
      { name: 'new case', path: '/cases/new', ready: heading('新建个案'), shot: 'new-case' },
      { name: 'case in screening', path: `/cases/${screening}`, ready: (page) => page.getByTestId('next-step').waitFor() },
      { name: 'settled case', path: `/cases/${reimbursing}`, ready: (page) => page.getByTestId('money-panel').waitFor(), shot: 'case', opens: settlementSheet },
      { name: 'import', path: '/import', ready: heading('批量导入'), shot: 'import' },
      { name: 'persons', path: '/persons', ready: heading('人员查询') },
      { name: 'data match', path: '/data-match', ready: heading('数据比对') },
      { name: 'match review', path: '/match-reviews', ready: heading('比对待核对') },
      { name: 'person', path: `/persons/${encodeURIComponent(personId)}`, ready: (page) => page.getByText('周强').first().waitFor(), shot: 'person' },
      { name: 'enrolment list', path: '/enrolments', ready: heading('补贴申请列表'), shot: 'enrolment-list' },
      { name: 'enrolment in town review', path: `/enrolments/${enrolment}`, ready: (page) => page.getByTestId('enrolment-stage').waitFor(), shot: 'enrolment' },
      { name: 'dashboard', path: '/dashboard', ready: heading('项目看板'), shot: 'dashboard' },
      { name: 'subsidy figures', path: '/subsidy-stats', ready: heading('两项补贴统计'), shot: 'subsidy-stats' },
      { name: 'pairing list', path: '/pairings', ready: heading('结对关爱'), shot: 'pairing-list' },
      { name: 'pairing', path: `/pairings/${pairingId}`, ready: (page) => page.getByTestId('pairing-summary').waitFor() },
      { name: 'pairing figures', path: '/pairing-stats', ready: heading('结对关爱统计'), shot: 'pairing-stats' },
      { name: 'password', path: '/account/password', ready: heading('修改密码') },
    ];
  }
  function hospitalPages(): Visit[] {
    return [
      { name: 'hospital case list', path: '/cases', ready: heading(/个案/) },
      { name: 'discharge form', path: `/cases/${rehabilitation}`, ready: (page) => page.getByLabel('住院总费用（元）').waitFor() },
      { name: 'settled case (hospital)', path: `/cases/${reimbursing}`, ready: (page) => page.getByTestId('money-panel').waitFor() },
    ];
  }
  function adminPages(): Visit[] {
    return [
      { name: 'stuck', path: '/admin/stuck', ready: heading('异常个案'), shot: 'stuck' },
      { name: 'proposals', path: '/admin/proposals', ready: heading('待批准的人工处理') },
      { name: 'payers', path: '/admin/payers', ready: heading('模拟支付方') },
      { name: 'users', path: '/admin/users', ready: heading('用户管理'), shot: 'users' },
      { name: 'payrolls', path: '/payrolls', ready: heading('发放名册'), shot: 'payrolls' },
      { name: 'sign-ins', path: '/admin/sign-ins', ready: heading('登录记录') },
      { name: 'admin enrolment', path: `/enrolments/${enrolment}`, ready: (page) => page.getByTestId('enrolment-stage').waitFor() },
      { name: 'admin case', path: `/cases/${reimbursing}`, ready: (page) => page.getByTestId('money-panel').waitFor() },
      { name: 'admin dashboard', path: '/dashboard', ready: heading('项目看板') },
      { name: 'admin pairing list', path: '/pairings', ready: heading('结对关爱') },
    ];
  }

  async function walk(role: 'officer' | 'hospital' | 'admin', sub: string, visits: Visit[], viewport: { width: number; height: number }): Promise<string[]> {
    const page = await ctx.page({ viewport });
    if (role === 'officer') {
      // The sign-in page, once per screen size: the first thing anyone sees.
      await page.goto('/');
      await page.getByRole('tab', { name: '令牌登录（开发）' }).waitFor();
      await screenshot(page, shotName('sign-in', viewport.width === PHONE_VIEWPORT.width), { fullPage: true });
    }
    await signInWithToken(page, await ctx.token(role, sub, role === 'hospital' ? 'wuwei-hand-foot' : undefined));
    const problems: string[] = [];
    for (const visit of visits) problems.push(...(await checkPage(page, visit, viewport.width === PHONE_VIEWPORT.width)));
    await page.context().close();
    return problems;
  }

  void it('on a 375×667 phone no page is wider than the screen, and none shows English', async () => {
    const problems = [
      ...(await walk('officer', 'page-officer', officerPages(), PHONE_VIEWPORT)),
      ...(await walk('hospital', 'page-clerk', hospitalPages(), PHONE_VIEWPORT)),
      ...(await walk('admin', 'page-admin', adminPages(), PHONE_VIEWPORT)),
    ];
    assert.deepEqual(problems, []);
  });

  void it('at the desk (1366×768) no page shows English in Chinese mode', async () => {
    const problems = [
      ...(await walk('officer', 'page-officer', officerPages(), VIEWPORT)),
      ...(await walk('hospital', 'page-clerk', hospitalPages(), VIEWPORT)),
      ...(await walk('admin', 'page-admin', adminPages(), VIEWPORT)),
    ];
    assert.deepEqual(problems, []);
  });

  void it('on a phone the menu is a drawer, a dialog fits the screen with its buttons in view', async () => {
    const page = await ctx.page({ viewport: PHONE_VIEWPORT });
    await signInWithToken(page, await ctx.token('hospital', 'page-clerk', 'wuwei-hand-foot'));
    // Landed on the case list first (a route change closes the drawer), and the drawer is closed until asked for.
    await page.waitForURL('**/cases');
    await page.getByRole('heading', { name: '本院个案' }).waitFor();
    assert.equal(await page.getByRole('link', { name: '个案列表' }).isVisible(), false);
    await page.getByRole('button', { name: '打开菜单' }).click();
    await page.getByRole('link', { name: '个案列表' }).click();
    await page.goto(`/cases/${rehabilitation}`);
    await page.getByLabel('住院总费用（元）').fill('12,345.67');
    await page.getByLabel('其中政策范围内费用（元）').fill('10000');
    await page.getByRole('button', { name: '确认出院并提交账单' }).click();
    await page.getByTestId('discharge-summary').waitFor();
    const ok = await page.getByRole('button', { name: '确认提交' }).boundingBox();
    assert.ok(ok && ok.y + ok.height <= PHONE_VIEWPORT.height && ok.x + ok.width <= PHONE_VIEWPORT.width, `the confirm button is in view: ${JSON.stringify(ok)}`);
    await screenshot(page, 'discharge-confirm-phone');
    await page.getByRole('button', { name: '返回修改' }).click();
    await page.goto(`/cases/${reimbursing}`);
    await page.getByTestId('money-panel').waitFor();
    await screenshot(page, 'case-money-panel-phone', { fullPage: true });
    const { width } = await overflow(page, PHONE_VIEWPORT.width);
    assert.ok(width <= PHONE_VIEWPORT.width, `the case page is ${width} px wide`);
    await page.context().close();
  });
});
