import { screen, within } from '@testing-library/react';
import { WaitingProposalsPage } from './WaitingProposalsPage';
import { renderPage } from '../test/render';
import { mockApi } from '../test/fetch-mock';

const waiting = {
  items: [
    { caseId: 'LZ-2026-0001', proposalId: 'P7', payer: 'MEDICAL_ASSISTANCE', status: 'PAID', amountFen: 1_500_000, policyAmountFen: 1_200_000, overridePolicy: true, reference: 'MA-OFFLINE-7', proposedBy: 'admin-2', proposedAt: '2026-11-12T10:00:00+08:00' },
    { caseId: 'LZ-2026-0002', proposalId: 'P3', payer: 'DISABILITY_ASSISTANCE', status: 'REJECTED', amountFen: 0, policyAmountFen: 300_000, overridePolicy: false, reference: '凉残联〔2026〕5号', proposedBy: 'admin-1', proposedAt: '2026-11-12T11:00:00+08:00' },
  ],
};

describe('WaitingProposalsPage (admin)', () => {
  it('lists the proposals waiting for a second administrator, oldest first, each linked to its case', async () => {
    mockApi({ 'GET /v1/admin/proposals': () => ({ body: waiting }) });
    renderPage(<WaitingProposalsPage />, { role: 'admin' });
    expect(screen.getByRole('heading', { name: '待批准的人工处理' })).toBeInTheDocument();
    const first = await screen.findByTestId('waiting-LZ-2026-0001-P7');
    expect(first).toHaveTextContent('已支付¥15,000.00不按政策金额');
    expect(screen.getByTestId('waiting-LZ-2026-0002-P3')).toHaveTextContent('不予支付');
    const rows = [...document.querySelectorAll<HTMLElement>('tr.ant-table-row')];
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]?.textContent)).toEqual(['LZ-2026-0001', 'LZ-2026-0002']);
    expect(within(rows[0]!).getByText('医疗救助')).toBeInTheDocument();
    expect(within(rows[0]!).getByText('¥12,000.00')).toBeInTheDocument();
    expect(within(rows[1]!).getByText('残疾人救助')).toBeInTheDocument();
    expect(within(rows[1]!).getByText(/admin-1 · 本人提出/)).toBeInTheDocument();
    expect(within(rows[0]!).getByRole('link', { name: 'LZ-2026-0001' })).toHaveAttribute('href', '/cases/LZ-2026-0001');
    expect(within(rows[1]!).getByRole('link', { name: '查看并处理' })).toHaveAttribute('href', '/cases/LZ-2026-0002');
  });

  it('says when nothing waits', async () => {
    mockApi({ 'GET /v1/admin/proposals': () => ({ body: { items: [] } }) });
    renderPage(<WaitingProposalsPage />, { role: 'admin' });
    expect(await screen.findAllByText('没有待批准的人工处理')).not.toHaveLength(0);
  });
});
