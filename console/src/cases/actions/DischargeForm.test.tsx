import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DischargeForm } from './DischargeForm';
import { fill, renderPage } from '../../test/render';
import { mockApi } from '../../test/fetch-mock';
import { caseView } from '../../test/fixtures';

describe('DischargeForm (hospital)', () => {
  it('sends the bill typed in yuan as exact integer fen', async () => {
    const view = caseView({ stage: 'REHABILITATION' });
    const api = mockApi({ 'POST /v1/cases/LZ-2026-0001/discharge': () => ({ body: { ...view, stage: 'REIMBURSING' } }) });
    const onDone = vi.fn();
    renderPage(<DischargeForm view={view} onDone={onDone} />, { role: 'hospital' });

    fill('住院总费用（元）', '12,345.67');
    fill('其中政策范围内费用（元）', '0.1');
    fill('康复训练次数', '12');
    await userEvent.click(screen.getByRole('button', { name: '确认出院并提交账单' }));
    // Nothing goes out before the clerk has seen the bill once more and confirmed it.
    const summary = await screen.findByTestId('discharge-summary');
    expect(summary).toHaveTextContent('¥12,345.67');
    expect(summary).toHaveTextContent('¥0.10');
    expect(summary).toHaveTextContent('¥12,345.57');
    expect(api.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: '确认提交' }));

    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const [sent] = api.sent('POST', '/v1/cases/LZ-2026-0001/discharge');
    expect(sent?.json).toMatchObject({ rehabSessions: 12, bill: { totalFen: 1234567, policyScopeFen: 10 } });
    expect((sent?.json as { dischargedAt: string }).dischargedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
  });

  it('refuses three decimals and a policy scope above the total before anything is sent', async () => {
    const api = mockApi({});
    renderPage(<DischargeForm view={caseView({ stage: 'REHABILITATION' })} onDone={() => undefined} />, { role: 'hospital' });

    fill('住院总费用（元）', '100.123');
    await userEvent.click(screen.getByRole('button', { name: '确认出院并提交账单' }));
    expect(await screen.findByText('请输入金额（元），最多两位小数，例如 12345.67')).toBeInTheDocument();

    fill('住院总费用（元）', '100');
    fill('其中政策范围内费用（元）', '100.01');
    await userEvent.click(screen.getByRole('button', { name: '确认出院并提交账单' }));
    // The shared billSchema's own rule, worded for a clerk.
    expect(await screen.findByText('政策范围内费用不能超过账单总额')).toBeInTheDocument();
    expect(api.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
  });

  it('shows a stage conflict in words', async () => {
    mockApi({
      'POST /v1/cases/LZ-2026-0001/discharge': () => ({ status: 409, body: { type: '/problems/stage-conflict', title: 'Conflict', status: 409, currentStage: 'REIMBURSING' } }),
    });
    renderPage(<DischargeForm view={caseView({ stage: 'REHABILITATION' })} onDone={() => undefined} />, { role: 'hospital' });
    fill('住院总费用（元）', '100');
    fill('其中政策范围内费用（元）', '50');
    await userEvent.click(screen.getByRole('button', { name: '确认出院并提交账单' }));
    await userEvent.click(await screen.findByRole('button', { name: '确认提交' }));
    expect(await screen.findByText(/个案当前处于“报销中”阶段/)).toBeInTheDocument();
  });

  it('sends nothing when the clerk goes back from the confirmation', async () => {
    const api = mockApi({});
    const onDone = vi.fn();
    renderPage(<DischargeForm view={caseView({ stage: 'REHABILITATION' })} onDone={onDone} />, { role: 'hospital' });
    fill('住院总费用（元）', '100');
    fill('其中政策范围内费用（元）', '50');
    await userEvent.click(screen.getByRole('button', { name: '确认出院并提交账单' }));
    await userEvent.click(await screen.findByRole('button', { name: '返回修改' }));
    await waitFor(() => expect(screen.queryByTestId('discharge-summary')).not.toBeInTheDocument());
    expect(api.requests.filter((r) => r.method !== 'GET')).toHaveLength(0);
    expect(onDone).not.toHaveBeenCalled();
  });
});
