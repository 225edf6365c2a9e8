import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { monthsEndingAt, paidByMonthOption, SubsidyStatsPage } from './SubsidyStatsPage';
import { renderPage } from '../test/render';
import { mockApi } from '../test/fetch-mock';

const thisMonth = monthsEndingAt(new Date(), 1)[0]!;
const lastMonth = monthsEndingAt(new Date(), 2)[0]!;

const figures = {
  active: 3,
  enrolledByTown: { 黄羊镇: 2, 武南镇: 1 },
  // 3 persons × ¥80.00 last month, 2 × ¥80.00 this month.
  paidFenByMonth: { [lastMonth]: 24_000, [thisMonth]: 16_000 },
  personsPaidByMonth: { [lastMonth]: 3, [thisMonth]: 2 },
  overpaymentOwedFen: 16_000,
  recoveredFen: 5_000,
  waivedFen: 1_000,
};

describe('SubsidyStatsPage', () => {
  it('counts months back across a new year', () => {
    expect(monthsEndingAt(new Date(2026, 1, 15), 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('puts every month of the range on the axis, a month nobody was paid as nothing, amounts in yuan', () => {
    const option = paidByMonthOption(figures, ['2026-01', lastMonth], { amount: 'a', persons: 'p' });
    const series = option.series as Array<{ data: number[] }>;
    expect(series[0]!.data).toEqual([0, 240]);
    expect(series[1]!.data).toEqual([0, 3]);
  });

  it('shows the figures in Chinese, what is still to recover, draws both charts and asks again for one subsidy', async () => {
    const api = mockApi({ 'GET /v1/stats/subsidies': () => ({ body: figures }) });
    renderPage(<SubsidyStatsPage />);
    expect(await screen.findByText('两项补贴统计')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('¥160.00')).toBeInTheDocument());
    // Found ¥160.00, recovered ¥50.00, waived ¥10.00: ¥100.00 still to recover.
    expect(screen.getByText('¥100.00')).toBeInTheDocument();
    expect(screen.getByText('¥50.00')).toBeInTheDocument();
    for (const name of ['按月发放金额与人数', '各镇/街道在册人数（含暂停发放）']) {
      const chart = screen.getByRole('figure', { name });
      await waitFor(() => expect(chart.querySelector('svg')).not.toBeNull());
    }
    expect(within(screen.getByRole('figure', { name: '各镇/街道在册人数（含暂停发放）' })).getAllByText('黄羊镇').length).toBeGreaterThan(0);
    const first = api.sent('GET', '/v1/stats/subsidies')[0]!;
    expect(first.query.get('program')).toBeNull();
    expect(first.query.get('to')).toBe(thisMonth);
    expect(first.query.get('from')).toBe(monthsEndingAt(new Date(), 12)[0]);

    await userEvent.click(screen.getByLabelText('补贴项目'));
    await userEvent.click(await screen.findByTitle('重度残疾人护理补贴'));
    await waitFor(() => expect(api.sent('GET', '/v1/stats/subsidies').some((request) => request.query.get('program') === 'NURSING_SUBSIDY')).toBe(true));
  });

  it('says so when nothing was paid in the period', async () => {
    mockApi({ 'GET /v1/stats/subsidies': () => ({ body: { ...figures, paidFenByMonth: {}, personsPaidByMonth: {} } }) });
    renderPage(<SubsidyStatsPage />);
    expect(await screen.findByText('所选期间尚无发放记录')).toBeInTheDocument();
  });
});
