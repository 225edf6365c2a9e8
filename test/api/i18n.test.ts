/**
 * Texts a person reads, in the language asked for: 简体中文 by default, English on request
 * (Accept-Language or ?lang=). The worked example is settled by a real worker, then read back.
 */
import { ADMISSION, DISCHARGE, newCase, SCREENING, SURGERY, withBadCheckDigit } from './fixtures';
import { startApiHarness, type ApiHarness } from './harness';
import { WORKED_EXAMPLE_AMOUNTS, WORKED_EXAMPLE_EN, WORKED_EXAMPLE_ZH } from '../fixtures/worked-example-explanations';

let api: ApiHarness;
let officer: string;
let hospital: string;
let caseId: string;

async function waitForStage(id: string, stage: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const body = (await api.call({ method: 'GET', url: `/v1/cases/${id}`, token: officer })).json();
    if (body.stage === stage) return;
    if (Date.now() > deadline) throw new Error(`case ${id} is in ${body.stage}, not ${stage}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

beforeAll(async () => {
  api = await startApiHarness({ worker: true });
  [officer, hospital] = await Promise.all([api.token('officer'), api.token('hospital', { hospitalId: 'wuwei-hand-foot' })]);
  const body = newCase();
  caseId = body.caseId!;
  expect((await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: body })).statusCode).toBe(201);
  await api.call({ method: 'POST', url: `/v1/cases/${caseId}/screening`, token: officer, payload: SCREENING });
  await api.call({ method: 'POST', url: `/v1/cases/${caseId}/admission`, token: hospital, payload: ADMISSION });
  await api.call({ method: 'POST', url: `/v1/cases/${caseId}/surgery`, token: hospital, payload: SURGERY });
  await api.call({ method: 'POST', url: `/v1/cases/${caseId}/discharge`, token: hospital, payload: DISCHARGE });
  await waitForStage(caseId, 'SETTLED');
}, 120_000);
afterAll(async () => {
  await api?.close();
}, 120_000);

const explanations = (body: Record<string, any>) => (body.reimbursement.claims as Array<{ explanation: string }>).map((claim) => claim.explanation);

describe('claim explanations, rendered when read', () => {
  test('in 简体中文 when no language is asked for, exactly', async () => {
    const response = await api.call({ method: 'GET', url: `/v1/cases/${caseId}`, token: officer });
    expect(response.headers['content-language']).toBe('zh-CN');
    expect(explanations(response.json())).toEqual(WORKED_EXAMPLE_ZH);
  });

  test('in English with Accept-Language: en, exactly', async () => {
    const response = await api.call({ method: 'GET', url: `/v1/cases/${caseId}`, token: officer, headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(response.headers['content-language']).toBe('en');
    expect(explanations(response.json())).toEqual(WORKED_EXAMPLE_EN);
  });

  test('?lang= overrides the header, and strict query schemas do not see it', async () => {
    const one = await api.call({ method: 'GET', url: `/v1/cases/${caseId}?lang=zh-CN`, token: officer, headers: { 'accept-language': 'en' } });
    expect(explanations(one.json())).toEqual(WORKED_EXAMPLE_ZH);
    const list = await api.call({ method: 'GET', url: '/v1/cases?limit=5&lang=en', token: officer });
    expect(list.statusCode).toBe(200);
    expect(list.headers['content-language']).toBe('en');
  });

  test('in the timeline too, with the data they were rendered from', async () => {
    const zh = (await api.call({ method: 'GET', url: `/v1/cases/${caseId}/events`, token: officer })).json().items;
    const en = (await api.call({ method: 'GET', url: `/v1/cases/${caseId}/events?lang=en`, token: officer })).json().items;
    const decided = (items: Array<Record<string, any>>) => items.filter((event) => event.type === 'ClaimDecided').map((event) => event.data);
    expect(decided(zh).map((data) => data.explanation)).toEqual(WORKED_EXAMPLE_ZH);
    expect(decided(en).map((data) => data.explanation)).toEqual(WORKED_EXAMPLE_EN);
    expect(decided(en)[0].explanationData).toMatchObject({ key: 'basic.formula', deductibleFen: 140_000, ratioBp: 6500 });
  });
});

describe('the settlement sheet', () => {
  test('in 简体中文: the five amounts, their explanations and 个人自付 ¥0.00', async () => {
    const response = await api.call({ method: 'GET', url: `/v1/cases/${caseId}/settlement`, token: officer });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    const html = response.body;
    for (const amount of WORKED_EXAMPLE_AMOUNTS) expect(html).toContain(`<td class="amount">${amount}</td>`);
    for (const sentence of WORKED_EXAMPLE_ZH) expect(html).toContain(sentence);
    expect(html).toMatch(/<th colspan="2">个人自付<\/th><td class="amount">¥0\.00<\/td>/);
    expect(html).toContain('医疗费用总额');
    expect(html).toContain('¥120,000.00');
    expect(html).toContain('武威手足外科医院（三级甲等医院）');
    expect(html).toContain('gansu-2025-illustrative');
    expect(html).toContain('张三');
  });

  test('in English with ?lang=en', async () => {
    const html = (await api.call({ method: 'GET', url: `/v1/cases/${caseId}/settlement?lang=en`, token: officer })).body;
    expect(html).toContain('<html lang="en">');
    for (const sentence of WORKED_EXAMPLE_EN) expect(html).toContain(sentence.replaceAll("'", '&#39;'));
    expect(html).toMatch(/<th colspan="2">Out of pocket<\/th><td class="amount">¥0\.00<\/td>/);
  });

  test("the hospital's sheet masks the ID number, as its case view does", async () => {
    const view = (await api.call({ method: 'GET', url: `/v1/cases/${caseId}`, token: hospital })).json();
    const html = (await api.call({ method: 'GET', url: `/v1/cases/${caseId}/settlement`, token: hospital })).body;
    expect(view.applicant.idNumber).toMatch(/\*{8}/);
    expect(html).toContain(view.applicant.idNumber);
  });

  test('a case not settled yet has none: 409 stage-conflict', async () => {
    const body = newCase();
    await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: body });
    const response = await api.call({ method: 'GET', url: `/v1/cases/${body.caseId}/settlement`, token: officer });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ type: '/problems/stage-conflict', currentStage: 'SCREENING', detail: '案件结算后才有结算单；案件当前处于“待筛查”阶段' });
  });
});

describe('problem documents', () => {
  const invalid = () => {
    const body = newCase();
    return { ...body, applicant: { ...body.applicant, idNumber: withBadCheckDigit(body.applicant.idNumber) }, diagnosis: '' };
  };

  test('a validation error in 简体中文 by default, the field paths unchanged', async () => {
    const response = await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: invalid() });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-language']).toBe('zh-CN');
    expect(response.json()).toMatchObject({ type: '/problems/validation', title: '请求内容无效', detail: '请求中有无效字段，详见 errors' });
    expect(response.json().errors).toEqual([
      { path: 'applicant.idNumber', message: '身份证号校验位不正确，请核对' },
      { path: 'diagnosis', message: '不能为空' },
    ]);
  });

  test('the same validation error in English', async () => {
    const response = await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: invalid(), headers: { 'accept-language': 'en' } });
    expect(response.json()).toMatchObject({ type: '/problems/validation', title: 'The request is not valid', detail: 'the request has invalid fields; see errors' });
    expect(response.json().errors).toEqual([
      { path: 'applicant.idNumber', message: 'resident ID number has a wrong check character' },
      { path: 'diagnosis', message: 'Too small: expected string to have >=1 characters' },
    ]);
  });

  test('a stage conflict in 简体中文 and in English', async () => {
    const body = newCase();
    await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: body });
    const url = `/v1/cases/${body.caseId}/surgery`;
    const zh = await api.call({ method: 'POST', url, token: hospital, payload: SURGERY });
    expect(zh.statusCode).toBe(409);
    expect(zh.json()).toEqual({
      type: '/problems/stage-conflict',
      title: '案件当前所处阶段不允许此操作',
      status: 409,
      detail: '手术需要案件处于“待手术”阶段；案件当前处于“待筛查”阶段',
      currentStage: 'SCREENING',
    });
    const en = await api.call({ method: 'POST', url: `${url}?lang=en`, token: hospital, payload: SURGERY });
    expect(en.json()).toEqual({
      type: '/problems/stage-conflict',
      title: 'The case is not in a stage that allows this',
      status: 409,
      detail: 'surgery needs stage AWAITING_SURGERY; the case is in SCREENING',
      currentStage: 'SCREENING',
    });
  });

  test('auth refusals and unknown routes too', async () => {
    const unauthorized = await api.call({ method: 'GET', url: '/v1/cases', token: null });
    expect(unauthorized.json()).toMatchObject({ title: '需要有效的登录令牌', detail: '请在 Authorization 请求头中提供 Bearer 令牌' });
    const forbidden = await api.call({ method: 'GET', url: '/v1/admin/stuck', token: officer });
    expect(forbidden.json()).toMatchObject({ title: '您的角色无权执行此操作', detail: '经办人员角色无权执行此操作；允许的角色：管理员' });
    const missing = await api.call({ method: 'GET', url: '/v1/cases/no-such-case-1', token: officer });
    expect(missing.json()).toMatchObject({ title: '未找到', detail: '没有案件 no-such-case-1' });
  });
});

test('CSV import row errors in 简体中文, paths unchanged', async () => {
  const csv = 'name,idNumber,town,diagnosis,hospitalId,assistanceCategory\n李四,123,黄羊镇,先天性马蹄内翻足,wuwei-hand-foot,XYZ\n';
  const send = (lang: string) =>
    api.call({ method: 'POST', url: `/v1/cases/import?lang=${lang}`, token: officer, payload: csv, headers: { 'content-type': 'text/csv' } });
  const zh = await send('zh-CN');
  expect(zh.statusCode).toBe(200);
  const en = await send('en');
  const paths = (response: typeof zh) => (response.json().failed[0].errors as Array<{ path: string }>).map((error) => error.path);
  expect(paths(zh)).toEqual(paths(en));
  const messages = (zh.json().failed[0].errors as Array<{ message: string }>).map((error) => error.message);
  expect(messages).toContain('身份证号必须是 17 位数字加 1 位数字或 X');
  expect(messages).toContain('必须是以下之一："TEKUN"、"DIBAO"、"RETURNED_POOR"、"NONE"');
});
