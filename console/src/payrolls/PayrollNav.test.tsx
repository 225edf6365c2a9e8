import { screen } from '@testing-library/react';
import type { Role } from '../api/types';
import { AppLayout } from '../layout/AppLayout';
import { renderPage } from '../test/render';
import { mockApi } from '../test/fetch-mock';

describe('发放名册 in the menu', () => {
  it.each<[Role, boolean]>([
    ['civil', true],
    ['finance', true],
    ['admin', true],
    ['officer', false],
    ['hospital', false],
  ])('%s sees it: %s', async (role, shown) => {
    mockApi({});
    renderPage(<AppLayout><div /></AppLayout>, { role, path: '/payrolls' });
    await screen.findByTestId('signed-in-as');
    const link = screen.queryByRole('link', { name: '发放名册' });
    if (shown) expect(link).toHaveAttribute('href', '/payrolls');
    else expect(link).toBeNull();
  });
});
