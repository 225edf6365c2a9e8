/** Officers: open a case with the form, screen it; the case list; a roster import with per-row errors. */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { e2eContext, eventually, type E2EContext } from './support/context';
import { screenshot } from './support/browser';
import { newCaseBody, uniqueCaseId, uniqueIdNumber, walkCase } from './support/api';
import { idNumberCheckCharacter } from '../../domain/id-number';

const TOWNS = ['黄羊镇', '武南镇', '清源镇', '永昌镇', '双城镇', '丰乐镇', '高坝镇', '金羊镇'];
const NAMES = ['王秀英', '张伟', '刘洋', '陈静', '杨帆', '赵磊', '黄丽', '周强'];

void describe('officer', () => {
  let ctx: E2EContext;
  /** The seeded cases' numbers, by applicant's name. */
  const seeded = new Map<string, string>();
  before(async () => {
    ctx = await e2eContext();
    // A district's list is never empty: some cases in several towns, two left waiting for admission.
    const bodies = TOWNS.map((town, i) => newCaseBody(uniqueCaseId('LZ'), { town, name: NAMES[i] }));
    bodies.forEach((body, i) => seeded.set(NAMES[i]!, body.caseId));
    await ctx.officer.call('POST', '/v1/cases/import', { cases: bodies });
    for (const hospitalId of ['wuwei-hand-foot', 'liangzhou-people']) {
      const caseId = uniqueCaseId('LZ');
      await walkCase(ctx.officer, ctx.hospital, caseId, 'AWAITING_ADMISSION', newCaseBody(caseId, { hospitalId, name: '马晓燕', town: '武南镇' }));
    }
  });
  after(async () => ctx?.close());

  void it('opens a case with the new-case form (developer sign-in) and screens it', async () => {
    const page = await ctx.page();
    await page.goto('/');
    await page.getByRole('tab', { name: '开发环境登录' }).click();
    await page.getByRole('button', { name: '获取令牌并登录' }).click();
    await page.getByRole('heading', { name: '个案列表' }).waitFor();

    await page.getByRole('link', { name: '新建个案' }).click();
    // The shared schema refuses a wrong check digit before anything is sent.
    const idNumber = uniqueIdNumber();
    const wrong = `${idNumber.slice(0, 17)}${idNumber[17] === '1' ? '2' : '1'}`;
    await page.getByLabel('姓名').fill('孙建国');
    await page.getByLabel('身份证号').fill(wrong);
    await page.getByLabel('镇/街道').fill('黄羊镇');
    await page.getByText('身份证号校验位不正确，请核对').waitFor();
    await page.getByLabel('身份证号').fill(idNumber);
    await page.getByLabel('诊断').fill('脑瘫后遗症，双下肢畸形');
    // Keyboard: type into the hospital select and take the match with Enter.
    await page.getByLabel('定点医院').fill('手足外科');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /建\s*档/ }).click();

    const heading = page.getByRole('heading', { name: /^个案 / });
    await heading.waitFor();
    const caseId = (await heading.textContent())!.replace(/^个案 /, '').trim();
    await page.getByRole('button', { name: '提交筛查结果' }).click();
    await page.locator('.ant-tag', { hasText: '待入院' }).first().waitFor();
    await page.getByText('登记筛查结果').first().waitFor({ timeout: 30_000 });

    const view = await ctx.officer.call<{ stage: string; screening: { screenedBy: string } }>('GET', `/v1/cases/${caseId}`);
    assert.equal(view.stage, 'AWAITING_ADMISSION');
    // The development sign-in names its user after the role, whatever anyone types.
    assert.equal(view.screening.screenedBy, 'dev-officer');
    await page.context().close();
  });

  void it('lists the cases with filters, overdue badges and paging', async () => {
    const page = await ctx.page();
    await page.goto('/');
    await page.getByRole('tab', { name: '开发环境登录' }).click();
    await page.getByRole('button', { name: '获取令牌并登录' }).click();
    await page.getByRole('heading', { name: '个案列表' }).waitFor();
    // The list may lag behind writes by a few seconds; refresh until the seeded cases show.
    await eventually(async () => {
      await page.getByRole('button', { name: /刷\s*新/ }).click();
      return (await page.locator('tr.ant-table-row').count()) >= 10;
    }, 'the seeded cases in the list');
    // The two cases waiting for admission pass their 20 s service-level time.
    await eventually(async () => {
      await page.getByRole('button', { name: /刷\s*新/ }).click();
      return (await page.getByTestId('overdue-badge').count()) >= 2;
    }, 'overdue badges', 90_000, 3_000);
    await screenshot(page, 'cases-list', { fullPage: true });

    // Towns are a select list fed by the server's configuration: type, then take the match with Enter.
    await page.getByLabel('镇/街道').fill('武南镇');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await eventually(async () => {
      const towns = await page.locator('tr.ant-table-row td:nth-child(3)').allTextContents();
      return towns.length > 0 && towns.every((town) => town === '武南镇');
    }, 'only 武南镇 in the filtered list');
    assert.match(page.url(), /town=%E6%AD%A6%E5%8D%97%E9%95%87/);
    await page.context().close();
  });

  void it('finds a case by part of the applicant\'s name', async () => {
    const page = await ctx.page();
    await page.goto('/');
    await page.getByRole('tab', { name: '开发环境登录' }).click();
    await page.getByRole('button', { name: '获取令牌并登录' }).click();
    await page.getByRole('heading', { name: '个案列表' }).waitFor();
    // Two characters out of three: the given name without the family name.
    await page.locator('#filter-q').fill('秀英');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    const wanted = seeded.get('王秀英')!;
    const other = seeded.get('张伟')!;
    // The unfiltered list is on screen until the answer comes: wait for a list of only …秀英… cases.
    const rows = await eventually(async () => {
      const texts = await page.locator('tr.ant-table-row').allTextContents();
      return texts.length > 0 && texts.every((row) => row.includes('秀英')) ? texts : undefined;
    }, 'a list of only the cases whose applicant is called …秀英…');
    assert.ok(rows.some((row) => row.includes(wanted)), `the case of 王秀英 (${wanted}) is found: ${rows.join(' | ')}`);
    assert.ok(!rows.some((row) => row.includes(other)), `the case of 张伟 (${other}) is not among them`);
    assert.match(page.url(), /q=%E7%A7%80%E8%8B%B1/);
    await page.context().close();
  });

  void it('imports a roster: preview, progress, per-row errors in words', async () => {
    const page = await ctx.page();
    await page.goto('/');
    await page.getByRole('tab', { name: '开发环境登录' }).click();
    await page.getByRole('button', { name: '获取令牌并登录' }).click();
    await page.getByRole('link', { name: '批量导入' }).click();

    // The template's Chinese header and example line; hospitals by name, categories by label, 是/否.
    const header = '个案编号,姓名*,身份证号*,联系电话,镇/街道*,村/社区,诊断*,定点医院*,参加城乡居民医保,救助类别*,残疾证号,监护人姓名,监护人电话,与申请人关系';
    const example = `示例（导入时跳过此行）,张三,${uniqueIdNumber()},13800000000,黄羊镇,新店村,先天性马蹄内翻足,武威手足外科医院,是,低保对象,,,,`;
    const year = new Date().getFullYear() - 9;
    const minorFirst17 = `620602${year}0315${String(process.pid % 1000).padStart(3, '0')}`;
    const minor = `${minorFirst17}${idNumberCheckCharacter(minorFirst17)}`;
    const good = () => uniqueIdNumber();
    const badCheck = (() => {
      const id = good();
      return `${id.slice(0, 17)}${id[17] === '3' ? '4' : '3'}`;
    })();
    const rows = [
      `,王小红,${good()},13900000001,黄羊镇,新店村,先天性髋关节脱位,武威手足外科医院,是,低保对象,,,,`,
      `,李大山,${badCheck},,武南镇,,小儿麻痹后遗症,武威手足外科医院,是,特困供养人员,,,,`,
      `,赵小明,${minor},,清源镇,,"马蹄内翻足, 双侧",凉州区人民医院,是,无,,,,`,
      `,钱秀兰,${good()},,永昌镇,,膝关节畸形,某某医院,否,返贫致贫人口,,,,`,
      `,孙立新,${good()},,双城镇,上寨村,脊柱侧弯,wuwei-central,true,DIBAO,,,,`,
    ];
    await page.getByLabel('选择 CSV 文件：').setInputFiles({ name: 'screening-roster.csv', mimeType: 'text/csv', buffer: Buffer.from(`\ufeff${header}\r\n${example}\r\n${rows.join('\r\n')}\r\n`) });
    await page.getByText('预览：screening-roster.csv，共 5 行').waitFor();
    await page.getByText(/本地检查发现 3 行可能有问题/).waitFor();
    // The preview names the allowed hospitals for the one it does not know.
    await page.getByText(/“某某医院”不是定点医院，只能填：武威手足外科医院、/).waitFor();
    await page.getByRole('button', { name: '导入 5 行' }).click();

    const result = page.getByTestId('import-result');
    await result.getByText('5 / 5').waitFor();
    // By the spreadsheet's lines (header 1, example 2), with the applicant's name.
    const failedRows = await result.locator('tr.ant-table-row td:first-child').allTextContents();
    assert.deepEqual(failedRows, ['4', '5', '6']);
    await result.getByText('李大山').waitFor();
    await result.getByText(/校验位不正确/).waitFor();
    await result.getByText(/必须填写监护人/).waitFor();
    await screenshot(page, 'import-result', { fullPage: true });
    await page.context().close();
  });
});
