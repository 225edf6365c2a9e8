import { screen } from '@testing-library/react';
import type { Role } from '../api/types';
import { ConsoleRoutes } from '../App';
import { renderPage } from '../test/render';
import { mockApi } from '../test/fetch-mock';
import { zhCN } from '../i18n/zh-CN';

describe('the data match pages are for officers and administrators', () => {
  it.each<[Role, string, boolean]>([
    ['officer', '/data-match', true],
    ['admin', '/match-reviews', true],
    ['civil', '/data-match', false],
    ['finance', '/match-reviews', false],
    ['hospital', '/data-match/LEB-1', false],
  ])('%s at %s: %s', async (role, path, allowed) => {
    const api = mockApi({
      'GET /v1/persons/life-events/imports': () => ({ body: { items: [], nextCursor: null } }),
      'GET /v1/admin/match-reviews': () => ({ body: { items: [], nextCursor: null } }),
    });
    renderPage(<ConsoleRoutes />, { role, path });
    await screen.findByTestId('signed-in-as');
    if (allowed) expect(await screen.findByRole('heading', { name: path === '/data-match' ? '数据比对' : '比对待核对' })).toBeInTheDocument();
    else {
      expect(await screen.findByText(zhCN['problem.forbidden'])).toBeInTheDocument();
      expect(api.requests.filter((request) => request.path.includes('life-events') || request.path.includes('match-reviews'))).toEqual([]);
    }
  });
});
