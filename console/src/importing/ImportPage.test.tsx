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
    // Row 2 of each request is named by its line in the spreadsheet (the header is line 1).
    const failedRows = [...result.querySelectorAll('tr.ant-table-row')].map((row) => row.querySelector('td')?.textContent);
    expect(failedRows).toEqual(['3', String(IMPORT_CHUNK_ROWS + 3)]);
    expect(within(result).getByText('申请人2')).toBeInTheDocument();
    expect(within(result).getAllByText('身份证号: 身份证号校验位不正确，请核对')).toHaveLength(2);
  });

  it('refuses to import a file without the required columns', async () => {
    mockApi({});
    renderPage(<ImportPage />);
    fireEvent.change(screen.getByLabelText('选择 CSV 文件：'), { target: { files: [new File([`name,idNumber\nA,${ADULT_ID}\n`], 'x.csv')] } });
    expect(await screen.findByText('缺少列：镇/街道、诊断、定点医院、救助类别')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '导入 1 行' })).toBeDisabled();
  });

  it('reads the Chinese template: headers, a hospital by name, 低保对象, 是/否; skips the example line; sends the API its own values', async () => {
    const api = mockApi({ 'POST /v1/cases/import': () => ({ body: { created: 1, existing: 0, failed: [], caseIds: ['C-1'] } }) });
    renderPage(<ImportPage />);
    const header = '个案编号,姓名*,身份证号*,联系电话,镇/街道*,村/社区,诊断*,定点医院*,参加城乡居民医保,救助类别*,残疾证号,监护人姓名,监护人电话,与申请人关系';
    const example = `示例（导入时跳过此行）,张三,${ADULT_ID},,黄羊镇,,诊断,武威手足外科医院,是,低保对象,,,,`;
    const row = `,李四,${validIdNumber('62060219800101777')},,武南镇,,先天性马蹄内翻足,武威手足外科医院,否,特困供养人员,,,,`;
    fireEvent.change(screen.getByLabelText('选择 CSV 文件：'), { target: { files: [new File([`${header}\n${example}\n${row}\n`], '名单.csv')] } });
    expect(await screen.findByText('预览：名单.csv，共 1 行')).toBeInTheDocument();
    expect(screen.getByText('本地检查未发现问题。')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '导入 1 行' }));
    await waitFor(() => expect(api.sent('POST', '/v1/cases/import')).toHaveLength(1));
    const [sentHeader, sentRow] = parseCsv(api.sent('POST', '/v1/cases/import')[0]!.body!);
    expect(sentHeader).toEqual([...ROSTER_COLUMNS]);
    const value = (column: string) => sentRow![ROSTER_COLUMNS.indexOf(column as (typeof ROSTER_COLUMNS)[number])];
    expect([value('name'), value('hospitalId'), value('insured'), value('assistanceCategory')]).toEqual(['李四', 'wuwei-hand-foot', 'false', 'TEKUN']);
  });

  it('shows every problem of a row at once, with the allowed values, the line and the name', async () => {
    mockApi({});
    renderPage(<ImportPage />);
    const header = '姓名,身份证号,镇/街道,诊断,定点医院,参加城乡居民医保,救助类别';
    const good = `王五,${validIdNumber('62060219800101555')},黄羊镇,诊断,武威手足外科医院,是,低保对象`;
    const bad = '赵六,620602198001011230,黄羊镇,,某某医院,也许,贫困户';
    fireEvent.change(screen.getByLabelText('选择 CSV 文件：'), { target: { files: [new File([`${header}\n${good}\n${bad}\n`], 'x.csv')] } });
    const line = (await screen.findByText('赵六')).closest('tr')!;
    expect(within(line).getByText('3')).toBeInTheDocument();
    const text = line.textContent!;
    expect(text).toContain('“某某医院”不是定点医院，只能填：');
    expect(text).toContain('武威手足外科医院');
    expect(text).toContain('“贫困户”不是救助类别，只能填：特困供养人员、低保对象、返贫致贫人口、无');
    expect(text).toContain('“也许”无法识别，只能填“是”或“否”');
    expect(text).toContain('身份证号校验位不正确');
    expect(text).toContain('诊断');
  });
});
