import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CaseListPage } from './CaseListPage';
import { renderPage } from '../test/render';
import { mockApi } from '../test/fetch-mock';
import { caseView } from '../test/fixtures';

describe('CaseListPage', () => {
  it('filters from the address, shows the overdue badge and pages with the cursor', async () => {
    const api = mockApi({
      'GET /v1/cases': (request) =>
        request.query.get('cursor') === 'c2'
          ? { body: { items: [caseView({ caseId: 'LZ-2' })], nextCursor: null } }
          : { body: { items: [caseView({ caseId: 'LZ-1', overdue: true, stage: 'AWAITING_SURGERY' })], nextCursor: 'c2' } },
    });
    renderPage(<CaseListPage />, { path: '/cases?stage=AWAITING_SURGERY&overdue=true', route: '/cases' });
    expect(await screen.findByRole('link', { name: 'LZ-1' })).toBeInTheDocument();
    expect(screen.getByTestId('overdue-badge')).toHaveTextContent('超期');
    const first = api.sent('GET', '/v1/cases')[0]!;
    expect(Object.fromEntries(first.query)).toMatchObject({ stage: 'AWAITING_SURGERY', overdue: 'true', limit: '20' });

    await userEvent.click(screen.getByRole('button', { name: '下一页' }));
    expect(await screen.findByRole('link', { name: 'LZ-2' })).toBeInTheDocument();
    expect(api.sent('GET', '/v1/cases').at(-1)!.query.get('cursor')).toBe('c2');
    expect(screen.getByRole('button', { name: '下一页' })).toBeDisabled();
    await userEvent.click(screen.getByRole('button', { name: '上一页' }));
    await waitFor(() => expect(screen.getByRole('link', { name: 'LZ-1' })).toBeInTheDocument());
  });

  it('shows a hospital its own cases without the hospital filter', async () => {
    mockApi({ 'GET /v1/cases': () => ({ body: { items: [], nextCursor: null } }) });
    renderPage(<CaseListPage />, { role: 'hospital', path: '/cases', route: '/cases' });
    expect(await screen.findByRole('heading', { name: '本院个案' })).toBeInTheDocument();
    expect(screen.queryByLabelText('定点医院')).not.toBeInTheDocument();
    expect(await screen.findByText('没有符合条件的个案')).toBeInTheDocument();
  });

  it('speaks English when asked', async () => {
    mockApi({ 'GET /v1/cases': () => ({ body: { items: [caseView({ stage: 'REIMBURSING' })], nextCursor: null } }) });
    renderPage(<CaseListPage />, { path: '/cases', route: '/cases', language: 'en-US' });
    expect(await screen.findByRole('heading', { name: 'Cases' })).toBeInTheDocument();
    expect(await screen.findByText('Reimbursing')).toBeInTheDocument();
  });
});
