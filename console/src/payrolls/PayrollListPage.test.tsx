import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderPage, fill } from '../test/render';
import { mockApi } from '../test/fetch-mock';
import { PAYROLL_ID, PayrollRoutes, choose, payrollView } from '../test/payrolls';

const LINES = { items: [], nextCursor: null };
// The machine is shared: going from the list to the payroll may take longer than the default second.
const SLOW = { timeout: 8000 };

function listAnswer(items = [payrollView({ stage: 'PENDING_APPROVAL', submittedBy: 'civil-1' })], nextCursor: string | null = null) {
  return { body: { items, nextCursor } };
}

describe('发放名册 list', () => {
  it('lists the payrolls in Chinese with their totals in yuan, filters by subsidy and pages with the cursor', async () => {
    const older = payrollView({ payrollId: 'payroll-LIVING_SUBSIDY-2026-04', program: 'LIVING_SUBSIDY', period: '2026-04', stage: 'RECONCILED', totals: { lines: 2, totalFen: 15_050, paidFen: 15_050, returnedFen: 0, pendingFen: 0 } });
    const api = mockApi({
      'GET /v1/payrolls': (request) => (request.query.get('cursor') === 'c2' ? listAnswer([older]) : listAnswer(undefined, 'c2')),
    });
    renderPage(<PayrollRoutes />, { role: 'finance', path: '/payrolls' });
    const link = await screen.findByRole('link', { name: PAYROLL_ID });
    expect(link).toHaveAttribute('href', `/payrolls/${PAYROLL_ID}`);
    const row = link.closest('tr')!;
    expect(row).toHaveTextContent('重度残疾人护理补贴');
    expect(row).toHaveTextContent('待财务审核');
    expect(row).toHaveTextContent('¥300.00');
    // Finance approves; it does not open payrolls.
    expect(screen.queryByRole('button', { name: '生成名册' })).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: '下一页' }));
    const second = await screen.findByRole('link', { name: 'payroll-LIVING_SUBSIDY-2026-04' });
    expect(second.closest('tr')).toHaveTextContent('已对账');
    expect(second.closest('tr')).toHaveTextContent('¥150.50');
    expect(api.sent('GET', '/v1/payrolls').at(-1)!.query.get('cursor')).toBe('c2');

    await choose('filter-program', '困难残疾人生活补贴');
    await waitFor(() => expect(api.sent('GET', '/v1/payrolls').at(-1)!.query.get('program')).toBe('LIVING_SUBSIDY'));
    // A new filter starts again from the first page.
    expect(api.sent('GET', '/v1/payrolls').at(-1)!.query.get('cursor')).toBeNull();
  });
});

describe('发放名册 list: civil affairs opens a month', () => {
  async function open(period: string) {
    await screen.findByRole('button', { name: '生成名册' }, SLOW);
    await choose('new-payroll-program', '重度残疾人护理补贴');
    fill('发放月份', period);
    await userEvent.click(screen.getByRole('button', { name: '生成名册' }));
  }

  it('opens the payroll (201) and goes to it', async () => {
    const api = mockApi({
      'GET /v1/payrolls': () => listAnswer([]),
      'POST /v1/payrolls': () => ({ status: 201, body: payrollView() }),
      [`GET /v1/payrolls/${PAYROLL_ID}`]: () => ({ body: payrollView() }),
      [`GET /v1/payrolls/${PAYROLL_ID}/lines`]: () => ({ body: LINES }),
    });
    renderPage(<PayrollRoutes />, { role: 'civil', path: '/payrolls' });
    await open('2026-05');
    expect(await screen.findByText(`已生成发放名册 ${PAYROLL_ID}`, undefined, SLOW)).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: `发放名册 ${PAYROLL_ID}` }, SLOW)).toBeInTheDocument();
    expect(api.sent('POST', '/v1/payrolls')[0]!.json).toEqual({ program: 'NURSING_SUBSIDY', period: '2026-05' });
  });

  it('goes to the payroll already open for that month (200) and says so', async () => {
    mockApi({
      'GET /v1/payrolls': () => listAnswer([]),
      'POST /v1/payrolls': () => ({ status: 200, body: payrollView() }),
      [`GET /v1/payrolls/${PAYROLL_ID}`]: () => ({ body: payrollView() }),
      [`GET /v1/payrolls/${PAYROLL_ID}/lines`]: () => ({ body: LINES }),
    });
    renderPage(<PayrollRoutes />, { role: 'civil', path: '/payrolls' });
    await open('2026-05');
    expect(await screen.findByText('该月的发放名册已存在，已为您打开', undefined, SLOW)).toBeInTheDocument();
    expect(await screen.findByTestId('payroll-stage', undefined, SLOW)).toHaveTextContent('草稿');
  });

  it('names the payroll still open (409 payroll-open) and links to it', async () => {
    const openId = 'payroll-NURSING_SUBSIDY-2026-04';
    mockApi({
      'GET /v1/payrolls': () => listAnswer([]),
      'POST /v1/payrolls': () => ({
        status: 409,
        body: { type: '/problems/payroll-open', title: 'Payroll open', status: 409, detail: `该项补贴的发放名册 ${openId} 尚未对账，不能新建名册`, openPayrollId: openId },
      }),
    });
    renderPage(<PayrollRoutes />, { role: 'civil', path: '/payrolls' });
    await open('2026-05');
    const alert = await screen.findByTestId('new-payroll-error', undefined, SLOW);
    expect(alert).toHaveTextContent(`该项补贴还有未对账的发放名册（${openId}），对账完成后才能新建下一期。`);
    expect(within(alert).getByRole('link', { name: `查看未对账的名册 ${openId}` })).toHaveAttribute('href', `/payrolls/${openId}`);
  });

  it("refuses a month after this one with the server's sentence in Chinese", async () => {
    const api = mockApi({
      'GET /v1/payrolls': () => listAnswer([]),
      'POST /v1/payrolls': () => ({ status: 422, body: { type: '/problems/unprocessable', title: 'Unprocessable', status: 422, detail: '发放月份 2099-01 晚于当前月份 2026-11' } }),
    });
    renderPage(<PayrollRoutes />, { role: 'civil', path: '/payrolls' });
    await open('2099-01');
    expect(await screen.findByTestId('new-payroll-error', undefined, SLOW)).toHaveTextContent('无法处理：发放月份 2099-01 晚于当前月份 2026-11');
    // The console asked in Chinese, so the server answered in Chinese.
    expect(api.sent('POST', '/v1/payrolls')[0]!.headers['Accept-Language']).toBe('zh-CN');
  });

  it('checks the month with the API\'s own schema and sends nothing malformed', async () => {
    const api = mockApi({ 'GET /v1/payrolls': () => listAnswer([]) });
    renderPage(<PayrollRoutes />, { role: 'civil', path: '/payrolls' });
    await open('2026-5');
    expect(await screen.findByText('请按 YYYY-MM 填写月份', undefined, SLOW)).toBeInTheDocument();
    expect(api.sent('POST', '/v1/payrolls')).toHaveLength(0);
  });
});
