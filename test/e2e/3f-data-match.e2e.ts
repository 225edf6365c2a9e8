/**
 * The monthly data match from a district office's side, in the browser: two registered people
 * (through the API), the first with an ACTIVE nursing subsidy, the second registered under a name the
 * sending office writes differently. An officer chooses the month's list (a death for each, an ID
 * number nobody knows, an unreadable row) through the page's file input, reads the preview (the
 * counts by event, the bad row flagged), uploads it, reads the result (one applied, one queued, one
 * not in the registry, one refused, one subsidy ended), opens the review queue and accepts the
 * queued row; the API then has both people deceased and the subsidy TERMINATED. The same walk saves
 * the pictures of docs/data-match.md (docs/screenshots/data-match-preview.png,
 * data-match-result.png, match-review.png). Numbered 3f so that the dashboard (4) stays last.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { e2eContext, eventually, signInWithToken, type E2EContext } from './support/context';
import { screenshot, type Page } from './support/browser';
import { StackApi, uniqueCaseId, uniqueIdNumber } from './support/api';
import { latinRuns } from './support/page-checks';

/**
 * What may be Latin on these Chinese pages: identifiers with a digit (batch ids, masked ID numbers,
 * the e2e users, UTF-8 and GB18030), file formats, and the chosen file's own name.
 */
const ALLOWED: RegExp[] = [/[A-Za-z0-9_.:/-]*\d[A-Za-z0-9_.:/-]*/g, /\b(CSV|Excel)\b/g, /\.csv\b/g];

async function shoot(page: Page, name: string): Promise<void> {
  assert.deepEqual(await latinRuns(page, ALLOWED), [], `${name} shows English in Chinese mode`);
  await screenshot(page, name, { fullPage: true });
}

/** A day in Shanghai's calendar, `days` from today, as YYYY-MM-DD. */
function shanghaiDay(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** Two months back, the 3rd: the subsidy has been owed since then (as in 3e-payroll). */
function appliedOn(): string {
  const shanghai = new Date(Date.now() + 8 * 3_600_000);
  const back = new Date(Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth() - 2, 3));
  return back.toISOString().slice(0, 10);
}

interface Person {
  personId: string;
  idNumber: string;
  name: string;
}

interface PersonView {
  status: string;
  statusSince: string;
}

interface BatchView {
  batchId: string;
  status: string;
  applied: number;
  queued: number;
  notInRegistry: number;
  failed: unknown[];
}

/** A check character other than the right one: a well-formed ID number the checks refuse. */
function withWrongCheck(idNumber: string): string {
  const last = idNumber.at(-1);
  return `${idNumber.slice(0, 17)}${last === '0' ? '1' : '0'}`;
}

void describe('the monthly data match', () => {
  let ctx: E2EContext;
  let civil: StackApi;
  let died: Person;
  let misnamed: Person;
  let enrolmentId: string;
  let batchId: string;
  let page: Page;
  const deathDay = shanghaiDay(-1);

  before(async () => {
    ctx = await e2eContext();
    civil = new StackApi(ctx.baseUrl, await ctx.token('civil', 'e2e-civil-wang'));
    const register = async (name: string, town: string): Promise<Person> => {
      const person = { personId: uniqueCaseId('PS-DM'), idNumber: uniqueIdNumber(), name };
      await ctx.officer.call('POST', '/v1/persons', {
        ...person,
        town,
        assistanceCategory: 'DIBAO',
        disability: { certificateNo: 'CDPF-1', category: 'PHYSICAL', grade: 1, longTermCare: true },
      });
      return person;
    };
    died = await register('张国华', '黄羊镇');
    misnamed = await register('王芳', '清源镇');
    // The first person's nursing subsidy, granted and ACTIVE once its (two-second) notice ends.
    enrolmentId = uniqueCaseId('EN-DM');
    const review = { approved: true, reviewedBy: '乡镇民政助理 马' };
    await ctx.officer.call('POST', '/v1/enrolments', { enrolmentId, program: 'NURSING_SUBSIDY', personId: died.personId, appliedOn: appliedOn(), bankAccount: { bank: '农村信用社凉州支行', accountNo: '6228480000000044445' } });
    await ctx.officer.call('POST', `/v1/enrolments/${enrolmentId}/town-review`, review);
    await ctx.officer.call('POST', `/v1/enrolments/${enrolmentId}/cdpf-review`, review);
    await civil.call('POST', `/v1/enrolments/${enrolmentId}/decision`, { approved: true });
    await eventually(async () => (await ctx.officer.call<{ stage: string }>('GET', `/v1/enrolments/${enrolmentId}`)).stage === 'ACTIVE', `${enrolmentId} to be granted after its notice`);
    page = await ctx.page();
    await signInWithToken(page, await ctx.token('officer', 'e2e-officer'));
  });
  after(async () => ctx?.close());

  void it('an officer chooses the month\'s list and the preview counts it and flags the bad row', async () => {
    const list = [
      '身份证号,姓名,事件,日期,来源',
      `${died.idNumber},${died.name},死亡,${deathDay},公安局`,
      // The sending office writes the second person's name another way: it waits for a person to look.
      `${misnamed.idNumber},王方,死亡,${deathDay},民政局`,
      `${uniqueIdNumber()},刘长生,死亡,${deathDay},公安局`,
      `${withWrongCheck(uniqueIdNumber())},陈玉兰,死亡,${deathDay},公安局`,
    ].join('\r\n');
    await page.goto('/data-match');
    await page.getByRole('heading', { name: '数据比对' }).waitFor();
    await page.locator('#life-event-list').setInputFiles({ name: '死亡名单.csv', mimeType: 'text/csv', buffer: Buffer.from(`${list}\r\n`, 'utf8') });
    // The browser's own file input would speak the browser's language ("Choose File"): the page shows its own button.
    assert.equal(await page.locator('input[type="file"]:visible').count(), 0, 'a native file input is on the page');
    assert.equal(await page.getByTestId('life-event-list-name').textContent(), '死亡名单.csv');
    const preview = page.getByTestId('list-preview');
    await preview.waitFor();
    assert.match((await preview.textContent()) ?? '', /共 4 行/);
    assert.match((await page.getByTestId('type-counts').textContent()) ?? '', /死亡 4 行/);
    await preview.getByText('本地检查发现 1 行有问题').waitFor();
    // The bad row (line 5 of the file) is the one flagged, by its column.
    const badRow = page.getByTestId('preview-rows').locator('tr.ant-table-row').filter({ hasText: '陈玉兰' });
    assert.match((await badRow.textContent()) ?? '', /身份证号: 身份证号校验位不正确/);
    await shoot(page, 'data-match-preview');
  });

  void it('uploads it and reads the result: one applied, one queued, one unknown, one refused, the subsidy ended', async () => {
    await page.getByRole('button', { name: '上传并比对 4 行' }).click();
    const result = page.getByTestId('batch-result');
    await result.waitFor();
    await page.getByTestId('count-applied').waitFor({ timeout: 60_000 });
    const value = async (testId: string) => (await result.getByTestId(testId).locator('.ant-statistic-content').textContent())?.trim();
    assert.deepEqual(
      {
        rows: await value('count-rows'),
        applied: await value('count-applied'),
        already: await value('count-already'),
        queued: await value('count-queued'),
        notInRegistry: await value('count-not-in-registry'),
        failed: await value('count-failed'),
        enrolments: await value('effect-enrolments'),
        cases: await value('effect-cases'),
        pairings: await value('effect-pairings'),
      },
      { rows: '4', applied: '1', already: '0', queued: '1', notInRegistry: '1', failed: '1', enrolments: '1', cases: '0', pairings: '0' },
    );
    // The refused row is named by its line in the file and, the file being at hand, by its name.
    const failed = result.getByTestId('failed-rows').locator('tr.ant-table-row');
    assert.equal(await failed.count(), 1);
    assert.match((await failed.first().textContent()) ?? '', /^5陈玉兰身份证号/);
    batchId = ((await result.locator('.ant-card-head-title').textContent()) ?? '').replace(/^比对结果：/, '').trim();
    assert.match(batchId, /^LB-[0-9a-f]{24}$/);
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await shoot(page, 'data-match-result');
  });

  void it('opens the review queue and accepts the row whose name differs', async () => {
    await page.getByRole('button', { name: '核对 1 行姓名不一致的记录' }).click();
    await page.getByRole('heading', { name: '比对待核对' }).waitFor();
    const row = page.getByTestId('review-list').locator('tr.ant-table-row').filter({ hasText: '王方' });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /王芳/);
    assert.equal(await page.getByTestId('review-list').locator('tr.ant-table-row').count(), 1);
    await page.waitForLoadState('networkidle').catch(() => undefined);
    await shoot(page, 'match-review');
    await row.getByRole('button', { name: /^采\s*纳$/ }).click();
    const outcome = page.getByTestId('review-outcome');
    await outcome.waitFor();
    assert.match((await outcome.textContent()) ?? '', /已采纳第 2 行（王方）：终止补贴 0 项，撤回个案 0 个，结束结对 0 个/);
    // Only queued rows are listed: the decided one leaves the list.
    await page.getByText('没有需要核对的行').waitFor();
    assert.deepEqual(await latinRuns(page, ALLOWED), [], 'the review queue after accepting shows English in Chinese mode');
  });

  void it('the API has both deaths recorded and the subsidy terminated', async () => {
    for (const person of [died, misnamed]) {
      const view = await ctx.officer.call<PersonView>('GET', `/v1/persons/${person.personId}`);
      assert.equal(view.status, 'DECEASED', `${person.name} is recorded deceased`);
    }
    const enrolment = await eventually(async () => {
      const view = await ctx.officer.call<{ stage: string }>('GET', `/v1/enrolments/${enrolmentId}`);
      return view.stage === 'TERMINATED' ? view : undefined;
    }, `${enrolmentId} to be terminated`);
    assert.equal(enrolment.stage, 'TERMINATED');
    const batch = await ctx.officer.call<BatchView>('GET', `/v1/persons/life-events/imports/${batchId}`);
    assert.deepEqual({ status: batch.status, applied: batch.applied, queued: batch.queued, notInRegistry: batch.notInRegistry, failed: batch.failed.length }, { status: 'DONE', applied: 2, queued: 0, notInRegistry: 1, failed: 1 });
    await page.context().close();
  });
});
