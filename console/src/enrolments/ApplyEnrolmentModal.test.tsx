import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PersonPage } from '../persons/PersonPage';
import { fill, renderPage } from '../test/render';
import { mockApi } from '../test/fetch-mock';
import { enrolmentView } from '../test/fixtures';

const PERSON = {
  personId: 'PS-1', idNumber: '62060219900101123X', name: '马兰', phone: null, town: '黄羊镇', village: null,
  assistanceCategory: 'DIBAO', disability: { certificateNo: 'CDPF-7', category: 'PHYSICAL', grade: 1, longTermCare: true },
  status: 'ACTIVE', statusSince: '2026-11-01T00:00:00.000Z', createdAt: '2026-11-01T00:00:00.000Z',
  programs: [
    { program: 'NURSING_SUBSIDY', id: 'EN-OLD-1', stage: 'ACTIVE', openedAt: '2026-03-01T01:00:00.000Z', closedAt: null, paidFen: 64_000 },
    { program: 'SURGERY', id: 'LZ-1', stage: 'WITHDRAWN', openedAt: '2026-03-01T01:00:00.000Z', closedAt: '2026-03-05T01:00:00.000Z', paidFen: 0 },
  ],
};

async function openForm() {
  renderPage(<PersonPage />, { path: '/persons/PS-1', route: '/persons/:personId' });
  await userEvent.click(await screen.findByRole('button', { name: '申请补贴' }));
  return screen.findByRole('dialog');
}

describe("a person's subsidies", () => {
  it('links each enrolment to its page, named by its stage in the subsidy\'s words', async () => {
    mockApi({ 'GET /v1/persons/PS-1': () => ({ body: PERSON }) });
    renderPage(<PersonPage />, { path: '/persons/PS-1', route: '/persons/:personId' });
    expect(await screen.findByRole('link', { name: 'EN-OLD-1' })).toHaveAttribute('href', '/enrolments/EN-OLD-1');
    expect(screen.getByRole('link', { name: 'LZ-1' })).toHaveAttribute('href', '/cases/LZ-1');
    expect(screen.getByText('享受中')).toBeInTheDocument();
    expect(screen.getByText('重度残疾人护理补贴')).toBeInTheDocument();
    expect(screen.getByText('¥640.00')).toBeInTheDocument();
  });

  it('is not offered to a role that may not apply', async () => {
    mockApi({ 'GET /v1/persons/PS-1': () => ({ body: PERSON }) });
    renderPage(<PersonPage />, { role: 'civil', path: '/persons/PS-1', route: '/persons/:personId' });
    await screen.findByTestId('person-status');
    expect(screen.queryByRole('button', { name: '申请补贴' })).toBeNull();
  });
});

describe('申请补贴 form', () => {
  it('names every field that is wrong, in Chinese, and sends nothing', async () => {
    const api = mockApi({ 'GET /v1/persons/PS-1': () => ({ body: PERSON }) });
    await openForm();
    fill('申请日期', '');
    fill('银行账号', '6217-12ab');
    await userEvent.click(screen.getByRole('button', { name: '提交申请' }));
    expect(await screen.findByText('请选择补贴项目')).toBeInTheDocument();
    expect(screen.getByText('请按 YYYY-MM-DD 填写日期')).toBeInTheDocument();
    expect(screen.getByText('必填')).toBeInTheDocument();
    expect(screen.getByText('应为 8–32 位数字')).toBeInTheDocument();
    expect(screen.getByText('提交的内容有误，请按标出的字段修改后再提交。')).toBeInTheDocument();
    expect(api.sent('POST', '/v1/enrolments')).toHaveLength(0);
  });

  it('sends the application with the account number as digits, and says so', async () => {
    const api = mockApi({
      'GET /v1/persons/PS-1': () => ({ body: PERSON }),
      'POST /v1/enrolments': (request) => ({ status: 201, body: enrolmentView({ enrolmentId: (request.json as { enrolmentId: string }).enrolmentId, program: 'LIVING_SUBSIDY' }) }),
    });
    await openForm();
    await userEvent.click(screen.getByLabelText('补贴项目'));
    await userEvent.click(await screen.findByTitle('困难残疾人生活补贴'));
    fill('申请日期', '2026-11-02');
    fill('开户行', '凉州区农商银行');
    fill('银行账号', '6217 0000 1234 5678');
    await userEvent.click(screen.getByRole('button', { name: '提交申请' }));
    await waitFor(() => expect(api.sent('POST', '/v1/enrolments')).toHaveLength(1));
    expect(api.sent('POST', '/v1/enrolments')[0]!.json).toEqual({
      enrolmentId: expect.stringMatching(/^EN-/),
      program: 'LIVING_SUBSIDY',
      personId: 'PS-1',
      appliedOn: '2026-11-02',
      bankAccount: { bank: '凉州区农商银行', accountNo: '6217000012345678' },
    });
    expect(await screen.findByText(/已提交申请 EN-.*，待乡镇审核/)).toBeInTheDocument();
  });

  it('tells the clerk when the person already has an open enrolment in the subsidy', async () => {
    mockApi({
      'GET /v1/persons/PS-1': () => ({ body: PERSON }),
      'POST /v1/enrolments': () => ({ status: 409, body: { type: '/problems/duplicate-enrolment', title: 'Conflict', status: 409, detail: 'open enrolment', existingEnrolmentId: 'EN-OLD-1' } }),
    });
    await openForm();
    await userEvent.click(screen.getByLabelText('补贴项目'));
    await userEvent.click(await screen.findByTitle('重度残疾人护理补贴'));
    fill('开户行', '凉州区农商银行');
    fill('银行账号', '6217000012345678');
    await userEvent.click(screen.getByRole('button', { name: '提交申请' }));
    expect(await screen.findByText('此人已有该项补贴的申请（EN-OLD-1），不能重复申请。')).toBeInTheDocument();
  });
});
