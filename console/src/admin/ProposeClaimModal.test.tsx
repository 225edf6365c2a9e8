import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ProposeClaimModal, policyAmountOfProblem } from './ProposeClaimModal';
import { fill, renderPage } from '../test/render';
import { mockApi } from '../test/fetch-mock';
import { proposal, reimbursingCase } from '../test/fixtures';

const PROPOSE = '/v1/admin/cases/LZ-2026-0001/claims/MEDICAL_ASSISTANCE/proposals';

function open(onProposed = vi.fn()) {
  const view = reimbursingCase();
  const claim = view.reimbursement!.claims[2]!;
  renderPage(<ProposeClaimModal view={view} claim={claim} onClose={vi.fn()} onProposed={onProposed} />, { role: 'admin' });
  return screen.getByRole('dialog');
}

describe('ProposeClaimModal (admin)', () => {
  it('requires the reference', async () => {
    const api = mockApi({});
    const dialog = open();
    fill('支付金额（元）', '12000');
    await userEvent.click(within(dialog).getByRole('button', { name: '提交提议' }));
    expect(await within(dialog).findByText('必填')).toBeInTheDocument();
    expect(api.sent('POST', PROPOSE)).toHaveLength(0);
  });

  it('reveals a required note when the policy amount is set aside, and sends the amount in fen', async () => {
    const created = { ...proposal({ amountFen: 1_250_050, policyAmountFen: 1_000_000, overridePolicy: true, note: '省民政厅特批', proposedBy: 'admin-1' }), caseId: 'LZ-2026-0001' };
    const api = mockApi({ [`POST ${PROPOSE}`]: () => ({ status: 201, body: created }) });
    const onProposed = vi.fn();
    const dialog = open(onProposed);
    expect(within(dialog).queryByLabelText('不按政策金额的理由')).not.toBeInTheDocument();
    fill('支付金额（元）', '12500.50');
    fill('凭证号', 'MA-OFFLINE-8');
    await userEvent.click(within(dialog).getByRole('checkbox', { name: /不按政策金额/ }));
    expect(await within(dialog).findByLabelText('不按政策金额的理由')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: '提交提议' }));
    expect(await within(dialog).findByText('勾选“不按政策金额”时必须填写理由')).toBeInTheDocument();
    expect(api.sent('POST', PROPOSE)).toHaveLength(0);

    fill('不按政策金额的理由', '省民政厅特批');
    await userEvent.click(within(dialog).getByRole('button', { name: '提交提议' }));
    // A summary of who pays what, then the proposal goes out.
    expect(await within(dialog).findByTestId('propose-summary')).toHaveTextContent('本提议：医疗救助支付 ¥12,500.50');
    expect(api.sent('POST', PROPOSE)).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole('button', { name: '确认提交提议' }));
    await waitFor(() => expect(api.sent('POST', PROPOSE)).toHaveLength(1));
    expect(api.sent('POST', PROPOSE)[0]!.json).toEqual({ status: 'PAID', amountFen: 1_250_050, reference: 'MA-OFFLINE-8', overridePolicy: true, note: '省民政厅特批' });
    // The policy amount, now that the server has said it.
    expect(await within(dialog).findByTestId('proposal-policy')).toHaveTextContent('按政策医疗救助应付 ¥10,000.00；本提议：已支付 ¥12,500.50（不按政策金额）');
    expect(onProposed).toHaveBeenCalledWith(created);
  });

  it('sends a rejection with its reason and reference', async () => {
    const api = mockApi({ [`POST ${PROPOSE}`]: () => ({ status: 201, body: { ...proposal({ status: 'REJECTED', amountFen: 0, reason: '不符合条件' }), caseId: 'LZ-2026-0001' } }) });
    const dialog = open();
    await userEvent.click(within(dialog).getByRole('radio', { name: '不予支付' }));
    expect(within(dialog).queryByRole('checkbox')).not.toBeInTheDocument();
    fill('不予支付的原因', '线下已核实不符合医疗救助条件');
    fill('凭证号', '凉民救〔2026〕12号');
    await userEvent.click(within(dialog).getByRole('button', { name: '提交提议' }));
    expect(await within(dialog).findByTestId('propose-summary')).toHaveTextContent('本提议：医疗救助不予支付');
    await userEvent.click(within(dialog).getByRole('button', { name: '确认提交提议' }));
    await waitFor(() => expect(api.sent('POST', PROPOSE)).toHaveLength(1));
    expect(api.sent('POST', PROPOSE)[0]!.json).toEqual({ status: 'REJECTED', reason: '线下已核实不符合医疗救助条件', reference: '凉民救〔2026〕12号', overridePolicy: false });
  });

  it('explains a 422 for an amount above the policy amount in words', async () => {
    mockApi({
      [`POST ${PROPOSE}`]: () => ({
        status: 422,
        body: { type: '/problems/unprocessable', title: 'x', status: 422, detail: '¥12,000.00 is more than the ¥10,000.00 the policy pays MEDICAL_ASSISTANCE here; set overridePolicy with a note to propose it anyway' },
      }),
    });
    const dialog = open();
    fill('支付金额（元）', '12000');
    fill('凭证号', 'MA-OFFLINE-9');
    await userEvent.click(within(dialog).getByRole('button', { name: '提交提议' }));
    await userEvent.click(await within(dialog).findByRole('button', { name: '确认提交提议' }));
    expect(await within(dialog).findByTestId('over-policy')).toHaveTextContent('提议金额 ¥12,000.00 超过按政策医疗救助应付的 ¥10,000.00。如确需超出，请勾选“不按政策金额”并填写理由。');
  });

  it("shows the bill, what the earlier payers paid and the policy's share, pre-fills that share (not all that is owed) and sums up before sending", async () => {
    const api = mockApi({
      'GET /v1/admin/cases/LZ-2026-0001/claims/MEDICAL_ASSISTANCE/policy-share': () => ({ body: { payer: 'MEDICAL_ASSISTANCE', policyAmountFen: 1_000_000, owedFen: 1_700_000 } }),
      [`POST ${PROPOSE}`]: () => ({ status: 201, body: { ...proposal({ amountFen: 1_000_000, policyAmountFen: 1_000_000 }), caseId: 'LZ-2026-0001' } }),
    });
    const dialog = open();
    const facts = within(dialog).getByTestId('propose-facts');
    expect(facts).toHaveTextContent('¥50,000.00');
    expect(facts).toHaveTextContent('¥42,000.00');
    expect(facts).toHaveTextContent('城乡居民基本医疗保险已支付 ¥29,900.00');
    expect(facts).toHaveTextContent('大病保险已支付 ¥3,100.00');
    expect(within(dialog).getByTestId('owed')).toHaveTextContent('¥17,000.00');
    // The share is fetched: the field shows '…' until it comes, so wait for the text, not the element.
    await waitFor(() => expect(within(dialog).getByTestId('policy-share')).toHaveTextContent('¥10,000.00'));
    await waitFor(() => expect(within(dialog).getByLabelText('支付金额（元）')).toHaveValue('10000.00'));
    fill('凭证号', 'MA-OFFLINE-10');
    await userEvent.click(within(dialog).getByRole('button', { name: '提交提议' }));
    const summary = await within(dialog).findByTestId('propose-summary');
    expect(summary).toHaveTextContent('本提议：医疗救助支付 ¥10,000.00（按政策应付 ¥10,000.00）');
    expect(summary).toHaveTextContent('余下 ¥7,000.00 由残疾人救助、省慈善总会按政策处理');
    await userEvent.click(within(dialog).getByRole('button', { name: '确认提交提议' }));
    await waitFor(() => expect(api.sent('POST', PROPOSE)).toHaveLength(1));
    expect(api.sent('POST', PROPOSE)[0]!.json).toMatchObject({ status: 'PAID', amountFen: 1_000_000 });
  });

  it('reads the policy amount out of the API 422 detail', () => {
    expect(policyAmountOfProblem('¥1.00 is more than the ¥0.50 the policy pays X here')).toBe('¥0.50');
    expect(policyAmountOfProblem('amount 5 fen is more than the 3 fen still owed')).toBeUndefined();
  });
});
