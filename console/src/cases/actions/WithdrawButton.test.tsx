import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { WithdrawButton } from './WithdrawButton';
import { fill, renderPage } from '../../test/render';
import { mockApi } from '../../test/fetch-mock';
import { caseView } from '../../test/fixtures';

describe('WithdrawButton (officer)', () => {
  it('needs a reason, then withdraws', async () => {
    const withdrawn = caseView({ stage: 'WITHDRAWN', withdrawal: { reason: '本人放弃', withdrawnAt: '2026-11-05T09:00:00+08:00', withdrawnBy: 'officer-1' } });
    const api = mockApi({ 'POST /v1/cases/LZ-2026-0001/withdraw': () => ({ body: withdrawn }) });
    const onDone = vi.fn();
    renderPage(<WithdrawButton view={caseView({ stage: 'AWAITING_SURGERY' })} onDone={onDone} />);
    await userEvent.click(screen.getByRole('button', { name: '撤回个案' }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: '确认撤回' }));
    expect(await within(dialog).findByText('必填')).toBeInTheDocument();
    expect(api.sent('POST', '/v1/cases/LZ-2026-0001/withdraw')).toHaveLength(0);

    fill('撤回原因', '本人放弃');
    await userEvent.click(within(dialog).getByRole('button', { name: '确认撤回' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(withdrawn));
    expect(api.sent('POST', '/v1/cases/LZ-2026-0001/withdraw')[0]!.json).toEqual({ reason: '本人放弃' });
  });
});
