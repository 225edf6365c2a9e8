import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import type { PayrollLineView, PayrollView, Role } from '../api/types';
import { renderPage } from '../test/render';
import { mockApi } from '../test/fetch-mock';
import { PAYROLL_ID, PayrollRoutes, choose, payrollView } from '../test/payrolls';
import { PAYROLL_REFRESH_MS } from './PayrollPage';

const PATH = `/payrolls/${PAYROLL_ID}`;
// The machine is shared: a first render may take longer than the default second.
const SLOW = { timeout: 8000 };
const API = `/v1/payrolls/${PAYROLL_ID}`;

function line(overrides: Partial<PayrollLineView> = {}): PayrollLineView {
  return { enrolmentId: 'EN-2026-0001', personId: 'PS-1', month: '2026-03', amountFen: 10_000, status: 'DRAFT', reason: null, bankReference: null, ...overrides };
}

const DRAFT_LINES = [line(), line({ month: '2026-04' }), line({ month: '2026-05' })];

function showAs(role: Role, view: PayrollView, lines: PayrollLineView[] = DRAFT_LINES, language: 'zh-CN' | 'en-US' = 'zh-CN') {
  const api = mockApi({
    [`GET ${API}`]: () => ({ body: view }),
    [`GET ${API}/lines`]: (request) => ({ body: { items: lines.filter((l) => !request.query.get('status') || l.status === request.query.get('status')), nextCursor: null } }),
  });
  renderPage(<PayrollRoutes />, { role, path: PATH, language });
  return api;
}

function stepTitles(name = '名册进度'): { title: string; current: boolean }[] {
  const nav = screen.getByRole('navigation', { name });
  return [...nav.querySelectorAll<HTMLElement>('.ant-steps-item')].map((item) => ({
    title: item.querySelector('.ant-steps-item-title')?.textContent ?? '',
    current: item.classList.contains('ant-steps-item-active'),
  }));
}

function lineRows(): string[][] {
  const table = screen.getByTestId('payroll-lines');
  return [...table.querySelectorAll<HTMLElement>('tr.ant-table-row')].map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent ?? ''));
}

function buttonNames(): string[] {
  return screen.queryAllByRole('button').map((button) => (button.textContent ?? '').replace(/\s+/g, ''));
}

describe('发放名册 page', () => {
  it('shows the draft in Chinese: the four stages, the totals in yuan and every line', async () => {
    showAs('admin', payrollView());
    expect(await screen.findByTestId('payroll-stage', undefined, SLOW)).toHaveTextContent('草稿');
    expect(stepTitles().map((step) => step.title)).toEqual(['草稿', '待财务审核', '发放中', '已对账']);
    expect(stepTitles().filter((step) => step.current).map((step) => step.title)).toEqual(['草稿']);
    expect(screen.getByTestId('total-fen')).toHaveTextContent('¥300.00');
    await waitFor(() => expect(lineRows()).toHaveLength(3));
    expect(lineRows()[0]).toEqual(['EN-2026-0001', 'PS-1', '2026-03', '¥100.00', '待发放', '—', '—']);
    // An administrator reads; a payroll's stages are the clerks'.
    expect(screen.queryByTestId('payroll-actions')).toBeNull();
    expect(screen.queryByTestId('auto-refresh')).toBeNull();
  });

  it('shows a disbursing payroll: what was paid and returned, the dropped lines with why, and filters the lines by status', async () => {
    const view = payrollView({
      stage: 'DISBURSING',
      submittedBy: 'civil-1',
      approvedBy: 'finance-1',
      // Two months paid, one returned by the bank; Mr Li's May line was dropped at approval.
      totals: { lines: 3, totalFen: 30_000, paidFen: 20_000, returnedFen: 10_000, pendingFen: 0 },
      dropped: [{ enrolmentId: 'EN-2026-0002', month: '2026-05', reason: 'DIED', reasonText: '本人已去世，次月停发' }],
      rejections: [{ reason: '请核对三月份补发名单', by: 'finance-2', at: '2026-05-11T10:00:00+08:00' }],
    });
    const lines = [
      line({ status: 'PAID', bankReference: 'SB-1' }),
      line({ month: '2026-04', status: 'RETURNED', reason: 'ACCOUNT_CLOSED' }),
      line({ enrolmentId: 'EN-2026-0002', personId: 'PS-2', month: '2026-05', status: 'DROPPED', reason: 'DIED' }),
    ];
    const api = showAs('finance', view, lines);
    expect(await screen.findByTestId('payroll-stage', undefined, SLOW)).toHaveTextContent('发放中');
    expect(screen.getByTestId('paid-fen')).toHaveTextContent('¥200.00');
    expect(screen.getByTestId('payroll-totals')).toHaveTextContent('银行退回¥100.00');
    expect(screen.getByTestId('payroll-dropped')).toHaveTextContent('EN-2026-0002');
    expect(screen.getByTestId('payroll-dropped')).toHaveTextContent('本人已去世，次月停发');
    expect(screen.getByTestId('payroll-rejections')).toHaveTextContent('finance-2 退回：请核对三月份补发名单');
    expect(screen.getByTestId('auto-refresh')).toHaveTextContent('每 10 秒自动刷新');
    await waitFor(() => expect(lineRows()).toHaveLength(3));
    expect(lineRows().map((row) => [row[4], row[5], row[6]])).toEqual([
      ['已发放', '—', 'SB-1'],
      ['银行退回', '账户已销户', '—'],
      ['审核时剔除', '本人已去世，次月停发', '—'],
    ]);
    expect(screen.queryByTestId('payroll-actions')).toBeNull();

    await choose('line-status', '银行退回');
    await waitFor(() => expect(lineRows()).toHaveLength(1));
    expect(api.sent('GET', `${API}/lines`).at(-1)!.query.get('status')).toBe('RETURNED');
  });

  it('reads the payroll again every 10 seconds while disbursing, and stops once reconciled', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      let answers = 0;
      const api = mockApi({
        [`GET ${API}`]: () => {
          answers += 1;
          return { body: answers < 2 ? payrollView({ stage: 'DISBURSING' }) : payrollView({ stage: 'RECONCILED', totals: { lines: 3, totalFen: 30_000, paidFen: 30_000, returnedFen: 0, pendingFen: 0 } }) };
        },
        [`GET ${API}/lines`]: () => ({ body: { items: [], nextCursor: null } }),
      });
      renderPage(<PayrollRoutes />, { role: 'civil', path: PATH });
      expect(await screen.findByTestId('payroll-stage', undefined, SLOW)).toHaveTextContent('发放中');
      await act(async () => {
        vi.advanceTimersByTime(PAYROLL_REFRESH_MS);
      });
      await waitFor(() => expect(screen.getByTestId('payroll-stage')).toHaveTextContent('已对账'));
      expect(screen.queryByTestId('auto-refresh')).toBeNull();
      const reads = api.sent('GET', API).length;
      await act(async () => {
        vi.advanceTimersByTime(PAYROLL_REFRESH_MS * 3);
      });
      expect(api.sent('GET', API)).toHaveLength(reads);
    } finally {
      vi.useRealTimers();
    }
  });

  it('downloads the roster as CSV with the bearer token', async () => {
    const created: Blob[] = [];
    // jsdom has no object URLs: record the blob the page would save.
    Object.assign(URL, { createObjectURL: (blob: Blob) => (created.push(blob), 'blob:roster'), revokeObjectURL: () => {} });
    const api = showAs('civil', payrollView());
    api.fetchMock.mockClear();
    const csv = '申请编号,月份\nEN-2026-0001,2026-03\n';
    const routes = mockApi({
      // As the server sends it: UTF-8 with a byte-order mark.
      [`GET ${API}/export.csv`]: () => ({ text: `\uFEFF${csv}`, contentType: 'text/csv; charset=utf-8' }),
    });
    await userEvent.click(await screen.findByTestId('payroll-export', undefined, SLOW));
    await waitFor(() => expect(created).toHaveLength(1));
    expect(routes.sent('GET', `${API}/export.csv`)[0]!.headers.Authorization).toBe('Bearer test-token-civil');
    // The byte-order mark a spreadsheet needs to read the Chinese is there.
    // Reading the answer as text dropped the byte-order mark; the saved file has it again, once.
    const bytes = await new Promise<Uint8Array>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
      reader.readAsArrayBuffer(created[0]!);
    });
    expect([...bytes.slice(0, 4)]).toEqual([0xef, 0xbb, 0xbf, 0xe7]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(`\uFEFF${csv}`);
  });
});

describe('发放名册 page: the actions for the role and the stage', () => {
  const cases: { role: Role; stage: PayrollView['stage']; shows: string[]; hides: string[] }[] = [
    { role: 'civil', stage: 'DRAFT', shows: ['重新生成名册', '提交财务审核'], hides: ['审核通过', '退回名册'] },
    { role: 'finance', stage: 'DRAFT', shows: [], hides: ['重新生成名册', '提交财务审核', '审核通过'] },
    { role: 'finance', stage: 'PENDING_APPROVAL', shows: ['审核通过', '退回名册'], hides: ['提交财务审核', '重新生成名册'] },
    { role: 'civil', stage: 'PENDING_APPROVAL', shows: [], hides: ['审核通过', '退回名册', '提交财务审核'] },
    { role: 'admin', stage: 'PENDING_APPROVAL', shows: [], hides: ['审核通过', '退回名册'] },
    { role: 'finance', stage: 'RECONCILED', shows: [], hides: ['审核通过', '退回名册'] },
  ];
  it.each(cases)('$role in $stage sees $shows', async ({ role, stage, shows, hides }) => {
    showAs(role, payrollView({ stage }));
    await screen.findByTestId('payroll-stage', undefined, SLOW);
    for (const name of shows) expect(buttonNames()).toContain(name);
    for (const name of hides) expect(buttonNames()).not.toContain(name);
    if (shows.length === 0) expect(screen.queryByTestId('payroll-actions')).toBeNull();
  });
});

describe('发放名册 page: taking an action', () => {
  it('civil affairs submits the draft; the page then shows it awaiting finance', async () => {
    const api = mockApi({
      [`GET ${API}`]: () => ({ body: payrollView() }),
      [`GET ${API}/lines`]: () => ({ body: { items: DRAFT_LINES, nextCursor: null } }),
      [`POST ${API}/submit`]: () => ({ body: payrollView({ stage: 'PENDING_APPROVAL', submittedBy: 'civil-1' }) }),
    });
    renderPage(<PayrollRoutes />, { role: 'civil', path: PATH });
    await userEvent.click(await screen.findByRole('button', { name: '提交财务审核' }, SLOW));
    expect(await screen.findByText('已提交，待财务审核')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('payroll-stage')).toHaveTextContent('待财务审核'));
    expect(api.sent('POST', `${API}/submit`)).toHaveLength(1);
    expect(screen.queryByTestId('payroll-actions')).toBeNull();
  });

  it('says plainly that the submitter cannot approve (409 four-eyes), and the payroll stays awaiting approval', async () => {
    mockApi({
      [`GET ${API}`]: () => ({ body: payrollView({ stage: 'PENDING_APPROVAL', submittedBy: 'finance-1' }) }),
      [`GET ${API}/lines`]: () => ({ body: { items: DRAFT_LINES, nextCursor: null } }),
      [`POST ${API}/approve`]: () => ({
        status: 409,
        body: { type: '/problems/four-eyes', title: 'Four eyes', status: 409, detail: '此名册由您本人提交，须由另一人审核' },
      }),
    });
    renderPage(<PayrollRoutes />, { role: 'finance', path: PATH });
    await userEvent.click(await screen.findByRole('button', { name: '审核通过' }, SLOW));
    expect(await screen.findByTestId('payroll-action-error')).toHaveTextContent('不能审核自己提交的发放名册，需另一位财务人员审核');
    expect(screen.getByTestId('payroll-stage')).toHaveTextContent('待财务审核');
  });

  it('names the stage the payroll moved to when someone acted first (409 stage-conflict)', async () => {
    mockApi({
      [`GET ${API}`]: () => ({ body: payrollView({ stage: 'PENDING_APPROVAL', submittedBy: 'civil-1' }) }),
      [`GET ${API}/lines`]: () => ({ body: { items: DRAFT_LINES, nextCursor: null } }),
      [`POST ${API}/approve`]: () => ({ status: 409, body: { type: '/problems/stage-conflict', title: 'Conflict', status: 409, detail: '…', currentStage: 'DISBURSING' } }),
    });
    renderPage(<PayrollRoutes />, { role: 'finance', path: PATH });
    await userEvent.click(await screen.findByRole('button', { name: '审核通过' }, SLOW));
    expect(await screen.findByTestId('payroll-action-error')).toHaveTextContent('名册当前处于“发放中”阶段');
  });

  it('finance sends it back only with a reason; the draft then lists the rejection', async () => {
    const api = mockApi({
      [`GET ${API}`]: () => ({ body: payrollView({ stage: 'PENDING_APPROVAL', submittedBy: 'civil-1' }) }),
      [`GET ${API}/lines`]: () => ({ body: { items: DRAFT_LINES, nextCursor: null } }),
      [`POST ${API}/reject`]: (request) => ({
        body: payrollView({ rejections: [{ reason: (request.json as { reason: string }).reason, by: 'finance-1', at: '2026-05-11T10:00:00+08:00' }] }),
      }),
    });
    renderPage(<PayrollRoutes />, { role: 'finance', path: PATH });
    await userEvent.click(await screen.findByRole('button', { name: '退回名册' }, SLOW));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: '退回名册' }));
    expect(await within(dialog).findByText('必填')).toBeInTheDocument();
    expect(api.sent('POST', `${API}/reject`)).toHaveLength(0);

    await userEvent.type(within(dialog).getByLabelText('退回原因'), '请核对三月份补发名单');
    await userEvent.click(within(dialog).getByRole('button', { name: '退回名册' }));
    expect(await screen.findByText('已退回民政')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('payroll-stage')).toHaveTextContent('草稿'));
    expect(api.sent('POST', `${API}/reject`)[0]!.json).toEqual({ reason: '请核对三月份补发名单' });
    expect(screen.getByTestId('payroll-rejections')).toHaveTextContent('finance-1 退回：请核对三月份补发名单');
  });
});

describe('payroll page in English, on request', () => {
  it('names the stages, lines and the four-eyes refusal in English, and asks the server in English', async () => {
    const api = mockApi({
      [`GET ${API}`]: () => ({ body: payrollView({ stage: 'PENDING_APPROVAL', stageName: 'awaiting finance approval', submittedBy: 'finance-1' }) }),
      [`GET ${API}/lines`]: () => ({ body: { items: DRAFT_LINES, nextCursor: null } }),
      [`POST ${API}/approve`]: () => ({ status: 409, body: { type: '/problems/four-eyes', title: 'Four eyes', status: 409, detail: 'the payroll was submitted by the same person; another must approve it' } }),
    });
    renderPage(<PayrollRoutes />, { role: 'finance', path: PATH, language: 'en-US' });
    expect(await screen.findByTestId('payroll-stage', undefined, SLOW)).toHaveTextContent('awaiting finance approval');
    expect(stepTitles('Payroll progress').map((step) => step.title)).toEqual(['draft', 'awaiting finance approval', 'disbursing', 'reconciled']);
    expect(screen.getByRole('heading', { name: `Payroll ${PAYROLL_ID}` })).toBeInTheDocument();
    await waitFor(() => expect(lineRows()[0]).toContain('not yet sent'));
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    expect(await screen.findByTestId('payroll-action-error')).toHaveTextContent('You cannot approve a payroll you submitted yourself; another finance officer must approve it');
    expect(api.sent('GET', API)[0]!.headers['Accept-Language']).toBe('en-US');
  });
});
