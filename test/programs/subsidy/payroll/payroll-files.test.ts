/**
 * A payroll's files through the HTTP API on the real stack (Temporal, PostgreSQL, a worker), in a
 * database of its own: the roster as CSV and as a spreadsheet (masked for everyone), and the bank
 * file (full account numbers) for finance only, once the payroll is approved, every download on
 * record and no account number in the logs.
 *
 * Amounts by hand from the shipped policy: the nursing subsidy pays grade 1 10000 fen (100.00 元) a
 * month before 2026-07. A applied in April (April and May owed), B in May (May owed).
 */
import ExcelJS from 'exceljs';
import { eventually } from '../../../support/eventually';
import type { ApiHarness } from '../../../api/harness';
import { startPayrollStack, type PayrollStack } from './payroll-stack';
import { activeEnrolment as activeEnrolmentThroughApi, type ActiveEnrolment } from './active-enrolment';

jest.setTimeout(180_000);

let api: ApiHarness;
let stack: PayrollStack | undefined;
let token: PayrollStack['token'];
const ACCOUNT_A = '6228480000000011112';
const ACCOUNT_B = '6217000000000022223';
const MAY = 'payroll-NURSING_SUBSIDY-2026-05';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let a: ActiveEnrolment;
let b: ActiveEnrolment;

beforeAll(async () => {
  // A database of this file's own: its payroll holds only its two enrolments.
  stack = await startPayrollStack('payroll_files');
  ({ api, token } = stack);
  a = await activeEnrolment('2026-04-08', ACCOUNT_A, '马兰');
  b = await activeEnrolment('2026-05-06', ACCOUNT_B, '赵桂英');
}, 180_000);
afterAll(async () => {
  await stack?.close();
}, 120_000);

/** An enrolment made ACTIVE by the officer and civil affairs of this file. */
const activeEnrolment = (appliedOn: string, accountNo: string, name: string) => activeEnrolmentThroughApi({ api, officer: token.officer, civil: token.civil }, { appliedOn, accountNo, name });

const masked = (id: string) => `${id.slice(0, 6)}********${id.slice(14)}`;
const maskedAccount = (account: string) => `${'*'.repeat(account.length - 4)}${account.slice(-4)}`;

function download(path: string, as: string, headers: Record<string, string> = {}) {
  return api.call({ method: 'GET', url: `/v1/payrolls/${MAY}/${path}`, token: as, headers });
}

async function sheetOf(body: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ExcelJS.Buffer);
  expect(workbook.worksheets).toHaveLength(1);
  return workbook.worksheets[0]!;
}

/** The sheet's rows as plain values (a formula's result, a rich text's text). */
function valuesOf(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    rows.push(Array.from((row.values as unknown[]).slice(1), (value) => value ?? null));
  });
  return rows;
}

function rowsOfCsv(text: string): string[][] {
  return text.replace(/^\uFEFF/, '').split('\r\n').filter((row) => row !== '').map((row) => row.split(','));
}

test('the roster as a spreadsheet in DRAFT: Chinese header, masked numbers, amounts in yuan, a totals row, the header frozen', async () => {
  expect((await api.call({ method: 'POST', url: '/v1/payrolls', token: token.civil, payload: { program: 'NURSING_SUBSIDY', period: '2026-05' } })).statusCode).toBe(201);
  const response = await download('export.xlsx', token.civil);
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toBe(XLSX);
  expect(response.headers['content-disposition']).toContain('.xlsx');
  const sheet = await sheetOf(response.rawPayload);
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(sheet.getColumn(4).width).toBeGreaterThanOrEqual(20);
  const rows = valuesOf(sheet);
  expect(rows[0]).toEqual(['序号', '补贴对象编号', '姓名', '身份证号', '乡镇', '月份', '金额（元）', '开户行', '账号', '状态', '说明']);
  // A's April and May, then B's May: the lines' order (enrolment ids are made in that order).
  const [first, second] = [a, b].sort((x, y) => x.enrolmentId.localeCompare(y.enrolmentId));
  const expected = [first!, second!].flatMap((who) =>
    (who === a ? ['2026-04', '2026-05'] : ['2026-05']).map((month) => [who.enrolmentId, who.name, masked(who.idNumber), '黄羊镇', month, 100, '农村信用社凉州支行', maskedAccount(who === a ? ACCOUNT_A : ACCOUNT_B), '待发放']),
  );
  expect(rows.slice(1, 4).map((row) => row.slice(1, 10))).toEqual(expected);
  expect(rows.slice(1, 4).map((row) => row[0])).toEqual(['1', '2', '3']);
  expect(sheet.getRow(2).getCell(7).numFmt).toBe('#,##0.00');
  // The totals row: 3 lines of 100.00 元.
  expect(rows).toHaveLength(5);
  expect(rows[4]![0]).toBe('合计（不含已剔除）');
  expect(rows[4]![6]).toBe(300);
  const everything = JSON.stringify(rows);
  for (const secret of [ACCOUNT_A, ACCOUNT_B, a.idNumber, b.idNumber]) expect(everything).not.toContain(secret);
});

test('the roster in English on request, as a spreadsheet and as CSV', async () => {
  const sheet = await sheetOf((await download('export.xlsx', token.finance, { 'accept-language': 'en' })).rawPayload);
  const rows = valuesOf(sheet);
  expect(rows[0]).toEqual(['No.', 'Enrolment', 'Name', 'ID number', 'Town', 'Month', 'Amount (yuan)', 'Bank', 'Account number', 'Status', 'Note']);
  expect(rows[1]![9]).toBe('not yet sent');
  expect(rows[4]![0]).toBe('Total (dropped lines excluded)');
  const csv = await download('export.csv?lang=en', token.admin);
  expect(csv.body.startsWith('\uFEFFNo.,Enrolment,Name,ID number')).toBe(true);
  // The CSV's roster is the spreadsheet's, amounts as text in yuan, and no totals row.
  expect(rowsOfCsv(csv.body).slice(1).map((row) => row[6])).toEqual(['100.00', '100.00', '100.00']);
});

/** The bank file's downloads on record, through the API. */
async function downloadsOnRecord(as: string): Promise<{ downloadedBy: string; role: string; format: string; downloadedAt: string }[]> {
  const response = await api.call({ method: 'GET', url: `/v1/payrolls/${MAY}/bank-file-downloads`, token: as });
  expect(response.statusCode).toBe(200);
  return response.json().items;
}

test('the bank file: refused before approval, for finance only, then every line with the full account, on record', async () => {
  // In DRAFT (and PENDING_APPROVAL) the lines may still change: no bank file yet.
  const early = await download('bank-file.csv', token.finance);
  expect(early.statusCode).toBe(409);
  expect(early.json()).toMatchObject({ type: '/problems/stage-conflict', currentStage: 'DRAFT' });
  expect(early.json().detail).toBe('下载银行代发文件需要发放名册处于“发放中”或“已对账”阶段；名册当前处于“草稿”阶段');
  expect((await api.call({ method: 'POST', url: `/v1/payrolls/${MAY}/submit`, token: token.civil })).statusCode).toBe(200);
  expect((await download('bank-file.xlsx', token.finance)).statusCode).toBe(409);
  expect(await downloadsOnRecord(token.admin)).toEqual([]);
  expect((await api.call({ method: 'POST', url: `/v1/payrolls/${MAY}/approve`, token: token.finance })).statusCode).toBe(200);
  await eventually(
    'May is reconciled',
    async () => ((await api.call({ method: 'GET', url: `/v1/payrolls/${MAY}`, token: token.admin })).json().stage === 'RECONCILED' ? true : undefined),
    60_000,
    500,
  );
  for (const role of ['civil', 'admin', 'officer'] as const) {
    const refused = await download('bank-file.csv', token[role]);
    expect(refused.statusCode).toBe(403);
    expect((await download('bank-file.xlsx', token[role])).statusCode).toBe(403);
  }

  const keyOf = (who: ActiveEnrolment, month: string) => `NURSING_SUBSIDY:${who.enrolmentId}:${month}`;
  const expected = [
    [keyOf(a, '2026-04'), '马兰', '农村信用社凉州支行', ACCOUNT_A],
    [keyOf(a, '2026-05'), '马兰', '农村信用社凉州支行', ACCOUNT_A],
    [keyOf(b, '2026-05'), '赵桂英', '农村信用社凉州支行', ACCOUNT_B],
  ].sort((x, y) => x[0]!.localeCompare(y[0]!));

  const csv = await download('bank-file.csv', token.finance);
  expect(csv.statusCode).toBe(200);
  expect(csv.headers['cache-control']).toBe('no-store');
  expect(csv.headers['content-type']).toMatch(/^text\/csv/);
  expect(csv.body.startsWith('\uFEFF业务编号,户名,开户行,账号,金额（元）\r\n')).toBe(true);
  expect(rowsOfCsv(csv.body).slice(1)).toEqual(expected.map((row) => [...row, '100.00']));

  const xlsx = await download('bank-file.xlsx', token.finance);
  expect(xlsx.statusCode).toBe(200);
  expect(xlsx.headers['cache-control']).toBe('no-store');
  const rows = valuesOf(await sheetOf(xlsx.rawPayload));
  expect(rows[0]).toEqual(['业务编号', '户名', '开户行', '账号', '金额（元）']);
  expect(rows.slice(1, 4)).toEqual(expected.map((row) => [...row, 100]));
  expect(rows[4]).toEqual(['合计 3 笔', null, null, null, 300]);

  // The bank's books hold the same keys and amounts as the file.
  const books = (await api.call({ method: 'GET', url: `/v1/admin/sandbox/bank/records?payrollId=${MAY}`, token: token.admin })).json().items as { key: string; amountFen: number }[];
  expect(books.map((record) => [record.key, record.amountFen]).sort()).toEqual(expected.map((row) => [row[0], 10000]));

  // Both downloads on record (the refused ones are not: nothing left), read by finance and an
  // administrator (not by civil affairs), and no account in any log line.
  const downloads = await downloadsOnRecord(token.finance);
  expect(downloads.map((entry) => [entry.downloadedBy, entry.role, entry.format])).toEqual([
    ['finance-zhou', 'finance', 'csv'],
    ['finance-zhou', 'finance', 'xlsx'],
  ]);
  for (const entry of downloads) expect(Date.now() - Date.parse(entry.downloadedAt)).toBeLessThan(120_000);
  expect(await downloadsOnRecord(token.admin)).toEqual(downloads);
  expect((await api.call({ method: 'GET', url: `/v1/payrolls/${MAY}/bank-file-downloads`, token: token.civil })).statusCode).toBe(403);
  const logs = api.logs.join('\n');
  for (const secret of [ACCOUNT_A, ACCOUNT_B]) expect(logs).not.toContain(secret);
});

test('a payroll no one has: 404 for every file', async () => {
  for (const path of ['export.csv', 'export.xlsx', 'bank-file.csv', 'bank-file.xlsx', 'bank-file-downloads']) {
    const response = await api.call({ method: 'GET', url: `/v1/payrolls/payroll-NURSING_SUBSIDY-1999-01/${path}`, token: token.finance });
    expect(response.statusCode).toBe(404);
  }
});
