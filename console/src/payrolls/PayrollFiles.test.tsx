import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PayrollView, Role, SandboxBankRecord } from '../api/types';
import { renderPage } from '../test/render';
import { mockApi } from '../test/fetch-mock';
import { PAYROLL_ID, PayrollRoutes, payrollView } from '../test/payrolls';

const PATH = `/payrolls/${PAYROLL_ID}`;
const SLOW = { timeout: 8000 };
const API = `/v1/payrolls/${PAYROLL_ID}`;
const RECONCILED = payrollView({ stage: 'RECONCILED', totals: { lines: 3, totalFen: 30_000, paidFen: 30_000, returnedFen: 0, pendingFen: 0 } });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function record(month: string, overrides: Partial<SandboxBankRecord> = {}): SandboxBankRecord {
  return { key: `NURSING_SUBSIDY:EN-2026-0001:${month}`, status: 'PAID', amountFen: 10_000, recordedAt: '2026-05-10T10:00:00+08:00', ...overrides };
}

function showAs(role: Role, view: PayrollView, extra: Parameters<typeof mockApi>[0] = {}, language: 'zh-CN' | 'en-US' = 'zh-CN') {
  const api = mockApi({
    [`GET ${API}`]: () => ({ body: view }),
    [`GET ${API}/lines`]: () => ({ body: { items: [], nextCursor: null } }),
    [`GET ${API}/bank-file-downloads`]: () => ({ body: { items: [] } }),
    ...extra,
  });
  renderPage(<PayrollRoutes />, { role, path: PATH, language });
  return api;
}

/** jsdom has no object URLs: records the blobs the page would save, and the names it saves them under. */
function recordSaves(): { blobs: Blob[]; names: string[] } {
  const saved = { blobs: [] as Blob[], names: [] as string[] };
  const click = HTMLAnchorElement.prototype.click;
  beforeEach(() => {
    saved.blobs.length = 0;
    saved.names.length = 0;
    Object.assign(URL, { createObjectURL: (blob: Blob) => (saved.blobs.push(blob), 'blob:file'), revokeObjectURL: () => {} });
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      saved.names.push(this.download);
    };
  });
  afterEach(() => {
    HTMLAnchorElement.prototype.click = click;
  });
  return saved;
}

/** The saved file's text (the fetched body is the runtime's Blob, which jsdom's FileReader does not take). */
const bytesOf = (blob: Blob) => blob.text();

describe('发放名册 page: the files', () => {
  const saved = recordSaves();

  it('civil affairs downloads the roster as a spreadsheet with the bearer token; no bank file for them', async () => {
    const api = showAs('civil', payrollView(), { [`GET ${API}/export.xlsx`]: () => ({ text: 'PK-spreadsheet', contentType: XLSX }) });
    await userEvent.click(await screen.findByTestId('payroll-export-xlsx', undefined, SLOW));
    await waitFor(() => expect(saved.blobs).toHaveLength(1));
    expect(api.sent('GET', `${API}/export.xlsx`)[0]!.headers.Authorization).toBe('Bearer test-token-civil');
    expect(await bytesOf(saved.blobs[0]!)).toBe('PK-spreadsheet');
    expect(saved.names).toEqual([`发放名册-${PAYROLL_ID}.xlsx`]);
    expect(screen.getByTestId('payroll-export')).toHaveTextContent('下载名册（CSV）');
    expect(screen.getByTestId('payroll-export-xlsx')).toHaveTextContent('下载名册（Excel）');
    expect(screen.queryByTestId('payroll-bank-file-csv')).toBeNull();
    expect(screen.queryByTestId('payroll-bank-file-xlsx')).toBeNull();
  });

  const bankFileCases: { role: Role; stage: PayrollView['stage']; offered: boolean }[] = [
    { role: 'finance', stage: 'DRAFT', offered: false },
    { role: 'finance', stage: 'PENDING_APPROVAL', offered: false },
    { role: 'finance', stage: 'DISBURSING', offered: true },
    { role: 'finance', stage: 'RECONCILED', offered: true },
    { role: 'civil', stage: 'RECONCILED', offered: false },
    { role: 'admin', stage: 'RECONCILED', offered: false },
  ];
  it.each(bankFileCases)('the bank file for $role in $stage: offered $offered', async ({ role, stage, offered }) => {
    showAs(role, payrollView({ stage }), { 'GET /v1/admin/sandbox/bank/records': () => ({ body: { items: [] } }) });
    await screen.findByTestId('payroll-export-xlsx', undefined, SLOW);
    expect(screen.queryByTestId('payroll-bank-file-csv') !== null).toBe(offered);
    expect(screen.queryByTestId('payroll-bank-file-xlsx') !== null).toBe(offered);
  });

  it('finance downloads the bank file as CSV and as a spreadsheet', async () => {
    const api = showAs('finance', RECONCILED, {
      [`GET ${API}/bank-file.csv`]: () => ({ text: '\uFEFF业务编号,户名,开户行,账号,金额（元）\r\n', contentType: 'text/csv; charset=utf-8' }),
      [`GET ${API}/bank-file.xlsx`]: () => ({ text: 'PK-bank', contentType: XLSX }),
    });
    await userEvent.click(await screen.findByTestId('payroll-bank-file-csv', undefined, SLOW));
    await userEvent.click(screen.getByTestId('payroll-bank-file-xlsx'));
    await waitFor(() => expect(saved.blobs).toHaveLength(2));
    expect(saved.names).toEqual([`银行代发-${PAYROLL_ID}.csv`, `银行代发-${PAYROLL_ID}.xlsx`]);
    expect(api.sent('GET', `${API}/bank-file.csv`)[0]!.headers.Authorization).toBe('Bearer test-token-finance');
    expect(await bytesOf(saved.blobs[1]!)).toBe('PK-bank');
  });

  it("a refused download says why and saves nothing", async () => {
    showAs('finance', RECONCILED, {
      [`GET ${API}/bank-file.csv`]: () => ({ status: 409, body: { type: '/problems/stage-conflict', title: 'Conflict', status: 409, detail: 'x', currentStage: 'DRAFT' } }),
    });
    await userEvent.click(await screen.findByTestId('payroll-bank-file-csv', undefined, SLOW));
    expect(await screen.findByText(/名册当前处于“草稿”阶段/, undefined, SLOW)).toBeInTheDocument();
    expect(saved.blobs).toHaveLength(0);
  });
});

describe('发放名册 page: reconciliation (administrators)', () => {
  it('shows the ledger and the bank agreeing once reconciled', async () => {
    const api = showAs('admin', RECONCILED, { 'GET /v1/admin/sandbox/bank/records': () => ({ body: { items: [record('2026-03'), record('2026-04'), record('2026-05')] } }) });
    expect(await screen.findByTestId('reconciliation-result', undefined, SLOW)).toHaveTextContent('账实相符');
    expect(screen.getByTestId('ledger-paid')).toHaveTextContent('¥300.00');
    expect(screen.getByTestId('bank-paid')).toHaveTextContent('¥300.00（3 笔）');
    expect(api.sent('GET', '/v1/admin/sandbox/bank/records')[0]!.query.get('payrollId')).toBe(PAYROLL_ID);
  });

  it('shows a discrepancy: a returned line is not a payment, a missing one is', async () => {
    showAs('admin', RECONCILED, { 'GET /v1/admin/sandbox/bank/records': () => ({ body: { items: [record('2026-03'), record('2026-04', { status: 'RETURNED' })] } }) }, 'en-US');
    expect(await screen.findByTestId('reconciliation-result', undefined, SLOW)).toHaveTextContent('The books differ by ¥200.00');
    expect(screen.getByTestId('bank-paid')).toHaveTextContent('¥100.00 (1 payments)');
  });

  it('is not shown before approval, nor to finance or civil affairs', async () => {
    showAs('admin', payrollView({ stage: 'PENDING_APPROVAL' }));
    await screen.findByTestId('payroll-stage', undefined, SLOW);
    expect(screen.queryByTestId('payroll-reconciliation')).toBeNull();
  });

  it.each(['finance', 'civil'] as const)('is not shown to %s', async (role) => {
    const api = showAs(role, RECONCILED);
    await screen.findByTestId('payroll-stage', undefined, SLOW);
    expect(screen.queryByTestId('payroll-reconciliation')).toBeNull();
    expect(api.sent('GET', '/v1/admin/sandbox/bank/records')).toHaveLength(0);
  });
});

describe('发放名册 page: the bank file\'s download record (finance, administrators)', () => {
  recordSaves();
  const entry = (format: 'csv' | 'xlsx', at: string) => ({ downloadedBy: 'finance-zhou', role: 'finance', format, downloadedAt: at });

  it('lists who downloaded the bank file, and reads the record again after a download from the page', async () => {
    let served = [entry('csv', '2026-05-10T02:00:00.000Z')];
    const api = showAs('finance', RECONCILED, {
      [`GET ${API}/bank-file-downloads`]: () => ({ body: { items: served } }),
      [`GET ${API}/bank-file.xlsx`]: () => {
        served = [...served, entry('xlsx', '2026-05-10T03:00:00.000Z')];
        return { text: 'PK-bank', contentType: XLSX };
      },
    });
    const card = await screen.findByTestId('bank-file-downloads', undefined, SLOW);
    expect(card).toHaveTextContent('银行代发文件下载记录');
    expect(await within(card).findByText('CSV', undefined, SLOW)).toBeInTheDocument();
    expect(card).toHaveTextContent('finance-zhou');
    expect(card).toHaveTextContent('财务人员');
    expect(within(card).queryByText('Excel')).toBeNull();
    await userEvent.click(screen.getByTestId('payroll-bank-file-xlsx'));
    expect(await within(card).findByText('Excel', undefined, SLOW)).toBeInTheDocument();
    expect(api.sent('GET', `${API}/bank-file-downloads`).length).toBeGreaterThanOrEqual(2);
  });

  it('shows an administrator an empty record in English', async () => {
    showAs('admin', RECONCILED, { 'GET /v1/admin/sandbox/bank/records': () => ({ body: { items: [] } }) }, 'en-US');
    const card = await screen.findByTestId('bank-file-downloads', undefined, SLOW);
    expect(await within(card).findByText('No one has downloaded the bank file yet', undefined, SLOW)).toBeInTheDocument();
  });

  const hidden: { role: Role; stage: PayrollView['stage'] }[] = [
    { role: 'civil', stage: 'RECONCILED' },
    { role: 'finance', stage: 'PENDING_APPROVAL' },
    { role: 'admin', stage: 'DRAFT' },
  ];
  it.each(hidden)('is neither shown nor read for $role in $stage', async ({ role, stage }) => {
    const api = showAs(role, payrollView({ stage }), { 'GET /v1/admin/sandbox/bank/records': () => ({ body: { items: [] } }) });
    await screen.findByTestId('payroll-stage', undefined, SLOW);
    expect(screen.queryByTestId('bank-file-downloads')).toBeNull();
    expect(api.sent('GET', `${API}/bank-file-downloads`)).toHaveLength(0);
  });
});
