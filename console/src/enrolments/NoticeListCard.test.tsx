import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EnrolmentListPage } from './EnrolmentListPage';
import { currentMonth } from '../components/month';
import { renderPage } from '../test/render';
import { mockApi } from '../test/fetch-mock';

const SLOW = { timeout: 8000 };
const EMPTY_LIST = { 'GET /v1/enrolments': () => ({ body: { items: [], nextCursor: null } }) };

describe('the public-notice list on the enrolment list', () => {
  it('downloads the month’s list for civil affairs, asked with the program and the month, the byte-order mark kept', async () => {
    const saved: Blob[] = [];
    // jsdom has no object URLs: record the blob the page would save.
    Object.assign(URL, { createObjectURL: (blob: Blob) => (saved.push(blob), 'blob:notice'), revokeObjectURL: () => {} });
    const csv = '姓名,乡镇,身份证号\n马兰,黄羊镇,620602********1234\n';
    const api = mockApi({ ...EMPTY_LIST, 'GET /v1/enrolments/notice.csv': () => ({ text: `\uFEFF${csv}`, contentType: 'text/csv; charset=utf-8' }) });
    renderPage(<EnrolmentListPage />, { role: 'civil' });
    expect(await screen.findByText('公示名单（当月新批准享受补贴的人员）', undefined, SLOW)).toBeInTheDocument();
    expect(screen.getByLabelText('批准月份')).toHaveValue(currentMonth());
    await userEvent.clear(screen.getByLabelText('批准月份'));
    await userEvent.type(screen.getByLabelText('批准月份'), '2026-05');
    await userEvent.click(screen.getByTestId('notice-download'));
    await waitFor(() => expect(saved).toHaveLength(1));
    const asked = api.sent('GET', '/v1/enrolments/notice.csv')[0]!;
    expect(asked.query.get('program')).toBe('NURSING_SUBSIDY');
    expect(asked.query.get('month')).toBe('2026-05');
    const bytes = await new Promise<Uint8Array>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
      reader.readAsArrayBuffer(saved[0]!);
    });
    // The byte-order mark a spreadsheet needs, once, then the file as the server wrote it.
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(`\uFEFF${csv}`);
  });

  it('refuses a month that is not YYYY-MM before asking', async () => {
    const api = mockApi({ ...EMPTY_LIST });
    renderPage(<EnrolmentListPage />, { role: 'admin' });
    await userEvent.clear(await screen.findByLabelText('批准月份', undefined, SLOW));
    await userEvent.type(screen.getByLabelText('批准月份'), '2026-13');
    await userEvent.click(screen.getByTestId('notice-download'));
    expect(await screen.findByText('请按 YYYY-MM 填写月份')).toBeInTheDocument();
    expect(api.sent('GET', '/v1/enrolments/notice.csv')).toHaveLength(0);
  });

  it('is not offered to an officer', async () => {
    mockApi({ ...EMPTY_LIST });
    renderPage(<EnrolmentListPage />, { role: 'officer' });
    expect(await screen.findByText('补贴申请列表', undefined, SLOW)).toBeInTheDocument();
    expect(screen.queryByTestId('notice-download')).toBeNull();
  });
});
