import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MoneyPanel } from './MoneyPanel';
import { fill, renderPage } from '../test/render';
import { mockApi } from '../test/fetch-mock';
import { proposal, reimbursingWith } from '../test/fixtures';
import type { CaseView } from '../api/types';

// antd spaces a two-character Chinese button label ("批 准").
const APPROVE = /^批\s?准$/;
const REJECT = /^驳\s?回$/;
const BASE = '/v1/admin/cases/LZ-2026-0001/claims/MEDICAL_ASSISTANCE/proposals/P7';

/** The case as it comes back once the payer's books have decided: the claim and the proposal's end state. */
function decided(state: 'APPROVED' | 'SUPERSEDED', claim: { amountFen: number; decidedBy: 'payer' | 'admin' }): CaseView {
  const view = reimbursingWith([proposal({ state, decidedBy: 'admin-1', decidedAt: '2026-11-12T11:00:00+08:00' })]);
  const claims = view.reimbursement!.claims.map((c) => (c.payer === 'MEDICAL_ASSISTANCE' ? { ...c, status: 'PAID' as const, amountFen: claim.amountFen, decidedBy: claim.decidedBy, lastError: null } : c));
  return { ...view, reimbursement: { ...view.reimbursement!, claims } };
}

async function approve() {
  const panel = await screen.findByTestId('proposals-panel');
  await userEvent.click(within(panel).getByRole('button', { name: APPROVE }));
  const confirm = await screen.findByRole('tooltip');
  await userEvent.click(within(confirm).getByRole('button', { name: APPROVE }));
}

describe('ProposalsPanel (on the money panel)', () => {
  it('shows the proposal, who proposed it and the amount against the policy amount, with the override highlighted', async () => {
    mockApi({});
    renderPage(<MoneyPanel view={reimbursingWith([proposal({ amountFen: 1_500_000, policyAmountFen: 1_200_000, overridePolicy: true, note: '特批' })])} />, { role: 'officer' });
    const row = screen.getByTestId('proposal-P7');
    expect(row).toHaveTextContent('已支付¥15,000.00不按政策金额');
    expect(row).toHaveTextContent('凭证号：MA-OFFLINE-7');
    expect(row).toHaveTextContent('备注：特批');
    expect(screen.getByTestId('policy-P7')).toHaveTextContent('¥12,000.00');
    expect(screen.getByText('admin-2')).toBeInTheDocument();
    expect(screen.getByText('待批准')).toBeInTheDocument();
    // Not an administrator: no approve / reject, and no proposing either.
    expect(screen.queryByRole('button', { name: APPROVE })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '提议人工处理' })).not.toBeInTheDocument();
  });

  it('approves (POST …/approve with {}) and says when the payer paid meanwhile and the proposal is superseded', async () => {
    const api = mockApi({ [`POST ${BASE}/approve`]: () => ({ body: decided('SUPERSEDED', { amountFen: 500_000, decidedBy: 'payer' }) }) });
    const onChanged = vi.fn();
    renderPage(<MoneyPanel view={reimbursingWith([proposal()])} onPropose={vi.fn()} onChanged={onChanged} />, { role: 'admin' });
    // One open proposal per claim: nothing more to propose while it waits.
    expect(screen.queryByRole('button', { name: '提议人工处理' })).not.toBeInTheDocument();
    await approve();
    expect(await screen.findByTestId('proposal-outcome')).toHaveTextContent('医疗救助已自行支付 ¥5,000.00，提议 P7 作废，以支付方已支付的金额为准。');
    expect(api.sent('POST', `${BASE}/approve`)[0]!.json).toEqual({});
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('shows a spinner while the approval waits, then the claim resolved by hand', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const api = mockApi({ [`POST ${BASE}/approve`]: () => ({ body: decided('APPROVED', { amountFen: 1_200_000, decidedBy: 'admin' }) }) });
    const answer = api.fetchMock.getMockImplementation()!;
    api.fetchMock.mockImplementation(async (...args) => {
      await gate;
      return answer(...args);
    });
    renderPage(<MoneyPanel view={reimbursingWith([proposal()])} onPropose={vi.fn()} onChanged={vi.fn()} />, { role: 'admin' });
    await approve();
    expect(await screen.findByTestId('approving')).toHaveTextContent('正在取消支付方调用并核对支付方账目');
    release();
    expect(await screen.findByTestId('proposal-outcome')).toHaveTextContent('提议 P7 已批准：医疗救助按人工处理记为“已支付” ¥12,000.00，流程继续。');
    expect(screen.queryByTestId('approving')).not.toBeInTheDocument();
  });

  it('says a proposer cannot approve their own proposal (409 four-eyes)', async () => {
    mockApi({ [`POST ${BASE}/approve`]: () => ({ status: 409, body: { type: '/problems/four-eyes', title: 'Another person must approve this', status: 409, detail: 'admin-1 proposed P7' } }) });
    renderPage(<MoneyPanel view={reimbursingWith([proposal({ proposedBy: 'admin-1' })])} onPropose={vi.fn()} onChanged={vi.fn()} />, { role: 'admin' });
    expect(screen.getByText('本人提出')).toBeInTheDocument();
    await approve();
    expect(await screen.findByTestId('proposal-outcome')).toHaveTextContent('不能批准自己提出的处理方案，需另一位管理员批准。');
  });

  it('says the proposal waits again when the payer could not void the claim (422)', async () => {
    mockApi({ [`POST ${BASE}/approve`]: () => ({ status: 422, body: { type: '/problems/unprocessable', title: 'x', status: 422, detail: 'payer MEDICAL_ASSISTANCE is down' } }) });
    renderPage(<MoneyPanel view={reimbursingWith([proposal()])} onPropose={vi.fn()} onChanged={vi.fn()} />, { role: 'admin' });
    await approve();
    expect(await screen.findByTestId('proposal-outcome')).toHaveTextContent('支付方未能作废该笔报销，提议重新等待批准');
  });

  it('rejects with a reason (POST …/reject)', async () => {
    const rejected = reimbursingWith([proposal({ state: 'REJECTED', decidedBy: 'admin-1', decidedAt: '2026-11-12T11:00:00+08:00', decisionNote: '凭证号有误' })]);
    const api = mockApi({ [`POST ${BASE}/reject`]: () => ({ body: rejected }) });
    const onChanged = vi.fn();
    renderPage(<MoneyPanel view={reimbursingWith([proposal()])} onPropose={vi.fn()} onChanged={onChanged} />, { role: 'admin' });
    await userEvent.click(screen.getByRole('button', { name: REJECT }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: '确认驳回' }));
    expect(await within(dialog).findByText('必填')).toBeInTheDocument();
    expect(api.sent('POST', `${BASE}/reject`)).toHaveLength(0);
    fill('驳回理由', '凭证号有误');
    await userEvent.click(within(dialog).getByRole('button', { name: '确认驳回' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith(rejected));
    expect(api.sent('POST', `${BASE}/reject`)[0]!.json).toEqual({ reason: '凭证号有误' });
    expect(await screen.findByTestId('proposal-outcome')).toHaveTextContent('提议 P7 已驳回，该笔报销仍在等待。');
  });
});

const withDiscrepancy = () =>
  reimbursingWith(
      [],
      [
        {
          payer: 'MEDICAL_ASSISTANCE',
          idempotencyKey: 'LZ-2026-0001:MEDICAL_ASSISTANCE',
          ledgerStatus: 'PAID',
          ledgerAmountFen: 1_200_000,
          payerStatus: 'PAID',
          payerAmountFen: 500_000,
          payerReference: 'MA-20261112-0042',
          foundAt: '2026-11-12T12:00:00+08:00',
        },
      ],
    );

describe('DiscrepanciesPanel (on the money panel)', () => {
  it('shows both amounts and the payer reference', () => {
    mockApi({});
    renderPage(<MoneyPanel view={withDiscrepancy()} />, { role: 'officer' });
    const panel = screen.getByTestId('discrepancies-panel');
    expect(within(panel).getByText('对账差异')).toBeInTheDocument();
    expect(within(panel).getByTestId('ledger-MEDICAL_ASSISTANCE')).toHaveTextContent('已支付 ¥12,000.00');
    expect(within(panel).getByTestId('payer-books-MEDICAL_ASSISTANCE')).toHaveTextContent('已支付 ¥5,000.00');
    expect(within(panel).getByTestId('payer-reference-MEDICAL_ASSISTANCE')).toHaveTextContent('MA-20261112-0042');
    expect(screen.queryByTestId('proposals-panel')).not.toBeInTheDocument();
  });

  it("lets an administrator open the payer's own books for the case", async () => {
    const api = mockApi({
      'GET /v1/admin/sandbox/payers/MEDICAL_ASSISTANCE/claims': () => ({
        body: { items: [{ key: 'LZ-2026-0001:MEDICAL_ASSISTANCE', status: 'PAID', amountFen: 500_000, reference: 'MA-20261112-0042', recordedAt: '2026-11-12T11:30:00+08:00' }] },
      }),
    });
    renderPage(<MoneyPanel view={withDiscrepancy()} onPropose={vi.fn()} onChanged={vi.fn()} />, { role: 'admin' });
    await userEvent.click(screen.getByRole('button', { name: '查看支付方账目' }));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('MA-20261112-0042')).toBeInTheDocument();
    expect(within(dialog).getByText('¥5,000.00')).toBeInTheDocument();
    expect(api.sent('GET', '/v1/admin/sandbox/payers/MEDICAL_ASSISTANCE/claims')[0]!.query.get('caseId')).toBe('LZ-2026-0001');
  });
});
