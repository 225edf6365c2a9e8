import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MatchReviewPage } from './MatchReviewPage';
import { renderPage, fill } from '../test/render';
import { mockApi } from '../test/fetch-mock';
import type { MatchReview } from '../api/types';

const REVIEWS = '/v1/admin/match-reviews';
// antd puts a space between the two characters of a button's label.
const ACCEPT = /^采\s?纳$/;
const REJECT = /^驳\s?回$/;

function review(overrides: Partial<MatchReview> = {}): MatchReview {
  return {
    id: 'MR-1',
    batchId: 'LEB-2026-11-1',
    row: 12,
    listName: '马兰花',
    registryName: '马兰',
    personId: 'PS-7',
    idNumber: '6206**********1234',
    type: 'DIED',
    assistanceCategory: null,
    on: '2026-11-03',
    source: '凉州区公安分局',
    status: 'QUEUED',
    decidedBy: null,
    decidedAt: null,
    reason: null,
    ...overrides,
  };
}

const decided = review({ id: 'MR-2', row: 15, listName: '李四', registryName: '李泗', personId: 'PS-8', type: 'MOVED_OUT', status: 'REJECTED', decidedBy: 'officer-2', decidedAt: '2026-11-30T10:15:00+08:00', reason: '出生日期不同，不是同一人' });

describe('MatchReviewPage (比对待核对)', () => {
  it('asks for the queued rows of the batch, the list’s name beside the registry’s, with the type, date and source', async () => {
    const api = mockApi({ [`GET ${REVIEWS}`]: () => ({ body: { items: [review()], nextCursor: null } }) });
    renderPage(<MatchReviewPage />, { path: '/match-reviews?batchId=LEB-2026-11-1' });
    const row = (await screen.findByText('马兰花')).closest('tr')!;
    const query = api.sent('GET', REVIEWS)[0]!.query;
    expect([query.get('batchId'), query.get('status')]).toEqual(['LEB-2026-11-1', 'QUEUED']);
    expect(within(row).getByRole('link', { name: '马兰' })).toHaveAttribute('href', '/persons/PS-7');
    expect(row.textContent).toContain('死亡 2026-11-03');
    expect(row.textContent).toContain('凉州区公安分局');
    expect(row.textContent).toContain('待核对');
    expect(screen.getByTestId('batch-filter')).toHaveTextContent('LEB-2026-11-1');
  });

  it('accepts a row and says what applying it did, overpayment in 元', async () => {
    let accepted = false;
    const api = mockApi({
      [`GET ${REVIEWS}`]: () => ({ body: { items: [accepted ? review({ status: 'ACCEPTED', decidedBy: 'officer-1', decidedAt: '2026-11-30T10:00:00+08:00' }) : review()], nextCursor: null } }),
      [`POST ${REVIEWS}/MR-1/accept`]: () => {
        accepted = true;
        return { body: { ...review({ status: 'ACCEPTED', decidedBy: 'officer-1', decidedAt: '2026-11-30T10:00:00+08:00' }), effects: { enrolmentsTerminated: 1, casesWithdrawn: 0, pairingsClosed: 1, overpaymentFen: 8_000 }, changes: [] } };
      },
    });
    renderPage(<MatchReviewPage />, { path: '/match-reviews' });
    const row = (await screen.findByText('马兰花')).closest('tr')!;
    await userEvent.click(within(row).getByRole('button', { name: ACCEPT }));
    expect(await screen.findByTestId('review-outcome')).toHaveTextContent('已采纳第 12 行（马兰花）：终止补贴 1 项，撤回个案 0 个，结束结对 1 个，多发待追回 ¥80.00。');
    const sent = api.sent('POST', `${REVIEWS}/MR-1/accept`);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toBeUndefined();
    // The list is read again: the row now says who decided.
    await waitFor(() => expect(screen.getByText('马兰花').closest('tr')!.textContent).toContain('已采纳'));
    expect(screen.getByText('马兰花').closest('tr')!.textContent).toContain('officer-1');
    expect(within(screen.getByText('马兰花').closest('tr')!).queryByRole('button', { name: ACCEPT })).toBeNull();
  });

  it('rejects a row only with a reason', async () => {
    const api = mockApi({
      [`GET ${REVIEWS}`]: () => ({ body: { items: [review()], nextCursor: null } }),
      [`POST ${REVIEWS}/MR-1/reject`]: (request) => ({ body: review({ status: 'REJECTED', decidedBy: 'officer-1', decidedAt: '2026-11-30T10:00:00+08:00', reason: (request.json as { reason: string }).reason }) }),
    });
    renderPage(<MatchReviewPage />, { path: '/match-reviews' });
    const row = (await screen.findByText('马兰花')).closest('tr')!;
    await userEvent.click(within(row).getByRole('button', { name: REJECT }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('驳回第 12 行（马兰花）')).toBeInTheDocument();
    fill('驳回原因', '   ');
    await userEvent.click(within(dialog).getByRole('button', { name: REJECT }));
    expect(await within(dialog).findByText('必填')).toBeInTheDocument();
    expect(api.sent('POST', `${REVIEWS}/MR-1/reject`)).toHaveLength(0);

    fill('驳回原因', '身份证号相同但出生地不同，不是同一人');
    await userEvent.click(within(dialog).getByRole('button', { name: REJECT }));
    await waitFor(() => expect(api.sent('POST', `${REVIEWS}/MR-1/reject`)).toHaveLength(1));
    expect(api.sent('POST', `${REVIEWS}/MR-1/reject`)[0]!.json).toEqual({ reason: '身份证号相同但出生地不同，不是同一人' });
    expect(await screen.findByTestId('review-outcome')).toHaveTextContent('已驳回第 12 行（马兰花）。');
  });

  it('shows who decided a row and when, and why it was rejected', async () => {
    const api = mockApi({ [`GET ${REVIEWS}`]: () => ({ body: { items: [decided], nextCursor: null } }) });
    renderPage(<MatchReviewPage />, { path: '/match-reviews?status=ANY' });
    const row = (await screen.findByText('李四')).closest('tr')!;
    expect(api.sent('GET', REVIEWS)[0]!.query.get('status')).toBeNull();
    expect(row.textContent).toContain('已驳回');
    expect(row.textContent).toContain('officer-2');
    expect(row.textContent).toContain('出生日期不同，不是同一人');
    expect(row.textContent).toMatch(/2026\/11\/30 \d{2}:15/);
    expect(within(row).queryByRole('button')).toBeNull();
  });

  it('says why a decision failed', async () => {
    mockApi({
      [`GET ${REVIEWS}`]: () => ({ body: { items: [review()], nextCursor: null } }),
      [`POST ${REVIEWS}/MR-1/accept`]: () => ({ status: 403, body: { type: '/problems/forbidden', title: 'Forbidden', status: 403 } }),
    });
    renderPage(<MatchReviewPage />, { path: '/match-reviews' });
    await userEvent.click(within((await screen.findByText('马兰花')).closest('tr')!).getByRole('button', { name: ACCEPT }));
    expect(await screen.findByTestId('review-error')).toBeInTheDocument();
  });
});
