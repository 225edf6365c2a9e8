import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { parseDiscrepancyDetail, StuckPage } from './StuckPage';
import { SandboxPayersPage } from './SandboxPayersPage';
import { fill, renderPage } from '../test/render';
import { mockApi } from '../test/fetch-mock';
import { proposal, reimbursingCase } from '../test/fixtures';

const stuck = {
  items: [
    {
      kind: 'case',
      program: 'SURGERY',
      id: 'LZ-2026-0001',
      caseId: 'LZ-2026-0001',
      stage: 'REIMBURSING',
      stageEnteredAt: '2026-11-10T09:00:00+08:00',
      hospitalId: 'wuwei-hand-foot',
      town: '黄羊镇',
      reasons: [
        { kind: 'ACTIVITY_RETRYING', detail: 'payer MEDICAL_ASSISTANCE', activity: 'submitClaim', attempts: 4, lastFailure: 'sandbox payer MEDICAL_ASSISTANCE is down', since: '2026-11-10T09:01:00+08:00' },
        { kind: 'STAGE_OVERDUE', detail: 'REIMBURSING past 30d', since: '2026-11-12T09:00:00+08:00' },
      ],
    },
  ],
};

describe('StuckPage (admin)', () => {
  it('lists the reasons, links the workflow in the Temporal UI and proposes how to settle the waiting claim', async () => {
    const api = mockApi({
      'GET /v1/admin/stuck': () => ({ body: stuck }),
      'GET /v1/config': () => ({ body: { towns: ['黄羊镇'], temporalUiUrl: 'http://temporal.example:18233' } }),
      'GET /v1/cases/LZ-2026-0001': () => ({ body: reimbursingCase() }),
      'POST /v1/admin/cases/LZ-2026-0001/claims/MEDICAL_ASSISTANCE/proposals': () => ({ status: 201, body: { ...proposal({ status: 'REJECTED', amountFen: 0, reason: '线下已核实不符合医疗救助条件' }), caseId: 'LZ-2026-0001' } }),
    });
    renderPage(<StuckPage />, { role: 'admin' });
    expect(await screen.findByText('调用反复失败')).toBeInTheDocument();
    // In words: who, what is still to pay, what fails; the system's own message only under 技术细节.
    expect(await screen.findByText('张三')).toBeInTheDocument();
    expect(await screen.findByText('向医疗救助提交报销连续失败 4 次，系统仍在自动重试。医院无需操作。')).toBeInTheDocument();
    expect(screen.getByTestId('stuck-outstanding')).toHaveTextContent('待支付 ¥17,000.00');
    expect(screen.getByText('阶段超期')).toBeInTheDocument();
    expect(screen.getByText('技术细节')).toBeInTheDocument();
    // The Temporal Web UI's address is the server's, not typed by anyone.
    expect(screen.queryByLabelText('Temporal 界面地址')).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('link', { name: /在 Temporal 中查看/ })).toHaveAttribute('href', 'http://temporal.example:18233/namespaces/default/workflows/case-LZ-2026-0001'));

    await userEvent.click(screen.getByRole('button', { name: '提议人工处理' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('radio', { name: '不予支付' }));
    fill('不予支付的原因', '线下已核实不符合医疗救助条件');
    fill('凭证号', '凉民救〔2026〕12号');
    await userEvent.click(within(dialog).getByRole('button', { name: '提交提议' }));
    await userEvent.click(await within(dialog).findByRole('button', { name: '确认提交提议' }));
    await waitFor(() => expect(api.sent('POST', '/v1/admin/cases/LZ-2026-0001/claims/MEDICAL_ASSISTANCE/proposals')).toHaveLength(1));
    expect(api.sent('POST', '/v1/admin/cases/LZ-2026-0001/claims/MEDICAL_ASSISTANCE/proposals')[0]!.json).toEqual({
      status: 'REJECTED',
      reason: '线下已核实不符合医疗救助条件',
      reference: '凉民救〔2026〕12号',
      overridePolicy: false,
    });
    expect(await within(dialog).findByText('提议 P7 已提交，等待另一位管理员批准')).toBeInTheDocument();
  });

  it('puts a payment discrepancy in words, with both amounts and the payer reference', async () => {
    const detail =
      "MEDICAL_ASSISTANCE (LZ-2026-0003:MEDICAL_ASSISTANCE): the ledger has PAID ¥12,000.00 (1200000 fen), the payer's books PAID ¥5,000.00 (500000 fen), reference MA-20261112-0042";
    mockApi({
      'GET /v1/admin/stuck': () => ({
        body: { items: [{ ...stuck.items[0]!, id: 'LZ-2026-0003', caseId: 'LZ-2026-0003', stage: 'SETTLED', reasons: [{ kind: 'PAYMENT_DISCREPANCY', detail, activity: null, attempts: null, lastFailure: null, since: '2026-11-12T12:00:00+08:00' }] }] },
      }),
    });
    renderPage(<StuckPage />, { role: 'admin' });
    const reason = await screen.findByTestId('discrepancy-reason');
    expect(within(reason).getByText('对账差异')).toBeInTheDocument();
    expect(reason).toHaveTextContent('医疗救助：本系统记录“已支付” ¥12,000.00，支付方账目“已支付” ¥5,000.00');
    expect(reason).toHaveTextContent('支付方凭证号：MA-20261112-0042');
    expect(screen.queryByRole('button', { name: '提议人工处理' })).not.toBeInTheDocument();
  });

  it('reads a discrepancy detail back into its parts, and leaves other wording alone', () => {
    expect(parseDiscrepancyDetail("CRITICAL_ILLNESS_INSURANCE (K:1): the ledger has REJECTED ¥0.00 (0 fen), the payer's books PAID ¥1,000.00 (100000 fen)")).toEqual({
      payer: 'CRITICAL_ILLNESS_INSURANCE',
      key: 'K:1',
      ledgerStatus: 'REJECTED',
      ledgerAmountFen: 0,
      payerStatus: 'PAID',
      payerAmountFen: 100_000,
      payerReference: null,
    });
    expect(parseDiscrepancyDetail('something else')).toBeUndefined();
  });

  it("shows each item's kind; an item of another program has no case link, hospital or case actions", async () => {
    const enrolment = {
      kind: 'enrolment',
      program: 'NURSING_SUBSIDY',
      id: 'EN-2026-0042',
      stage: 'TOWN_REVIEW',
      stageEnteredAt: '2026-10-01T09:00:00+08:00',
      town: '黄羊镇',
      reasons: [{ kind: 'STAGE_OVERDUE', detail: 'TOWN_REVIEW past 30d', activity: null, attempts: null, lastFailure: null, since: '2026-10-31T09:00:00+08:00' }],
    };
    mockApi({
      'GET /v1/admin/stuck': () => ({ body: { items: [stuck.items[0]!, enrolment] } }),
      'GET /v1/config': () => ({ body: { towns: [], temporalUiUrl: 'http://localhost:8233' } }),
      'GET /v1/cases/LZ-2026-0001': () => ({ body: reimbursingCase() }),
    });
    renderPage(<StuckPage />, { role: 'admin' });
    await waitFor(() => expect(screen.getAllByTestId('stuck-item-kind').map((tag) => tag.textContent)).toEqual(['个案', '补贴']));
    const row = screen.getByText('EN-2026-0042').closest('tr')!;
    expect(within(row).queryByRole('link')).not.toBeInTheDocument();
    expect(within(row).queryByRole('button')).not.toBeInTheDocument();
    expect(within(row).getByText('阶段超期')).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByRole('link', { name: /在 Temporal 中查看/ })).toHaveLength(1));
  });

  it("puts a pairing's failing step in the server's words, not a hospital's", async () => {
    const pairing = {
      kind: 'pairing',
      program: 'PAIRING',
      id: 'PR-2026-0007',
      stage: 'ACTIVE',
      stageEnteredAt: '2026-10-01T09:00:00+08:00',
      town: '黄羊镇',
      reasons: [
        {
          kind: 'ACTIVITY_RETRYING',
          detail: '保存结对帮扶记录已连续失败 3 次，系统仍在自动重试',
          activity: 'persistPairingEvents',
          attempts: 3,
          lastFailure: 'simulated storage failure',
          since: '2026-11-30T09:00:00+08:00',
        },
      ],
    };
    mockApi({
      'GET /v1/admin/stuck': () => ({ body: { items: [pairing] } }),
      'GET /v1/config': () => ({ body: { towns: [], temporalUiUrl: 'http://localhost:8233' } }),
    });
    renderPage(<StuckPage />, { role: 'admin' });
    expect(await screen.findByText('保存结对帮扶记录已连续失败 3 次，系统仍在自动重试')).toBeInTheDocument();
    expect(screen.queryByText(/医院无需操作/)).not.toBeInTheDocument();
    expect(screen.getByText('调用反复失败')).toBeInTheDocument();
  });

  it('shows no Temporal link when the server names no Temporal Web UI', async () => {
    mockApi({ 'GET /v1/admin/stuck': () => ({ body: stuck }), 'GET /v1/config': () => ({ body: { towns: [], temporalUiUrl: null } }), 'GET /v1/cases/LZ-2026-0001': () => ({ body: reimbursingCase() }) });
    renderPage(<StuckPage />, { role: 'admin' });
    expect(await screen.findByText('调用反复失败')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /在 Temporal 中查看/ })).not.toBeInTheDocument();
  });
});

describe('SandboxPayersPage (admin)', () => {
  it('switches a payer down', async () => {
    const api = mockApi({ 'PUT /v1/admin/sandbox/payers/MEDICAL_ASSISTANCE': (request) => ({ body: request.json }) });
    renderPage(<SandboxPayersPage />, { role: 'admin' });
    const form = screen.getByRole('form', { name: '医疗救助' });
    await userEvent.click(within(form).getByText('停机'));
    await userEvent.click(within(form).getByRole('button', { name: '应用 医疗救助 的设置' }));
    await waitFor(() => expect(screen.getByTestId('payer-state-MEDICAL_ASSISTANCE')).toHaveTextContent('停机'));
    expect(api.sent('PUT', '/v1/admin/sandbox/payers/MEDICAL_ASSISTANCE')[0]!.json).toEqual({ mode: 'down', failureRate: 0, latencyMs: 0 });
  });
});
