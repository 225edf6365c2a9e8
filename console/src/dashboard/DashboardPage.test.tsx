import { screen, waitFor, within } from '@testing-library/react';
import { DashboardPage, funnelCounts } from './DashboardPage';
import { renderPage } from '../test/render';
import { mockApi } from '../test/fetch-mock';

const stats = {
  casesByStage: { SCREENING: 5, AWAITING_ADMISSION: 2, REIMBURSING: 1, SETTLED: 3, INELIGIBLE: 1 },
  screenedByTown: { 黄羊镇: 4, 武南镇: 2 },
  eligible: 6,
  surgeriesCompleted: 4,
  settledCases: 3,
  totalBilledFen: 15_000_000,
  paidByPayerFen: { BASIC_MEDICAL_INSURANCE: 9_000_000, CRITICAL_ILLNESS_INSURANCE: 2_000_000, MEDICAL_ASSISTANCE: 2_000_000, DISABILITY_ASSISTANCE: 1_000_000, PROVINCIAL_CHARITY: 1_000_000 },
  outOfPocketFen: 0,
};

describe('DashboardPage', () => {
  it('counts, for each stage on the path, the cases that reached it', () => {
    expect(funnelCounts(stats.casesByStage).map((s) => s.reached)).toEqual([12, 6, 4, 4, 4, 3]);
  });

  it('shows the totals and draws the three charts', async () => {
    mockApi({ 'GET /v1/stats': () => ({ body: stats }) });
    renderPage(<DashboardPage />);
    expect(await screen.findAllByText('¥150,000.00')).toHaveLength(2);
    expect(screen.getAllByText('¥0.00').length).toBeGreaterThan(0);
    for (const name of ['个案进度漏斗（到达各阶段的个案数）', '各镇/街道筛查人数', '各支付方支付金额']) {
      const chart = screen.getByRole('figure', { name });
      // ECharts paints on its next animation frame, which a loaded machine may not have reached yet.
      await waitFor(() => expect(chart.querySelector('svg')).not.toBeNull());
    }
    expect(within(screen.getByRole('figure', { name: '各镇/街道筛查人数' })).getAllByText('黄羊镇').length).toBeGreaterThan(0);
  });
});
