import { vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CasePage } from './CasePage';
import { fill, renderPage } from '../test/render';
import { mockApi } from '../test/fetch-mock';
import { caseView, proposal, reimbursingCase, settledCase } from '../test/fixtures';

const events = {
  items: [
    { seq: 1, type: 'CaseOpened', occurredAt: '2026-11-01T09:00:00+08:00', actor: { role: 'officer', sub: 'officer-1' }, data: { input: { hospitalId: 'wuwei-hand-foot', assistanceCategory: 'DIBAO', applicant: { idNumber: 'SECRET-ID' } } } },
    { seq: 2, type: 'ClaimDecided', occurredAt: '2026-11-11T09:00:00+08:00', actor: { role: 'payer', sub: 'BASIC_MEDICAL_INSURANCE' }, data: { payer: 'BASIC_MEDICAL_INSURANCE', status: 'PAID', amountFen: 2990000, explanation: '(42,000.00 − 1,400.00) × 65% = 26,390.00' } },
  ],
};

describe('CasePage', () => {
  it('shows the five payers in order, their amounts, the totals and out-of-pocket ¥0.00', async () => {
    mockApi({ 'GET /v1/cases/LZ-2026-0001': () => ({ body: settledCase() }), 'GET /v1/cases/LZ-2026-0001/events': () => ({ body: events }) });
    renderPage(<CasePage />, { path: '/cases/LZ-2026-0001', route: '/cases/:caseId' });
    const panel = await screen.findByTestId('money-panel');
    const rows = [...panel.querySelectorAll<HTMLElement>('tr.ant-table-row')];
    expect(rows.map((row) => within(row).getAllByRole('cell')[1]?.textContent)).toEqual(['城乡居民基本医疗保险', '大病保险', '医疗救助', '残疾人救助', '省慈善总会']);
    expect(within(panel).getByTestId('amount-BASIC_MEDICAL_INSURANCE')).toHaveTextContent('¥29,900.00');
    expect(within(panel).getByTestId('amount-PROVINCIAL_CHARITY')).toHaveTextContent('¥2,000.00');
    expect(within(panel).getByTestId('paid-total')).toHaveTextContent('¥50,000.00');
    expect(within(panel).getByTestId('out-of-pocket')).toHaveTextContent('¥0.00');
    // The timeline says who, when and what — and never prints the ID number carried by CaseOpened.
    expect(await screen.findByText(/建档，定点医院：武威手足外科医院/)).toBeInTheDocument();
    expect(screen.getByText(/城乡居民基本医疗保险：已支付 ¥29,900.00/)).toBeInTheDocument();
    expect(document.body.textContent).not.toContain('SECRET-ID');
  });

  it('asks the server for texts in the console language, and opens the settlement sheet of a settled case', async () => {
    const tab = { location: { href: '' }, close: vi.fn() };
    vi.stubGlobal('open', vi.fn(() => tab));
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:sheet') }));
    const api = mockApi({
      'GET /v1/cases/LZ-2026-0001': () => ({ body: settledCase() }),
      'GET /v1/cases/LZ-2026-0001/events': () => ({ body: events }),
      'GET /v1/cases/LZ-2026-0001/settlement': () => ({ body: '<html>结算单</html>' }),
    });
    renderPage(<CasePage />, { path: '/cases/LZ-2026-0001', route: '/cases/:caseId', language: 'en-US' });
    await userEvent.click(await screen.findByTestId('settlement-sheet'));
    await waitFor(() => expect(tab.location.href).toBe('blob:sheet'));
    expect(api.sent('GET', '/v1/cases/LZ-2026-0001')[0]!.headers['Accept-Language']).toBe('en-US');
    expect(api.sent('GET', '/v1/cases/LZ-2026-0001/settlement')[0]!.headers['Accept-Language']).toBe('en-US');
  });

  it('lets an officer record screening, then shows the next stage', async () => {
    const screened = caseView({ stage: 'AWAITING_ADMISSION', screening: { eligible: true, consent: true, reason: null, screenedBy: 'officer-1', screenedAt: '2026-11-02T09:00:00+08:00' } });
    let current = caseView();
    const api = mockApi({
      'GET /v1/cases/LZ-2026-0001': () => ({ body: current }),
      'GET /v1/cases/LZ-2026-0001/events': () => ({ body: { items: [] } }),
      'POST /v1/cases/LZ-2026-0001/screening': () => {
        current = screened;
        return { body: screened };
      },
    });
    renderPage(<CasePage />, { path: '/cases/LZ-2026-0001', route: '/cases/:caseId' });
    await userEvent.click(await screen.findByRole('button', { name: '提交筛查结果' }));
    await waitFor(() => expect(screen.getAllByText('待入院').length).toBeGreaterThan(0));
    expect(api.sent('POST', '/v1/cases/LZ-2026-0001/screening')[0]?.json).toMatchObject({ eligible: true, consent: true, screenedBy: 'officer-1' });
    expect(screen.getByRole('button', { name: '撤回个案' })).toBeInTheDocument();
  });

  it('requires a reason when the applicant does not consent (the shared screening schema)', async () => {
    const api = mockApi({ 'GET /v1/cases/LZ-2026-0001': () => ({ body: caseView() }), 'GET /v1/cases/LZ-2026-0001/events': () => ({ body: { items: [] } }) });
    renderPage(<CasePage />, { path: '/cases/LZ-2026-0001', route: '/cases/:caseId' });
    const consent = await screen.findByRole('radiogroup', { name: '本人（或监护人）同意手术' }).catch(() => null);
    const noButtons = screen.getAllByRole('radio', { name: '否' });
    await userEvent.click(consent ? within(consent).getByRole('radio', { name: '否' }) : noButtons[1]!);
    await userEvent.click(screen.getByRole('button', { name: '提交筛查结果' }));
    expect(await screen.findByText('不符合条件或本人不同意时，必须填写原因')).toBeInTheDocument();
    expect(api.sent('POST', '/v1/cases/LZ-2026-0001/screening')).toHaveLength(0);
  });

  it('shows a hospital the masked ID number it is given and its next action', async () => {
    const masked = caseView({ stage: 'AWAITING_ADMISSION', applicant: { ...caseView().applicant, idNumber: '620602********1234' } });
    mockApi({ 'GET /v1/cases/LZ-2026-0001': () => ({ body: masked }), 'GET /v1/cases/LZ-2026-0001/events': () => ({ body: { items: [] } }) });
    renderPage(<CasePage />, { role: 'hospital', path: '/cases/LZ-2026-0001', route: '/cases/:caseId' });
    expect(await screen.findByTestId('id-number')).toHaveTextContent('620602********1234');
    expect(screen.getByRole('button', { name: '确认入院' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '撤回个案' })).not.toBeInTheDocument();
  });

  it('lets an administrator propose how to settle the waiting claim, at most what is owed', async () => {
    const api = mockApi({
      'GET /v1/cases/LZ-2026-0001': () => ({ body: reimbursingCase() }),
      'GET /v1/cases/LZ-2026-0001/events': () => ({ body: { items: [] } }),
      'POST /v1/admin/cases/LZ-2026-0001/claims/MEDICAL_ASSISTANCE/proposals': () => ({ status: 201, body: { ...proposal({ proposedBy: 'admin-1' }), caseId: 'LZ-2026-0001' } }),
    });
    renderPage(<CasePage />, { role: 'admin', path: '/cases/LZ-2026-0001', route: '/cases/:caseId' });
    await userEvent.click(await screen.findByRole('button', { name: '提议人工处理' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('owed')).toHaveTextContent('¥17,000.00');
    fill('支付金额（元）', '17000.01');
    fill('凭证号', 'MA-OFFLINE-7');
    await userEvent.click(within(dialog).getByRole('button', { name: '提交提议' }));
    expect(await within(dialog).findByText('不能超过尚欠金额')).toBeInTheDocument();
    fill('支付金额（元）', '12000');
    await userEvent.click(within(dialog).getByRole('button', { name: '提交提议' }));
    await userEvent.click(await within(dialog).findByRole('button', { name: '确认提交提议' }));
    await waitFor(() => expect(api.sent('POST', '/v1/admin/cases/LZ-2026-0001/claims/MEDICAL_ASSISTANCE/proposals')).toHaveLength(1));
    expect(api.sent('POST', '/v1/admin/cases/LZ-2026-0001/claims/MEDICAL_ASSISTANCE/proposals')[0]?.json).toEqual({ status: 'PAID', amountFen: 1_200_000, reference: 'MA-OFFLINE-7', overridePolicy: false });
    expect(await within(dialog).findByText('提议 P7 已提交，等待另一位管理员批准')).toBeInTheDocument();
    expect(within(dialog).getByTestId('proposal-policy')).toHaveTextContent('按政策医疗救助应付 ¥12,000.00；本提议：已支付 ¥12,000.00');
  });

  it('says "not found" for a case of another hospital', async () => {
    mockApi({});
    renderPage(<CasePage />, { role: 'hospital', path: '/cases/OTHER', route: '/cases/:caseId' });
    expect(await screen.findByText('找不到该个案（或它不属于您的医院）。')).toBeInTheDocument();
  });
});
