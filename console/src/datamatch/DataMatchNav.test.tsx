import { screen } from '@testing-library/react';
import type { Role } from '../api/types';
import { AppLayout } from '../layout/AppLayout';
import { renderPage } from '../test/render';
import { mockApi } from '../test/fetch-mock';

describe('数据比对 and its review queue in the menu', () => {
  it.each<[Role, boolean]>([
    ['officer', true],
    ['admin', true],
    ['civil', false],
    ['finance', false],
    ['hospital', false],
    ['official', false],
  ])('%s sees them: %s', async (role, shown) => {
    mockApi({});
    renderPage(<AppLayout><div /></AppLayout>, { role, path: '/data-match' });
    await screen.findByTestId('signed-in-as');
    const upload = screen.queryByRole('link', { name: '数据比对' });
    const reviews = screen.queryByRole('link', { name: '比对待核对' });
    if (shown) {
      expect(upload).toHaveAttribute('href', '/data-match');
      expect(reviews).toHaveAttribute('href', '/match-reviews');
    } else {
      expect(upload).toBeNull();
      expect(reviews).toBeNull();
    }
  });
});
