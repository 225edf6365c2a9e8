import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Role } from '../api/types';
import { EnrolmentPage } from './EnrolmentPage';
import { renderPage } from '../test/render';
import { mockApi } from '../test/fetch-mock';
import { activeEnrolment, enrolmentView } from '../test/fixtures';
import type { EnrolmentView } from '../api/types';

const PATH = '/enrolments/EN-2026-0001';
const ROUTE = '/enrolments/:enrolmentId';
const API = `/v1${PATH}`;

function showAs(role: Role, view: EnrolmentView) {
  const api = mockApi({ [`GET ${API}`]: () => ({ body: view }) });
  renderPage(<EnrolmentPage />, { role, path: PATH, route: ROUTE });
  return api;
}

function stepTitles(): { title: string; current: boolean }[] {
  const nav = screen.getByRole('navigation', { name: '申请进度' });
  return [...nav.querySelectorAll<HTMLElement>('.ant-steps-item')].map((item) => ({
    title: item.querySelector('.ant-steps-item-title')?.textContent ?? '',
    current: item.classList.contains('ant-steps-item-active'),
  }));
}

describe('补贴申请 page', () => {
  it('walks the stepper through the five stages, and stands on 享受中 with every month owed in Chinese', async () => {
    showAs('officer', activeEnrolment());
    expect(await screen.findByTestId('enrolment-stage')).toHaveTextContent('享受中');
    const steps = stepTitles();
    expect(steps.map((step) => step.title)).toEqual(['乡镇审核', '残联审核', '民政审批', '公示中', '享受中']);
    expect(steps.filter((step) => step.current).map((step) => step.title)).toEqual(['享受中']);
    expect(screen.getByText('重度残疾人护理补贴')).toBeInTheDocument();

    const rows = [...document.querySelectorAll<HTMLElement>('tr.ant-table-row')].map((row) => within(row).getAllByRole('cell').map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['2026-10', '¥80.00', '已发放'],
      ['2026-11', '¥80.00', '发放中'],
      ['2026-12', '¥80.00', '应发'],
    ]);
    // The account number is shown exactly as the server sent it (masked for an officer).
    expect(screen.getByTestId('account-no')).toHaveTextContent('************5678');
    expect(screen.queryByTestId('recovery')).toBeNull();
  });

  it('stands a refused application on the step that refused it, with the rules the person failed in Chinese', async () => {
    showAs('civil', enrolmentView({
      stage: 'REJECTED',
      townReview: { approved: true, reason: null, reviewedBy: '王审核', recordedBy: 'officer-1', recordedAt: '2026-10-09T09:00:00+08:00' },
      cdpfReview: { approved: true, reason: null, reviewedBy: '李审核', recordedBy: 'officer-1', recordedAt: '2026-10-10T09:00:00+08:00' },
      decision: { approved: false, monthlyFen: 0, policyVersion: '2026-01', reasons: ['GRADE', 'LONG_TERM_CARE'], reason: '等级不符', decidedBy: 'civil-1', decidedAt: '2026-10-11T09:00:00+08:00' },
      rejection: { reason: '等级不符', by: 'civil-1', at: '2026-10-11T09:00:00+08:00' },
    }));
    expect(await screen.findByTestId('enrolment-stage')).toHaveTextContent('未通过');
    expect(stepTitles().filter((step) => step.current).map((step) => step.title)).toEqual(['未通过']);
    expect(stepTitles()[2]!.title).toBe('未通过');
    expect(screen.getByTestId('ineligible-reasons')).toHaveTextContent('残疾等级不在补贴范围内；未评定为需长期照护');
    expect(screen.queryByTestId('enrolment-actions')).toBeNull();
  });

  it('shows the recovery: owed, recovered, waived and what is still owed', async () => {
    showAs('finance', activeEnrolment({ stage: 'TERMINATED', terminatedAfter: '2026-10', terminationReason: 'DIED', recovery: { owedFen: 16_000, recoveredFen: 5_000, waivedFen: 1_000, status: 'OPEN' } }));
    const recovery = await screen.findByTestId('recovery');
    expect(recovery).toHaveTextContent('追回中');
    expect(recovery).toHaveTextContent('应追回¥160.00');
    expect(recovery).toHaveTextContent('已追回¥50.00');
    expect(recovery).toHaveTextContent('已免于追回¥10.00');
    expect(within(recovery).getByTestId('recovery-outstanding')).toHaveTextContent('¥100.00');
    expect(screen.getByText('2026-10 之后停发（死亡）')).toBeInTheDocument();
    // Finance reads; it takes no action on an enrolment.
    expect(screen.queryByTestId('enrolment-actions')).toBeNull();
  });
});

describe('补贴申请 page: the action for the role and the stage', () => {
  const cases: { role: Role; view: EnrolmentView; shows: string[]; hides: string[] }[] = [
    { role: 'officer', view: enrolmentView(), shows: ['提交审核意见', '撤回申请'], hides: ['提交审批意见'] },
    { role: 'civil', view: enrolmentView(), shows: [], hides: ['提交审核意见', '撤回申请'] },
    { role: 'officer', view: enrolmentView({ stage: 'CDPF_REVIEW' }), shows: ['提交审核意见'], hides: [] },
    { role: 'civil', view: enrolmentView({ stage: 'DECISION' }), shows: ['提交审批意见'], hides: ['撤回申请'] },
    { role: 'officer', view: enrolmentView({ stage: 'DECISION' }), shows: ['撤回申请'], hides: ['提交审批意见'] },
    { role: 'officer', view: enrolmentView({ stage: 'PUBLIC_NOTICE', noticeEndsAt: '2026-10-18T09:00:00+08:00' }), shows: ['登记公示异议', '撤回申请'], hides: [] },
    { role: 'civil', view: activeEnrolment(), shows: ['暂停发放'], hides: ['恢复发放'] },
    { role: 'officer', view: activeEnrolment(), shows: [], hides: ['暂停发放', '撤回申请'] },
    { role: 'civil', view: activeEnrolment({ stage: 'SUSPENDED' }), shows: ['恢复发放'], hides: [] },
    { role: 'civil', view: activeEnrolment({ recovery: { owedFen: 8_000, recoveredFen: 0, waivedFen: 0, status: 'OPEN' } }), shows: ['登记退回'], hides: ['免于追回'] },
    { role: 'admin', view: activeEnrolment({ recovery: { owedFen: 8_000, recoveredFen: 0, waivedFen: 0, status: 'OPEN' } }), shows: ['登记退回', '免于追回'], hides: [] },
    { role: 'finance', view: activeEnrolment({ recovery: { owedFen: 8_000, recoveredFen: 0, waivedFen: 0, status: 'OPEN' } }), shows: [], hides: ['登记退回', '免于追回', '暂停发放'] },
  ];
  it.each(cases)('$role in $view.stage sees $shows', async ({ role, view, shows, hides }) => {
    showAs(role, view);
    await screen.findByTestId('enrolment-stage');
    const buttonNames = screen.queryAllByRole('button').map((button) => (button.textContent ?? '').replace(/\s+/g, ''));
    for (const name of shows) expect(buttonNames).toContain(name);
    for (const name of hides) expect(buttonNames).not.toContain(name);
    if (shows.length === 0) expect(screen.queryByTestId('enrolment-actions')).toBeNull();
  });
});

describe('补贴申请 page: taking an action', () => {
  it('records the town review and says so, then shows the next stage', async () => {
    const api = mockApi({
      [`GET ${API}`]: () => ({ body: enrolmentView() }),
      [`POST ${API}/town-review`]: () => ({ body: enrolmentView({ stage: 'CDPF_REVIEW', townReview: { approved: true, reason: null, reviewedBy: 'officer-1', recordedBy: 'officer-1', recordedAt: '2026-10-09T09:00:00+08:00' } }) }),
    });
    renderPage(<EnrolmentPage />, { role: 'officer', path: PATH, route: ROUTE });
    await userEvent.click(await screen.findByRole('button', { name: '提交审核意见' }));
    expect(await screen.findByText('已记录乡镇审核意见')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('enrolment-stage')).toHaveTextContent('残联审核'));
    expect(api.sent('POST', `${API}/town-review`)[0]!.json).toEqual({ approved: true, reviewedBy: 'officer-1' });
  });

  it('asks for a reason before refusing, in Chinese, and sends nothing without one', async () => {
    const api = mockApi({ [`GET ${API}`]: () => ({ body: enrolmentView() }) });
    renderPage(<EnrolmentPage />, { role: 'officer', path: PATH, route: ROUTE });
    await userEvent.click(await screen.findByRole('radio', { name: '不同意' }));
    await userEvent.click(screen.getByRole('button', { name: '提交审核意见' }));
    expect(await screen.findAllByText('不同意时必须填写原因')).not.toHaveLength(0);
    expect(api.sent('POST', `${API}/town-review`)).toHaveLength(0);
  });

  it('shows why the person is not eligible, in Chinese, when civil affairs approves and the server refuses', async () => {
    mockApi({
      [`GET ${API}`]: () => ({ body: enrolmentView({ stage: 'DECISION' }) }),
      [`POST ${API}/decision`]: () => ({
        status: 422,
        body: { type: '/problems/not-eligible', title: 'Not eligible', status: 422, detail: 'GRADE, LONG_TERM_CARE', reasons: ['GRADE', 'LONG_TERM_CARE'] },
      }),
    });
    renderPage(<EnrolmentPage />, { role: 'civil', path: PATH, route: ROUTE });
    await userEvent.click(await screen.findByRole('button', { name: '提交审批意见' }));
    expect(await screen.findByText('此人不符合补贴条件：残疾等级不在补贴范围内；未评定为需长期照护')).toBeInTheDocument();
    expect(screen.getByTestId('enrolment-stage')).toHaveTextContent('民政审批');
  });
});
