/**
 * What the console asks of the server so that a clerk finds a case and imports a roster on the
 * first try: the configuration (towns, the Temporal Web UI for administrators), `q` on the case
 * list, and a roster written the way a clerk writes it (Chinese headers, hospital names, category
 * labels, 是/否, the template's example line).
 */
import { caseId, idNumber, newCase } from './fixtures';
import { startApiHarness, type ApiHarness } from './harness';
import { eventually } from '../support/eventually';

let api: ApiHarness;
let officer: string;

beforeAll(async () => {
  api = await startApiHarness({ worker: true, env: { TOWNS: '黄羊镇、武南镇,清源镇', TEMPORAL_UI_URL: 'https://temporal.example.gov.cn/' } });
  officer = await api.token('officer');
});
afterAll(async () => {
  await api?.close();
});

test('GET /v1/config: the configured towns for everyone, the Temporal Web UI for administrators only', async () => {
  const asOfficer = await api.call({ method: 'GET', url: '/v1/config', token: officer });
  expect(asOfficer.statusCode).toBe(200);
  expect(asOfficer.json()).toEqual({ towns: ['黄羊镇', '武南镇', '清源镇'], temporalUiUrl: null });
  const asAdmin = await api.call({ method: 'GET', url: '/v1/config', token: await api.token('admin') });
  expect(asAdmin.json()).toEqual({ towns: ['黄羊镇', '武南镇', '清源镇'], temporalUiUrl: 'https://temporal.example.gov.cn' });
  expect((await api.call({ method: 'GET', url: '/v1/config', token: null })).statusCode).toBe(401);
});

test('q finds cases by part of a name or of a case number, a hospital only among its own; an ID number is refused in an address', async () => {
  const personId = idNumber();
  const mine = newCase({ caseId: caseId('qsearch'), applicant: { name: '欧阳秀兰', idNumber: personId, phone: '13800000000', town: '黄羊镇', village: '新店村' } });
  const other = newCase({ caseId: caseId('qother'), applicant: { name: '欧阳明', idNumber: idNumber(), phone: '13800000000', town: '武南镇', village: '新店村' }, hospitalId: 'liangzhou-people' });
  for (const body of [mine, other]) expect((await api.call({ method: 'POST', url: '/v1/cases', token: officer, payload: body })).statusCode).toBe(201);
  const found = async (q: string, token = officer) => {
    const response = await api.call({ method: 'GET', url: `/v1/cases?q=${encodeURIComponent(q)}&limit=200`, token });
    expect([response.statusCode, response.statusCode === 200 ? '' : response.body]).toEqual([200, '']);
    return (response.json().items as Array<{ caseId: string }>).map((item) => item.caseId).filter((id) => id === mine.caseId || id === other.caseId).sort();
  };
  const both = [mine.caseId, other.caseId].sort();
  // The list is a projection: wait until both cases are in it.
  await eventually('both cases listed', async () => ((await found('欧阳')).length === 2 ? true : undefined), 30_000, 250);
  expect(await found('欧阳')).toEqual(both);
  expect(await found('秀兰')).toEqual([mine.caseId]);
  expect(await found(mine.caseId!.slice(2, -2).toLowerCase())).toEqual([mine.caseId]);
  // An ID number never travels in a URL: the console looks the person up with a POST body instead.
  const byIdNumber = await api.call({ method: 'GET', url: `/v1/cases?q=${personId}`, token: officer });
  expect(byIdNumber.statusCode).toBe(400);
  expect(byIdNumber.json().errors[0].path).toBe('query.q');
  expect(api.logs.join('\n')).not.toContain(personId);
  // `%` and `_` are letters, not wildcards.
  expect(await found('%')).toEqual([]);
  const hospital = await api.token('hospital', { hospitalId: 'wuwei-hand-foot' });
  expect(await found('欧阳', hospital)).toEqual([mine.caseId]);
  const tooLong = await api.call({ method: 'GET', url: `/v1/cases?q=${'x'.repeat(65)}`, token: officer });
  expect(tooLong.statusCode).toBe(400);
  expect(JSON.stringify(tooLong.json())).toContain('q');
});

test('a roster in the Chinese template: headers, a hospital by name, a category by label, 是/否; the example line is skipped', async () => {
  const header = '个案编号,姓名*,身份证号*,联系电话,镇/街道*,村/社区,诊断*,定点医院*,参加城乡居民医保,救助类别*,残疾证号,监护人姓名,监护人电话,与申请人关系';
  const example = `示例（导入时跳过此行）,张三,${idNumber()},13800000000,黄羊镇,新店村,先天性马蹄内翻足,武威手足外科医院,是,低保对象,,,,`;
  const first = caseId('zh1');
  const second = caseId('zh2');
  const third = caseId('zh3');
  const rows = [
    `${first},李四,${idNumber()},,黄羊镇,,先天性马蹄内翻足,武威手足外科医院,否,特困供养人员,,,,`,
    `${second},王五,${idNumber()},,清源镇,,脊柱侧弯,wuwei-hand-foot,是,DIBAO,,,,`,
    `${third},赵六,${idNumber()},,清源镇,,脊柱侧弯,某某医院,也许,贫困户,,,,`,
  ];
  const response = await api.call({ method: 'POST', url: '/v1/cases/import', token: officer, headers: { 'content-type': 'text/csv; charset=utf-8' }, payload: `\uFEFF${[header, example, ...rows].join('\r\n')}\r\n` });
  expect(response.statusCode).toBe(200);
  const result = response.json();
  expect(result.created).toBe(2);
  expect(result.caseIds).toEqual([first, second]);
  // Row numbers count the cases, the example line not included; every problem of the row at once.
  expect(result.failed).toHaveLength(1);
  expect(result.failed[0].row).toBe(3);
  expect((result.failed[0].errors as Array<{ path: string }>).map((e) => e.path).sort()).toEqual(['assistanceCategory', 'hospitalId', 'insured'].sort());
  const opened = await api.call({ method: 'GET', url: `/v1/cases/${first}`, token: officer });
  expect(opened.json()).toMatchObject({ hospitalId: 'wuwei-hand-foot', assistanceCategory: 'TEKUN', insured: false });
});

test('a roster header names what is missing by its Chinese name', async () => {
  const response = await api.call({ method: 'POST', url: '/v1/cases/import', token: officer, headers: { 'content-type': 'text/csv' }, payload: '姓名,身份证号\n李四,1\n' });
  expect(response.statusCode).toBe(400);
  expect(JSON.stringify(response.json())).toContain('镇/街道');
});
