/**
 * CSV rosters are read as they arrive: the row limit and the size limit stop the reading (the rest
 * of the upload is never parsed), and the text is UTF-8 or GB18030 (declared, or recognised).
 */
import { Readable } from 'node:stream';
import { CSV_COLUMNS } from '../../programs/surgery/api/route-schemas';
import { MAX_CSV_ROSTER_BYTES, readCsvRoster } from '../../programs/surgery/api/csv-roster';
import { caseId, idNumber } from './fixtures';
import { startApiHarness, type ApiHarness } from './harness';

let api: ApiHarness;
let officer: string;

beforeAll(async () => {
  api = await startApiHarness({ worker: true });
  officer = await api.token('officer');
});
afterAll(async () => {
  await api?.close();
});

const HEADER = 'name,idNumber,town,diagnosis,hospitalId,assistanceCategory';
const shortRow = (i: number) => `n${i},x,t,d,h,NONE`;

function importCsv(payload: string | Buffer, contentType = 'text/csv') {
  return api.call({ method: 'POST', url: '/v1/cases/import', token: officer, headers: { 'content-type': contentType }, payload });
}

/** A CSV of `rows` short rows, produced only as fast as it is read; `read()` says how many rows were pulled. */
function lazyCsv(rows: number): { stream: Readable; rowsPulled: () => number } {
  let next = 0;
  const stream = new Readable({
    read() {
      if (next === 0) this.push(`${HEADER}\n`);
      if (next >= rows) return void this.push(null);
      const lines = Array.from({ length: Math.min(100, rows - next) }, () => shortRow(next++)).join('\n');
      this.push(`${lines}\n`);
    },
  });
  return { stream, rowsPulled: () => next };
}

test('row 5,001 stops the reading: the rest of the upload is not parsed', async () => {
  const upload = lazyCsv(500_000);
  await expect(readCsvRoster(upload.stream, { contentType: 'text/csv', contentLength: undefined })).rejects.toMatchObject({
    slug: 'validation',
    extra: { errors: [{ path: '', message: expect.stringContaining('at most 5000 rows') }] },
  });
  expect(upload.rowsPulled()).toBeLessThan(10_000);
});

test('5,000 rows are read; 5,001 rows are refused naming the limit', async () => {
  const rows = (count: number) => [HEADER, ...Array.from({ length: count }, (_, i) => shortRow(i))].join('\n');
  const roster = await readCsvRoster(Readable.from([rows(5_000)]), { contentType: 'text/csv', contentLength: undefined });
  expect(roster.rows).toHaveLength(5_000);
  const response = await importCsv(rows(5_001));
  expect(response.statusCode).toBe(400);
  expect(response.json().errors).toEqual([{ path: '', message: expect.stringContaining('最多 5000 行') }]);
});

test('a CSV over the size limit is refused: declared by Content-Length, or counted as it arrives', async () => {
  const big = `${HEADER}\n${'x'.repeat(MAX_CSV_ROSTER_BYTES)}\n`;
  const declared = await importCsv(big);
  expect(declared.statusCode).toBe(400);
  expect(declared.json().errors[0].message).toContain('larger than 4 MiB');
  const counted = readCsvRoster(Readable.from([Buffer.from(big)]), { contentType: 'text/csv', contentLength: undefined });
  await expect(counted).rejects.toMatchObject({ extra: { errors: [{ path: '', message: expect.stringContaining('larger than 4 MiB') }] } });
});

describe('GB18030 (what Excel on a Chinese Windows saves)', () => {
  // 王五, 清源镇 and 脊柱侧弯 in GB18030.
  const WANG_WU = Buffer.from('cdf5cee5', 'hex');
  const QINGYUAN = Buffer.from('c7e5d4b4d5f2', 'hex');
  const SPINE = Buffer.from('bcb9d6f9b2e0cde4', 'hex');
  const gbRoster = (id: string) =>
    Buffer.concat([Buffer.from(`caseId,${HEADER}\r\n${id},`), WANG_WU, Buffer.from(`,${idNumber()},`), QINGYUAN, Buffer.from(','), SPINE, Buffer.from(',wuwei-hand-foot,TEKUN\r\n')]);

  test.each([
    ['recognised when not declared', 'text/csv'],
    ['declared as GBK', 'text/csv; charset=GBK'],
  ])('is %s', async (_how, contentType) => {
    const id = caseId('gb');
    const response = await importCsv(gbRoster(id), contentType);
    expect(response.json()).toMatchObject({ created: 1, failed: [] });
    const read = await api.call({ method: 'GET', url: `/v1/cases/${id}`, token: officer });
    expect(read.json()).toMatchObject({ applicant: { name: '王五', town: '清源镇' }, diagnosis: '脊柱侧弯' });
  });

  test('declared as UTF-8 it is refused as not UTF-8', async () => {
    const response = await importCsv(gbRoster(caseId('gb')), 'text/csv; charset=utf-8');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].message).toContain('not UTF-8');
  });
});

test('an invisible character in one field fails that row only, by column; a NUL refuses the roster', async () => {
  const good = { caseId: caseId('csv'), name: '王五', idNumber: idNumber(), town: '清源镇', diagnosis: '脊柱侧弯', hospitalId: 'wuwei-hand-foot', assistanceCategory: 'TEKUN' };
  const line = (values: Record<string, string>) => CSV_COLUMNS.map((column) => values[column] ?? '').join(',');
  const csv = [CSV_COLUMNS.join(','), line(good), line({ ...good, caseId: caseId('csv'), idNumber: idNumber(), town: '清源\u200b镇' })].join('\n');
  const result = (await importCsv(csv)).json();
  expect(result).toMatchObject({ created: 1 });
  expect(result.failed).toEqual([{ row: 2, errors: [{ path: 'town', message: expect.stringContaining('U+200B') }] }]);
  const withNul = [CSV_COLUMNS.join(','), line({ ...good, caseId: caseId('csv'), idNumber: idNumber(), name: '王\u0000五' })].join('\n');
  const refused = await importCsv(withNul);
  expect(refused.statusCode).toBe(400);
  expect(refused.json().errors).toEqual([{ path: 'rows.1.name', message: expect.stringContaining('NUL') }]);
});

test('a CSV sent to open a single case is a 400', async () => {
  const response = await api.call({ method: 'POST', url: '/v1/cases', token: officer, headers: { 'content-type': 'text/csv' }, payload: `${HEADER}\n` });
  expect(response.statusCode).toBe(400);
});

test("the roster template: the Chinese header and an example line, which the import skips; a clerk's row under it opens a case", async () => {
  const template = await api.call({ method: 'GET', url: '/v1/cases/import/template.csv', token: officer });
  expect(template.statusCode).toBe(200);
  expect(template.headers['content-type']).toBe('text/csv; charset=utf-8');
  expect(template.body.startsWith('\ufeff')).toBe(true);
  const [header, example] = template.body.slice(1).trimEnd().split('\r\n');
  expect(header!.split(',').slice(0, 3)).toEqual(['个案编号', '姓名*', '身份证号*']);
  expect(example!.startsWith('示例')).toBe(true);

  // A clerk's line under the example (the example's values, with an id and ID number of their own):
  // one case opened, the example line neither opened nor failed.
  const cells = example!.split(',');
  cells[0] = caseId('template');
  cells[2] = idNumber();
  const filled = await importCsv(`${template.body.trimEnd()}\r\n${cells.join(',')}\r\n`);
  expect(filled.statusCode).toBe(200);
  expect(filled.json()).toMatchObject({ created: 1, failed: [] });

  const hospital = await api.call({ method: 'GET', url: '/v1/cases/import/template.csv', token: await api.token('hospital', { hospitalId: 'wuwei-hand-foot' }) });
  expect(hospital.statusCode).toBe(403);
});
