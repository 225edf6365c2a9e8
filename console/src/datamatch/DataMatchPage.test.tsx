import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DataMatchPage } from './DataMatchPage';
import { BatchPage } from './BatchPage';
import { MATCH_POLL_MS } from './useBatchProgress';
import { renderPage } from '../test/render';
import { mockApi } from '../test/fetch-mock';
import { validIdNumber } from '../test/fixtures';
import type { LifeEventImportResult } from '../api/types';

const IMPORT = '/v1/persons/life-events/import';
const HISTORY = '/v1/persons/life-events/imports';
const ID = validIdNumber('62060219500101123');
const SLOW = { timeout: 5_000 };

function done(overrides: Partial<LifeEventImportResult> = {}): LifeEventImportResult {
  return {
    batchId: 'LEB-2026-11-1',
    status: 'DONE',
    rows: 300,
    applied: 280,
    alreadyApplied: 5,
    notInRegistry: 10,
    queued: 3,
    failed: [{ row: 2, line: 3, errors: [{ path: 'idNumber', message: 'resident ID number has a wrong check character' }] }, { row: 7, line: 9, errors: [{ path: 'type', message: 'invalid option' }] }],
    effects: { enrolmentsTerminated: 4, casesWithdrawn: 1, pairingsClosed: 2, overpaymentFen: 16_050 },
    ...overrides,
  };
}

function chooseFile(text: string | Uint8Array, name = 'deaths.csv') {
  fireEvent.change(screen.getByLabelText('选择名单文件（CSV）：'), { target: { files: [new File([text as BlobPart], name, { type: 'text/csv' })] } });
}

function history() {
  return { [`GET ${HISTORY}`]: () => ({ body: { items: [], nextCursor: null } }) };
}

describe('DataMatchPage: the preview', () => {
  it('recognises an English header, counts the rows by type and flags a bad ID number and a bad type by their line', async () => {
    mockApi(history());
    renderPage(<DataMatchPage />);
    const text = ['idNumber,name,type,on,source', `${ID},马兰,DIED,2026-11-03,公安局`, '620602195001011230,李四,MOVED_OUT,2026-11-04,公安局', `${ID},王五,去世,2026-11-05,民政局`, `${ID},赵六,MOVED_OUT,2026-11-06,公安局`].join('\r\n');
    chooseFile(text);
    const preview = await screen.findByTestId('list-preview');
    expect(within(preview).getByText('预览：deaths.csv，共 4 行')).toBeInTheDocument();
    expect(within(preview).getByText('已识别英文表头')).toBeInTheDocument();
    expect(within(preview).getByText('本地检查发现 2 行有问题：上传后服务器会拒绝这些行，其余行照常比对。')).toBeInTheDocument();
    const counts = within(preview).getByTestId('type-counts');
    expect(within(counts).getByText('死亡 1 行')).toBeInTheDocument();
    expect(within(counts).getByText('户籍迁出 2 行')).toBeInTheDocument();
    expect(within(counts).getByText('救助类别变更 0 行')).toBeInTheDocument();
    expect(within(counts).getByText('事件无法识别 1 行')).toBeInTheDocument();
    const line = (name: string) => within(preview).getByText(name).closest('tr')!;
    expect(line('李四').textContent).toContain('身份证号: 身份证号校验位不正确，请核对');
    expect(within(line('李四')).getByText('3')).toBeInTheDocument();
    expect(line('王五').textContent).toContain('事件: “去世”不是可识别的事件，只能填：死亡、迁出、救助类别变更');
    expect(line('马兰').textContent).toContain('通过');
    // The ID number is shown masked.
    expect(line('马兰').textContent).toContain('620602********');
    expect(line('马兰').textContent).not.toContain(ID);
    // Flagged rows go up too (the server refuses them one by one).
    expect(within(preview).getByRole('button', { name: '上传并比对 4 行' })).toBeEnabled();
  });

  it('recognises a Chinese header in a GB18030 file', async () => {
    mockApi(history());
    renderPage(<DataMatchPage />);
    // "身份证号,姓名,事件,日期,来源\n" then "<ID>,马兰,死亡,2026-11-03,公安局\n", as a Chinese Excel saves them.
    const bytes = (hex: string) => hex.match(/../g)!.map((pair) => parseInt(pair, 16));
    const file = new Uint8Array([...bytes('c9edb7ddd6a4bac52cd0d5c3fb2ccac2bcfe2cc8d5c6da2cc0b4d4b40a'), ...new TextEncoder().encode(`${ID},`), ...bytes('c2edc0bc2ccbc0cdf62c323032362d31312d30332cb9abb0b2bed60a')]);
    chooseFile(file, '死亡名单.csv');
    const preview = await screen.findByTestId('list-preview');
    expect(within(preview).getByText('已识别中文表头')).toBeInTheDocument();
    expect(within(preview).getByText('马兰')).toBeInTheDocument();
    expect(within(preview).getByText('本地检查未发现问题。')).toBeInTheDocument();
    expect(within(within(preview).getByTestId('type-counts')).getByText('死亡 1 行')).toBeInTheDocument();
  });

  it('speaks English when the console does', async () => {
    mockApi(history());
    renderPage(<DataMatchPage />, { language: 'en-US' });
    fireEvent.change(screen.getByLabelText('Choose the list (CSV):'), { target: { files: [new File([`身份证号,姓名,事件,日期,来源\n${ID},马兰,迁出,2026-11-03,公安局\n${ID},王五,去世,2026-11-05,民政局\n`], 'x.csv')] } });
    const preview = await screen.findByTestId('list-preview');
    expect(within(preview).getByText('Header recognised (Chinese)')).toBeInTheDocument();
    expect(within(preview).getByText('王五').closest('tr')!.textContent).toContain('"去世" is not a type: DIED, MOVED_OUT or ASSISTANCE_CHANGED');
    expect(within(preview).getByRole('button', { name: 'Upload and match 2 rows' })).toBeEnabled();
  });

  it('names missing columns and refuses to upload', async () => {
    mockApi(history());
    renderPage(<DataMatchPage />);
    chooseFile(`姓名,身份证号\n马兰,${ID}\n`);
    expect(await screen.findByText('缺少列：事件、日期、来源')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '上传并比对 1 行' })).toBeDisabled();
  });

  it('refuses a list of more than 50,000 rows before sending anything', async () => {
    const api = mockApi(history());
    renderPage(<DataMatchPage />);
    const rows = Array.from({ length: 50_001 }, (_, i) => `${ID},人${i},DIED,2026-11-03,公安局`);
    chooseFile(['idNumber,name,type,on,source', ...rows].join('\n'));
    expect(await screen.findByText('名单共 50,001 行，超过每次最多 50,000 行的限制，请拆成几个文件分别上传。', undefined, SLOW)).toBeInTheDocument();
    const button = screen.getByRole('button', { name: '上传并比对 50001 行' });
    expect(button).toBeDisabled();
    fireEvent.click(button);
    expect(api.sent('POST', IMPORT)).toHaveLength(0);
  });
});

describe('DataMatchPage: the upload', () => {
  it('sends the file as CSV, shows the progress while the server matches, then the result with the overpayment in 元', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      let reads = 0;
      const api = mockApi({
        ...history(),
        [`POST ${IMPORT}`]: () => ({ status: 202, body: done({ status: 'RUNNING', progress: { done: 100, total: 300 }, applied: 0, queued: 0, failed: [], effects: { enrolmentsTerminated: 0, casesWithdrawn: 0, pairingsClosed: 0, overpaymentFen: 0 } }) }),
        [`GET ${HISTORY}/LEB-2026-11-1`]: () => {
          reads += 1;
          return { body: reads < 2 ? done({ status: 'RUNNING', progress: { done: 200, total: 300 } }) : done() };
        },
      });
      renderPage(<DataMatchPage />);
      const text = `\ufeff身份证号,姓名,事件,日期,来源\r\n${ID},马兰,死亡,2026-11-03,公安局\r\n${ID},李四,死亡,2026-11-03,公安局\r\n`;
      chooseFile(text);
      await userEvent.click(await screen.findByRole('button', { name: '上传并比对 2 行' }));

      expect(await screen.findByText('正在比对：已处理 100 / 300 行，本页自动刷新')).toBeInTheDocument();
      const [sent] = api.sent('POST', IMPORT);
      expect(sent!.headers['Content-Type']).toBe('text/csv');
      // The file's name travels in the query, for the history of lists.
      expect(sent!.query.get('fileName')).toBe('deaths.csv');
      expect(sent!.body).toContain(`${ID},马兰,死亡,2026-11-03,公安局`);
      expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '33');

      await act(async () => {
        vi.advanceTimersByTime(MATCH_POLL_MS);
      });
      expect(await screen.findByText('正在比对：已处理 200 / 300 行，本页自动刷新')).toBeInTheDocument();
      await act(async () => {
        vi.advanceTimersByTime(MATCH_POLL_MS);
      });
      const result = await screen.findByTestId('batch-result');
      await waitFor(() => expect(screen.queryByTestId('batch-running')).toBeNull());
      const value = (testId: string) => within(result).getByTestId(testId).querySelector('.ant-statistic-content')?.textContent;
      expect([value('count-rows'), value('count-applied'), value('count-already'), value('count-queued'), value('count-not-in-registry'), value('count-failed')]).toEqual(['300', '280', '5', '3', '10', '2']);
      expect([value('effect-enrolments'), value('effect-cases'), value('effect-pairings')]).toEqual(['4', '1', '2']);
      // 16,050 fen
      expect(value('effect-overpayment')).toBe('160.50');
      const failed = within(result).getByTestId('failed-rows');
      expect([...failed.querySelectorAll('tr.ant-table-row')].map((row) => row.querySelector('td')?.textContent)).toEqual(['3', '9']);
      expect(within(failed).getByText('身份证号: 身份证号校验位不正确，请核对')).toBeInTheDocument();
      // The refused row of line 3 is named from the file just uploaded.
      expect(within(failed).getByText('李四')).toBeInTheDocument();
      expect(within(failed).getByText('事件: 不是可选的值')).toBeInTheDocument();
      expect(within(result).getByRole('button', { name: '核对 3 行姓名不一致的记录' })).toBeInTheDocument();

      // The history is read again once the batch is done, to show its counts.
      await waitFor(() => expect(api.sent('GET', HISTORY).length).toBeGreaterThanOrEqual(3));
      // Once done, the batch is not read again.
      const readsWhenDone = api.sent('GET', `${HISTORY}/LEB-2026-11-1`).length;
      await act(async () => {
        vi.advanceTimersByTime(MATCH_POLL_MS * 3);
      });
      expect(api.sent('GET', `${HISTORY}/LEB-2026-11-1`)).toHaveLength(readsWhenDone);
    } finally {
      vi.useRealTimers();
    }
  });

  it('shows a refused file (422) with what the server says is wrong, field by field', async () => {
    mockApi({
      ...history(),
      [`POST ${IMPORT}`]: () => ({ status: 422, body: { type: '/problems/validation', title: 'Unprocessable', status: 422, errors: [{ path: 'idNumber', message: 'resident ID number has a wrong check character' }] } }),
    });
    renderPage(<DataMatchPage />);
    chooseFile(`idNumber,name,type,on,source\n${ID},马兰,DIED,2026-11-03,公安局\n`);
    await userEvent.click(await screen.findByRole('button', { name: '上传并比对 1 行' }));
    expect(await screen.findByTestId('upload-error')).toHaveTextContent('上传失败：身份证号: 身份证号校验位不正确，请核对');
  });

  it('downloads the month’s report with the bearer token', async () => {
    const saved: Blob[] = [];
    Object.assign(URL, { createObjectURL: (blob: Blob) => (saved.push(blob), 'blob:report'), revokeObjectURL: () => {} });
    const api = mockApi({
      [`GET ${HISTORY}/LEB-2026-11-1`]: () => ({ body: done() }),
      [`GET ${HISTORY}/LEB-2026-11-1/report.csv`]: () => ({ text: '身份证号,姓名\n', contentType: 'text/csv' }),
    });
    renderPage(<BatchPage />, { path: '/data-match/LEB-2026-11-1', route: '/data-match/:batchId' });
    await userEvent.click(await screen.findByRole('button', { name: /下载月度报告/ }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(api.sent('GET', `${HISTORY}/LEB-2026-11-1/report.csv`)[0]!.headers.Authorization).toBe('Bearer test-token-officer');
  });
});

describe('DataMatchPage: the history', () => {
  it('lists the lists uploaded before with their status and counts, each opening its result', async () => {
    mockApi({
      [`GET ${HISTORY}`]: () => ({
        body: {
          items: [
            { batchId: 'LEB-2', importedAt: '2026-11-30T09:00:00+08:00', importedBy: 'officer-1', fileName: '11月死亡名单.csv', rows: 300, applied: 120, queued: 2, notInRegistry: 5, status: 'RUNNING', progress: { done: 130, total: 300 } },
            { batchId: 'LEB-1', importedAt: '2026-10-31T09:00:00+08:00', importedBy: 'admin-1', fileName: '10月迁出名单.csv', rows: 40, applied: 38, queued: 1, notInRegistry: 1, status: 'DONE' },
          ],
          nextCursor: null,
        },
      }),
    });
    renderPage(<DataMatchPage />);
    const table = await screen.findByTestId('import-history');
    const running = (await within(table).findByText('11月死亡名单.csv')).closest('tr')!;
    expect(running.textContent).toContain('比对中 130/300');
    const finished = within(table).getByText('10月迁出名单.csv').closest('tr')!;
    expect(finished.textContent).toContain('已完成');
    expect([...finished.querySelectorAll('td')].map((cell) => cell.textContent).slice(4, 8)).toEqual(['40', '38', '1', '1']);
    expect(within(finished).getByRole('link', { name: '查看结果' })).toHaveAttribute('href', '/data-match/LEB-1');
  });
});
