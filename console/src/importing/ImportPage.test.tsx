import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ImportPage, IMPORT_CHUNK_ROWS } from './ImportPage';
import { parseCsv, readRoster, ROSTER_COLUMNS } from './csv';
import { renderPage } from '../test/render';
import { mockApi } from '../test/fetch-mock';
import { ADULT_ID, validIdNumber } from '../test/fixtures';

function rosterText(rows: number, badRows: number[] = []): string {
  const lines = [ROSTER_COLUMNS.join(',')];
  for (let i = 1; i <= rows; i++) {
    const id = badRows.includes(i) ? '620602198001011230' : validIdNumber(`6206021980010${String(1000 + i).slice(-4)}`);
    lines.push([``, `申请人${i}`, id, '', '黄羊镇', '', '"马蹄内翻足, 双侧"', 'wuwei-hand-foot', 'true', 'DIBAO', '', '', '', ''].join(','));
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

describe('roster CSV', () => {
  it('parses quotes, doubled quotes, CRLF and a byte-order mark', () => {
    expect(parseCsv('\ufeffa,b\r\n"x, ""y""",2\r\n\r\n')).toEqual([
      ['a', 'b'],
      ['x, "y"', '2'],
    ]);
  });

  it('names missing and unknown columns', () => {
    const roster = readRoster('name,idNumber,extra\nA,1,2\n');
    expect(roster.missingColumns).toContain('town');
    expect(roster.unknownColumns).toEqual(['extra']);
    expect(roster.rows[0]?.name).toBe('A');
  });
});

describe('ImportPage (officer)', () => {
  it('previews with the shared schema, imports in chunks with progress and reports failed rows by their row in the file', async () => {
    const total = IMPORT_CHUNK_ROWS + 5;
    const api = mockApi({
      'POST /v1/cases/import': (request) => {
        const rows = parseCsv(request.body ?? '').length - 1;
        // The server fails the 2nd row of every chunk, counting from 1 within the request.
        return { body: { created: rows - 1, existing: 0, failed: [{ row: 2, errors: [{ path: 'applicant.idNumber', message: 'resident ID number has a wrong check character' }] }], caseIds: [`C-${rows}`] } };
      },
    });
    renderPage(<ImportPage />);
    const file = new File([rosterText(total, [3])], 'roster.csv', { type: 'text/csv' });
    fireEvent.change(screen.getByLabelText('选择 CSV 文件：'), { target: { files: [file] } });

    expect(await screen.findByText(`预览：roster.csv，共 ${total} 行`)).toBeInTheDocument();
    expect(screen.getByText(/本地检查发现 1 行可能有问题/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: `导入 ${total} 行` }));
    const result = await screen.findByTestId('import-result');
    await waitFor(() => expect(within(result).getByText(`${total} / ${total}`)).toBeInTheDocument());

    const sent = api.sent('POST', '/v1/cases/import');
    expect(sent).toHaveLength(2);
    expect(sent[0]!.headers['Content-Type']).toBe('text/csv');
    expect(parseCsv(sent[0]!.body!)[0]).toEqual([...ROSTER_COLUMNS]);
    expect(parseCsv(sent[1]!.body!)).toHaveLength(1 + 5);
    expect(parseCsv(sent[0]!.body!)[1]?.[6]).toBe('马蹄内翻足, 双侧');
    // Row 2 of the second request is row IMPORT_CHUNK_ROWS + 2 of the file.
    const failedRows = [...result.querySelectorAll('tr.ant-table-row')].map((row) => row.querySelector('td')?.textContent);
    expect(failedRows).toEqual(['2', String(IMPORT_CHUNK_ROWS + 2)]);
    expect(within(result).getAllByText('身份证号: 身份证号校验位不正确，请核对')).toHaveLength(2);
  });

  it('refuses to import a file without the required columns', async () => {
    mockApi({});
    renderPage(<ImportPage />);
    fireEvent.change(screen.getByLabelText('选择 CSV 文件：'), { target: { files: [new File([`name,idNumber\nA,${ADULT_ID}\n`], 'x.csv')] } });
    expect(await screen.findByText('缺少列：town, diagnosis, hospitalId, assistanceCategory')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '导入 1 行' })).toBeDisabled();
  });
});
