import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderPage, fill } from '../test/render';
import { mockApi } from '../test/fetch-mock';
import { todayIsoDay } from '../components/datetime';
import { pairingView } from './fixtures';
import { PairingPage } from './PairingPage';

const SLOW = { timeout: 8000 };
const EVENTS = {
  items: [
    { seq: 1, type: 'PairingCreated', occurredAt: '2026-11-01T02:00:00.000Z', actor: { role: 'officer', sub: 'officer-1' }, data: { input: { official: { name: '王建国', unit: '凉州区民政局' } } } },
    { seq: 2, type: 'ContactLogged', occurredAt: '2026-11-03T02:00:00.000Z', actor: { role: 'official', sub: 'official-1' }, data: { kind: 'VISIT', on: '2026-11-03', text: '老人身体尚可，屋顶漏雨' } },
  ],
};

function openAs(role: 'official' | 'officer' | 'admin', routes: Parameters<typeof mockApi>[0] = {}) {
  const api = mockApi({
    'GET /v1/pairings/PR-1': () => ({ body: pairingView() }),
    'GET /v1/pairings/PR-1/events': () => ({ body: EVENTS }),
    ...routes,
  });
  renderPage(<PairingPage />, { role, path: '/pairings/PR-1', route: '/pairings/:pairingId' });
  return api;
}

describe('a pairing, as its official sees it', () => {
  it('shows the person, the figures and the timeline with the notes', async () => {
    openAs('official');
    await screen.findByRole('heading', { name: '李秀英 · 黄羊镇' }, SLOW);
    const timeline = screen.getByTestId('pairing-timeline');
    expect(timeline).toHaveTextContent('上门走访 2026-11-03 · 老人身体尚可，屋顶漏雨');
    expect(timeline).toHaveTextContent('建立结对');
    // The official does the work; arranging is the office's.
    expect(screen.queryByRole('button', { name: /调整结对干部/ })).toBeNull();
  });

  it('logs a visit: the kind is a visit and the day today unless changed; the notes are the official’s', async () => {
    const api = openAs('official', { 'POST /v1/pairings/PR-1/contacts': () => ({ body: pairingView({ contacts: 2, visits: 2 }) }) });
    await userEvent.click(await screen.findByRole('button', { name: /登记联系/ }, SLOW));
    const sheet = await screen.findByRole('dialog');
    fill('情况记录', '送去冬衣 屋顶已修好');
    await userEvent.click(within(sheet).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(api.sent('POST', '/v1/pairings/PR-1/contacts')).toHaveLength(1), SLOW);
    expect(api.sent('POST', '/v1/pairings/PR-1/contacts')[0]!.json).toEqual({ kind: 'VISIT', on: todayIsoDay(), notes: '送去冬衣 屋顶已修好' });
  });

  it('records a matter typed in yuan as fen', async () => {
    const api = openAs('official', { 'POST /v1/pairings/PR-1/matters': () => ({ body: pairingView({ matters: 1, mattersValueFen: 8550 }) }) });
    await userEvent.click(await screen.findByRole('button', { name: /登记实事/ }, SLOW));
    const sheet = await screen.findByRole('dialog');
    fill('内容', '代买降压药');
    fill('金额（元）', '85.5');
    await userEvent.click(within(sheet).getByText('单位出资'));
    await userEvent.click(within(sheet).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(api.sent('POST', '/v1/pairings/PR-1/matters')).toHaveLength(1), SLOW);
    expect(api.sent('POST', '/v1/pairings/PR-1/matters')[0]!.json).toEqual({ description: '代买降压药', valueFen: 8550, fundedBy: 'UNIT', doneOn: todayIsoDay() });
  });

  it('public funds: the server refuses, and the form shows the server’s words under the funder', async () => {
    const refusal = '必须是以下之一：PERSONAL、UNIT、CHARITY';
    const api = openAs('official', {
      'POST /v1/pairings/PR-1/matters': () => ({
        status: 400,
        body: { type: 'https://liangzhou.example/problems/validation', title: '请求的内容有误', status: 400, detail: 'the request has invalid fields; see errors', errors: [{ path: 'fundedBy', message: refusal }] },
      }),
    });
    await userEvent.click(await screen.findByRole('button', { name: /登记实事/ }, SLOW));
    const sheet = await screen.findByRole('dialog');
    fill('内容', '垫付医药费');
    fill('金额（元）', '1,200');
    await userEvent.click(within(sheet).getByText('公共资金'));
    await userEvent.click(within(sheet).getByRole('button', { name: /保\s*存/ }));
    // Sent as chosen: the server alone says which funders a matter may have.
    await waitFor(() => expect(api.sent('POST', '/v1/pairings/PR-1/matters')).toHaveLength(1), SLOW);
    expect(api.sent('POST', '/v1/pairings/PR-1/matters')[0]!.json).toMatchObject({ valueFen: 120_000, fundedBy: 'PUBLIC' });
    expect(await within(sheet).findByText(refusal)).toBeInTheDocument();
    expect(within(sheet).getByRole('alert')).toBeInTheDocument();
    // The sheet stays open with what was typed: nothing is lost.
    expect(screen.getByLabelText('金额（元）')).toHaveValue('1,200');
  });

  it('a value with three decimals is refused in the form; nothing is sent', async () => {
    const api = openAs('official');
    await userEvent.click(await screen.findByRole('button', { name: /登记实事/ }, SLOW));
    const sheet = await screen.findByRole('dialog');
    fill('内容', '代买药品');
    fill('金额（元）', '12.345');
    await userEvent.click(within(sheet).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(sheet.querySelector('.ant-form-item-explain-error')).not.toBeNull());
    expect(api.sent('POST', '/v1/pairings/PR-1/matters')).toHaveLength(0);
  });
});

describe('a referral', () => {
  it('refers the person to the nursing subsidy with the account to pay to, and names the application opened', async () => {
    const api = openAs('official', { 'POST /v1/pairings/PR-1/referrals': () => ({ body: { program: 'NURSING_SUBSIDY', id: 'EN-PR-1-RF', created: true } }) });
    await userEvent.click(await screen.findByRole('button', { name: /转介到项目/ }, SLOW));
    const sheet = await screen.findByRole('dialog');
    fill('开户银行', '凉州区农商银行');
    fill('银行账号', '6217 0000 1234 5678');
    fill('情况记录', '卧床两年 需要护理');
    await userEvent.click(within(sheet).getByRole('button', { name: /转介到项目/ }));
    await waitFor(() => expect(api.sent('POST', '/v1/pairings/PR-1/referrals')).toHaveLength(1), SLOW);
    expect(api.sent('POST', '/v1/pairings/PR-1/referrals')[0]!.json).toEqual({
      program: 'NURSING_SUBSIDY',
      notes: '卧床两年 需要护理',
      bankAccount: { bank: '凉州区农商银行', accountNo: '6217000012345678' },
    });
    expect(await screen.findByText('已转介：重度残疾人护理补贴 EN-PR-1-RF', undefined, SLOW)).toBeInTheDocument();
  });
});

describe('a pairing, as an officer sees it', () => {
  it('reassigns it to another official; the official’s actions are not offered', async () => {
    const api = openAs('officer', { 'POST /v1/pairings/PR-1/reassign': () => ({ body: pairingView({ official: { sub: 'official-2', name: '赵敏', unit: '凉州区民政局' } }) }) });
    await userEvent.click(await screen.findByRole('button', { name: /调整结对干部/ }, SLOW));
    expect(screen.queryByRole('button', { name: /登记联系/ })).toBeNull();
    const sheet = await screen.findByRole('dialog');
    fill('结对干部账号', 'official-2');
    fill('结对干部姓名', '赵敏');
    fill('调整原因', '原结对干部调岗');
    await userEvent.click(within(sheet).getByRole('button', { name: /调整结对干部/ }));
    await waitFor(() => expect(api.sent('POST', '/v1/pairings/PR-1/reassign')).toHaveLength(1), SLOW);
    expect(api.sent('POST', '/v1/pairings/PR-1/reassign')[0]!.json).toEqual({ official: { sub: 'official-2', name: '赵敏', unit: '凉州区民政局' }, reason: '原结对干部调岗' });
  });

  it('a reassignment without the new official’s account is refused in the form, naming the field', async () => {
    const api = openAs('officer');
    await userEvent.click(await screen.findByRole('button', { name: /调整结对干部/ }, SLOW));
    const sheet = await screen.findByRole('dialog');
    fill('结对干部姓名', '赵敏');
    await userEvent.click(within(sheet).getByRole('button', { name: /调整结对干部/ }));
    await waitFor(() => expect(sheet.querySelector('#reassign-official-sub')?.closest('.ant-form-item')?.querySelector('.ant-form-item-explain-error')).not.toBeNull());
    expect(api.sent('POST', '/v1/pairings/PR-1/reassign')).toHaveLength(0);
  });

  it('a pairing that is not the official’s own reads as not found', async () => {
    mockApi({});
    renderPage(<PairingPage />, { role: 'official', path: '/pairings/PR-9', route: '/pairings/:pairingId' });
    expect(await screen.findByText('找不到该结对，或不是您的结对对象。', undefined, SLOW)).toBeInTheDocument();
  });

  it('an administrator picks the new official from the official accounts; the name comes with the account', async () => {
    const account = (username: string, displayName: string, role: string) => ({ username, displayName, role, hospitalId: null, town: null, mustChangePassword: false, disabled: false, createdAt: '2026-11-01T00:00:00.000Z', lastSignInAt: null });
    const api = openAs('admin', {
      'GET /v1/admin/users': () => ({ body: { items: [account('zhao-min', '赵敏', 'official'), account('clerk-1', '刘洋', 'officer')] } }),
      'POST /v1/pairings/PR-1/reassign': () => ({ body: pairingView() }),
    });
    await userEvent.click(await screen.findByRole('button', { name: /调整结对干部/ }, SLOW));
    const sheet = await screen.findByRole('dialog');
    await waitFor(() => expect(api.sent('GET', '/v1/admin/users')).toHaveLength(1), SLOW);
    const sub = await within(sheet).findByRole('combobox', { name: '结对干部账号' }, SLOW);
    await userEvent.type(sub, '赵');
    // Only official accounts are offered.
    expect(screen.queryByText('刘洋（clerk-1）')).toBeNull();
    await userEvent.click(await screen.findByText('赵敏（zhao-min）', undefined, SLOW));
    expect(screen.getByLabelText('结对干部姓名')).toHaveValue('赵敏');
    fill('调整原因', '原结对干部调岗');
    await userEvent.click(within(sheet).getByRole('button', { name: /调整结对干部/ }));
    await waitFor(() => expect(api.sent('POST', '/v1/pairings/PR-1/reassign')).toHaveLength(1), SLOW);
    expect(api.sent('POST', '/v1/pairings/PR-1/reassign')[0]!.json).toEqual({ official: { sub: 'zhao-min', name: '赵敏', unit: '凉州区民政局' }, reason: '原结对干部调岗' });
  });
});
