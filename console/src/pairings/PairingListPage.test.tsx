import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { renderPage, fill } from '../test/render';
import { mockApi } from '../test/fetch-mock';
import { choose } from '../test/payrolls';
import { pairingView } from './fixtures';
import { PairingListPage } from './PairingListPage';

const SLOW = { timeout: 8000 };

function Pages() {
  return (
    <Routes>
      <Route path="/pairings" element={<PairingListPage />} />
      <Route path="/pairings/:pairingId" element={<p>opened</p>} />
    </Routes>
  );
}

describe('结对关爱 for officers', () => {
  it('lists every pairing, most due first, and filters by town, overdue and official', async () => {
    const later = pairingView({ pairingId: 'PR-LATER', person: { name: '张桂兰', town: '武南镇' }, dueAt: '2027-05-01T00:00:00.000Z' });
    const overdue = pairingView({ pairingId: 'PR-OVERDUE', overdue: true, overdueReason: 'CONTACT', dueAt: '2026-10-01T00:00:00.000Z' });
    const api = mockApi({
      'GET /v1/config': () => ({ body: { towns: ['黄羊镇', '武南镇'], temporalUiUrl: null } }),
      'GET /v1/pairings': () => ({ body: { items: [later, overdue], nextCursor: null } }),
    });
    renderPage(<Pages />, { role: 'officer', path: '/pairings' });
    const first = await screen.findByRole('link', { name: '李秀英' }, SLOW);
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows[0]).toBe(first.closest('tr'));
    expect(rows[0]).toHaveTextContent('超期未联系');
    expect(rows[1]).toHaveTextContent('张桂兰');

    await choose('pairing-town', '武南镇');
    await waitFor(() => expect(api.sent('GET', '/v1/pairings').at(-1)!.query.get('town')).toBe('武南镇'));
    await choose('pairing-overdue', '逾期');
    await waitFor(() => expect(api.sent('GET', '/v1/pairings').at(-1)!.query.get('overdue')).toBe('true'));
    fill('结对干部', 'official-2');
    await userEvent.type(screen.getByLabelText('结对干部'), '{Enter}');
    await waitFor(() => expect(api.sent('GET', '/v1/pairings').at(-1)!.query.get('official')).toBe('official-2'));
    expect(api.sent('GET', '/v1/pairings').at(-1)!.query.get('town')).toBe('武南镇');
  });

  it('creates a pairing and opens it', async () => {
    const api = mockApi({
      'GET /v1/pairings': () => ({ body: { items: [], nextCursor: null } }),
      'POST /v1/pairings': () => ({ status: 201, body: pairingView({ pairingId: 'PR-NEW' }) }),
    });
    renderPage(<Pages />, { role: 'officer', path: '/pairings' });
    await userEvent.click(await screen.findByRole('button', { name: /新建结对/ }, SLOW));
    const sheet = await screen.findByRole('dialog');
    fill('人员编号', 'P-1');
    await choose('new-pairing-category', '重度残疾人');
    fill('结对干部账号', 'official-1');
    fill('结对干部姓名', '王建国');
    fill('工作单位', '凉州区民政局');
    await userEvent.click(within(sheet).getByRole('button', { name: /新建结对/ }));
    await waitFor(() => expect(api.sent('POST', '/v1/pairings')).toHaveLength(1), SLOW);
    expect(api.sent('POST', '/v1/pairings')[0]!.json).toEqual({ personId: 'P-1', category: 'SEVERE_DISABILITY', official: { sub: 'official-1', name: '王建国', unit: '凉州区民政局' } });
    expect(await screen.findByText('opened', undefined, SLOW)).toBeInTheDocument();
  });

  it('an administrator arranges pairings too', async () => {
    mockApi({ 'GET /v1/pairings': () => ({ body: { items: [], nextCursor: null } }) });
    renderPage(<Pages />, { role: 'admin', path: '/pairings' });
    expect(await screen.findByRole('button', { name: /新建结对/ }, SLOW)).toBeInTheDocument();
  });
});
