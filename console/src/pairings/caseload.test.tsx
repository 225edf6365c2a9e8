import { screen, within } from '@testing-library/react';
import { renderPage } from '../test/render';
import { mockApi } from '../test/fetch-mock';
import { byWhatIsDue, shanghaiDay } from './caseload';
import { pairingView } from './fixtures';
import { MyPairingsPage } from './MyPairingsPage';

// The machine is shared: the first render may take longer than the default second.
const SLOW = { timeout: 8000 };

describe('an official’s caseload order', () => {
  const dueLater = pairingView({ pairingId: 'PR-LATER', dueAt: '2027-03-01T16:00:00.000Z' });
  const dueSoon = pairingView({ pairingId: 'PR-SOON', dueAt: '2026-12-05T16:00:00.000Z' });
  const overdueRecent = pairingView({ pairingId: 'PR-OVERDUE-RECENT', overdue: true, overdueReason: 'VISITS', dueAt: '2026-11-20T16:00:00.000Z' });
  const overdueLong = pairingView({ pairingId: 'PR-OVERDUE-LONG', overdue: true, overdueReason: 'CONTACT', dueAt: '2026-08-01T16:00:00.000Z' });
  const closed = pairingView({ pairingId: 'PR-CLOSED', stage: 'CLOSED', dueAt: '2026-01-01T16:00:00.000Z', closedReason: 'DIED', closedOn: '2026-10-01' });

  it('puts the overdue first (longest overdue first), then the soonest due, closed pairings last', () => {
    const ordered = byWhatIsDue([dueLater, closed, dueSoon, overdueRecent, overdueLong]);
    expect(ordered.map((view) => view.pairingId)).toEqual(['PR-OVERDUE-LONG', 'PR-OVERDUE-RECENT', 'PR-SOON', 'PR-LATER', 'PR-CLOSED']);
  });

  it('breaks ties by the pairing id, whatever order the server sent', () => {
    const a = pairingView({ pairingId: 'PR-A' });
    const b = pairingView({ pairingId: 'PR-B' });
    expect(byWhatIsDue([b, a]).map((view) => view.pairingId)).toEqual(['PR-A', 'PR-B']);
    expect(byWhatIsDue([a, b]).map((view) => view.pairingId)).toEqual(['PR-A', 'PR-B']);
  });

  it('shows the due day as the district’s calendar day (Asia/Shanghai)', () => {
    // 16:00 UTC is midnight in Shanghai: the next day there.
    expect(shanghaiDay('2026-12-05T16:00:00.000Z')).toBe('2026-12-06');
    expect(shanghaiDay('2026-12-05T15:59:59.000Z')).toBe('2026-12-05');
  });

  it('我的结对 lists the cards in that order, with the person, town, last contact, visits and an overdue badge', async () => {
    mockApi({ 'GET /v1/pairings': () => ({ body: { items: [dueLater, dueSoon, overdueLong], nextCursor: null } }) });
    renderPage(<MyPairingsPage />, { role: 'official', path: '/pairings/mine' });
    const cards = await screen.findAllByTestId('pairing-card', undefined, SLOW);
    expect(cards).toHaveLength(3);
    expect(cards.map((card) => card.closest('a')!.getAttribute('href'))).toEqual(['/pairings/PR-OVERDUE-LONG', '/pairings/PR-SOON', '/pairings/PR-LATER']);
    const first = within(cards[0]!);
    expect(first.getByTestId('overdue-badge')).toHaveTextContent('逾期 · 超期未联系');
    expect(cards[0]).toHaveTextContent('李秀英 · 黄羊镇');
    expect(cards[0]).toHaveTextContent('最近联系：2026-11-03');
    expect(cards[0]).toHaveTextContent('近一年走访：1/2 次');
    expect(within(cards[1]!).queryByTestId('overdue-badge')).toBeNull();
    expect(within(cards[1]!).getByTestId('pairing-due')).toHaveTextContent('下次联系截止：2026-12-06');
  });

  it('follows the cursor to the end: an official sees their whole caseload', async () => {
    const api = mockApi({
      'GET /v1/pairings': (request) => (request.query.get('cursor') === 'c2' ? { body: { items: [dueLater], nextCursor: null } } : { body: { items: [dueSoon], nextCursor: 'c2' } }),
    });
    renderPage(<MyPairingsPage />, { role: 'official', path: '/pairings/mine' });
    expect(await screen.findAllByTestId('pairing-card', undefined, SLOW)).toHaveLength(2);
    expect(api.sent('GET', '/v1/pairings')).toHaveLength(2);
  });

  it('speaks English on request', async () => {
    mockApi({ 'GET /v1/pairings': () => ({ body: { items: [overdueLong], nextCursor: null } }) });
    renderPage(<MyPairingsPage />, { role: 'official', path: '/pairings/mine', language: 'en-US' });
    expect(await screen.findByRole('heading', { name: 'My pairings' }, SLOW)).toBeInTheDocument();
    // The heading shows at once, the cards when the list has answered.
    expect(await screen.findByTestId('overdue-badge', undefined, SLOW)).toHaveTextContent('Overdue · no contact in time');
    expect(screen.getByTestId('pairing-card')).toHaveTextContent('severe disability');
  });
});
