/**
 * The payroll files' writers without the stack: CSV cells (a BOM, quotes, a formula written as
 * text, amounts in yuan), a spreadsheet read back with exceljs, and a 200,000-line bank file
 * written as a stream — its first bytes leave before its last page is read, and the heap does not
 * hold the file.
 */
import { PassThrough, Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { BANK_FILE_COLUMNS } from '../../../../programs/subsidy/api/payroll-bank-file';
import type { PayrollSheet, SheetRow } from '../../../../programs/subsidy/api/payroll-sheet';
import { ReaderGone, writeSheetCsv, writeSheetXlsx } from '../../../../programs/subsidy/api/payroll-sheet-writers';

jest.setTimeout(180_000);

async function* pagesOf(rows: SheetRow[], size = 2): AsyncGenerator<SheetRow[]> {
  for (let start = 0; start < rows.length; start += size) yield rows.slice(start, start + size);
}

function collect(): { out: PassThrough; done: Promise<Buffer> } {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { out, done: new Promise((resolve, reject) => out.on('end', () => resolve(Buffer.concat(chunks))).on('error', reject)) };
}

const ROWS: SheetRow[] = [
  ['NURSING_SUBSIDY:EN-1:2026-05', '马,兰', '农村信用社"凉州"支行', '6228480000000011112', 10_000],
  ['NURSING_SUBSIDY:EN-2:2026-05', '=HYPERLINK("x")', '农村信用社凉州支行', '6217000000000022223', 12_345],
  ['NURSING_SUBSIDY:EN-3:2026-05', '赵桂英', '农村信用社凉州支行', '6217000000000033334', 5],
];

function bankSheet(rows: SheetRow[]): PayrollSheet {
  return {
    columns: BANK_FILE_COLUMNS,
    title: { 'zh-CN': '代发 2026-05', en: 'Bank file 2026-05' },
    pages: pagesOf(rows),
    totals: () => ({ label: { 'zh-CN': '合计 3 笔', en: 'Total, 3 payments' }, amountFen: 22_350 }),
  };
}

test('CSV: a byte-order mark, CRLF, quoted cells, a formula as text, amounts in yuan, no totals row', async () => {
  const { out, done } = collect();
  await writeSheetCsv(bankSheet(ROWS), 'zh-CN', out);
  expect((await done).toString('utf8')).toBe(
    '\uFEFF业务编号,户名,开户行,账号,金额（元）\r\n' +
      'NURSING_SUBSIDY:EN-1:2026-05,"马,兰","农村信用社""凉州""支行",6228480000000011112,100.00\r\n' +
      `NURSING_SUBSIDY:EN-2:2026-05,"'=HYPERLINK(""x"")",农村信用社凉州支行,6217000000000022223,123.45\r\n` +
      'NURSING_SUBSIDY:EN-3:2026-05,赵桂英,农村信用社凉州支行,6217000000000033334,0.05\r\n',
  );
});

test('spreadsheet: the header frozen and in the language asked for, amounts as yuan numbers with two decimals, the totals row', async () => {
  const { out, done } = collect();
  await writeSheetXlsx(bankSheet(ROWS), 'en', out);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await done) as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.name).toBe('Bank file 2026-05');
  expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  expect(sheet.getRow(1).values).toEqual([undefined, 'Bank key', 'Account holder', 'Bank', 'Account number', 'Amount (yuan)']);
  expect(sheet.getRow(1).font?.bold).toBe(true);
  expect([2, 3, 4].map((row) => sheet.getRow(row).getCell(5).value)).toEqual([100, 123.45, 0.05]);
  expect(sheet.getRow(3).getCell(5).numFmt).toBe('#,##0.00');
  // In a spreadsheet a cell is a value, never a formula: the text is kept as it is.
  expect(sheet.getRow(3).getCell(2).value).toBe('=HYPERLINK("x")');
  expect(sheet.getRow(4).getCell(4).value).toBe('6217000000000033334');
  expect(sheet.getRow(5).values).toEqual([undefined, 'Total, 3 payments', undefined, undefined, undefined, 223.5]);
  expect(BANK_FILE_COLUMNS.map((_, index) => sheet.getColumn(index + 1).width)).toEqual([44, 12, 24, 24, 14]);
});

test('a 200,000-line bank file is streamed: bytes leave before the last page is read, and the heap does not hold the file', async () => {
  const LINES = 200_000;
  const PAGE = 1000;
  /** A tenth of the file (over 3 MB, checked below). */
  const STREAMED_BEFORE_THE_END = 300_000;
  let bytes = 0;
  let bytesWhenLastPageRead = -1;
  let peakHeap = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      callback();
    },
  });
  async function* pages(): AsyncGenerator<SheetRow[]> {
    for (let start = 0; start < LINES; start += PAGE) {
      // A page comes from the database: a round trip, in which the zip's compression (zlib, on
      // libuv's threads) moves on.
      await new Promise((resolve) => setTimeout(resolve, 1));
      if (start + PAGE >= LINES) {
        // The compression lags behind the rows by how busy the machine is: the last page waits a
        // while for it. A writer that held the file until its end would send nothing meanwhile.
        for (const waitUntil = Date.now() + 10_000; bytes < STREAMED_BEFORE_THE_END && Date.now() < waitUntil; ) await new Promise((resolve) => setTimeout(resolve, 20));
        bytesWhenLastPageRead = bytes;
      }
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      yield Array.from({ length: PAGE }, (_, i): SheetRow => [`NURSING_SUBSIDY:EN-${start + i}:2026-05`, '马兰', '农村信用社凉州支行', `62284800${String(start + i).padStart(11, '0')}`, 10_000]);
    }
  }
  const heapBefore = process.memoryUsage().heapUsed;
  const finished = new Promise((resolve) => sink.on('finish', resolve));
  await writeSheetXlsx({ columns: BANK_FILE_COLUMNS, title: { 'zh-CN': '代发', en: 'Bank file' }, pages: pages(), totals: () => ({ label: { 'zh-CN': '合计', en: 'Total' }, amountFen: LINES * 10_000 }) }, 'zh-CN', sink);
  await finished;
  // Streamed: a good part of the file had left before its last page was even produced.
  expect(bytesWhenLastPageRead).toBeGreaterThanOrEqual(STREAMED_BEFORE_THE_END);
  // The file is several megabytes; the heap grew by far less than the rows would take held at once
  // (200,000 rows of five cells as exceljs objects are hundreds of megabytes).
  expect(bytes).toBeGreaterThan(3_000_000);
  expect(peakHeap - heapBefore).toBeLessThan(150_000_000);
});

test('a reader that goes away stops the writing: no more pages are read', async () => {
  for (const write of [writeSheetCsv, writeSheetXlsx]) {
    let pagesRead = 0;
    // Nobody reads `out`: the writer soon waits for it; then the download is cancelled.
    const out = new PassThrough({ highWaterMark: 1024 });
    const cancel = setTimeout(() => out.destroy(), 200);
    async function* pages(): AsyncGenerator<SheetRow[]> {
      for (let page = 0; page < 1000; page += 1) {
        pagesRead += 1;
        await new Promise((resolve) => setTimeout(resolve, 1));
        yield Array.from({ length: 100 }, (_, i): SheetRow => [`K-${page}-${i}`, '马兰', '农村信用社凉州支行', '6228480000000011112', 10_000]);
      }
    }
    await expect(write({ columns: BANK_FILE_COLUMNS, title: { 'zh-CN': '代发', en: 'Bank file' }, pages: pages() }, 'zh-CN', out)).rejects.toThrow(ReaderGone);
    clearTimeout(cancel);
    expect(pagesRead).toBeLessThan(1000);
  }
}, 30_000);
