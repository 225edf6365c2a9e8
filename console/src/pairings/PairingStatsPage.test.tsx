import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderPage, fill } from '../test/render';
import { mockApi } from '../test/fetch-mock';
import { byFunderOption, daysOfMonth } from './pairingCharts';
import { PairingStatsPage } from './PairingStatsPage';

const SLOW = { timeout: 8000 };
const funds = { PERSONAL: 8_550, UNIT: 120_000, CHARITY: 30_000 };
const figures = {
  officials: 2,
  persons: 3,
  contacts: 7,
  visits: 4,
  matters: 3,
  mattersValueFen: 158_550,
  mattersValueFenByFunder: funds,
  byTown: [{ town: '黄羊镇', officials: 2, persons: 3, contacts: 7, visits: 4, matters: 3, mattersValueFen: 158_550, mattersValueFenByFunder: funds }],
};

describe('结对统计', () => {
  it('names the days of a month, a leap February included', () => {
    expect(daysOfMonth('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(daysOfMonth('2026-11')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });

  it('draws the value by funder in yuan from the fen', () => {
    const series = byFunderOption(figures, (funder) => funder).series as Array<{ data: number[] }>;
    expect(series[0]!.data).toEqual([85.5, 1200, 300]);
  });

  it('shows the figures of the period, a month per request for the last six, and downloads the CSV of the period', async () => {
    const saved: Blob[] = [];
    Object.assign(URL, { createObjectURL: (blob: Blob) => (saved.push(blob), 'blob:pairings'), revokeObjectURL: () => {} });
    const api = mockApi({
      'GET /v1/stats/pairings': () => ({ body: figures }),
      'GET /v1/stats/pairings.csv': () => ({ text: '\uFEFFtown,officials\r\n合计,2\r\n', contentType: 'text/csv; charset=utf-8' }),
    });
    renderPage(<PairingStatsPage />, { role: 'civil' });
    expect(await screen.findByRole('heading', { name: '结对关爱统计' }, SLOW)).toBeInTheDocument();
    await waitFor(() => expect(screen.getByText('¥1,585.50')).toBeInTheDocument(), SLOW);
    // The period's request and one per month of the last six.
    await waitFor(() => expect(api.sent('GET', '/v1/stats/pairings')).toHaveLength(7), SLOW);

    fill('起始日期', '2026-11-01');
    fill('截止日期', '2026-11-30');
    await userEvent.click(screen.getByRole('button', { name: /刷\s*新/ }));
    await waitFor(() => expect(api.sent('GET', '/v1/stats/pairings').at(-1)!.query.get('from')).toBe('2026-11-01'));
    await userEvent.click(screen.getByRole('button', { name: /下载统计表/ }));
    await waitFor(() => expect(saved).toHaveLength(1));
    const csv = api.sent('GET', '/v1/stats/pairings.csv')[0]!;
    expect(csv.query.get('from')).toBe('2026-11-01');
    expect(csv.query.get('to')).toBe('2026-11-30');
  });
});
