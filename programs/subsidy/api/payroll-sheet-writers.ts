/**
 * Writes a payroll table (payroll-sheet.ts) as CSV or as an .xlsx workbook, page by page into a
 * stream: exceljs's streaming WorkbookWriter commits each row as it goes, so a payroll of 200,000
 * lines costs a page of memory, not the whole file.
 *
 * CSV: UTF-8 with a byte-order mark (a spreadsheet program then reads the Chinese), CRLF, a cell a
 * spreadsheet would take for a formula written as text. Spreadsheet: the header frozen, amounts as
 * numbers in 元 shown with two decimals, a totals row when the table has one.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Lang } from '../../../domain/i18n/lang';
import { headersOf, yuanText, type PayrollSheet, type SheetCell, type SheetColumn } from './payroll-sheet';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const YUAN_FORMAT = '#,##0.00';

export function csvCell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvText(column: SheetColumn, value: SheetCell): string {
  if (column.kind === 'fen') return yuanText(Number(value));
  return String(value);
}

function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** The reader went away (a download cancelled): the file is abandoned, no more pages are read. */
export class ReaderGone extends Error {
  constructor() {
    super('the reader of the payroll file went away');
  }
}

/** Waits until the stream takes more (backpressure), so that a slow reader does not fill memory; fails when it closes first. */
function drained(out: Writable): Promise<void> {
  if (out.destroyed) return Promise.reject(new ReaderGone());
  return new Promise<void>((resolve, reject) => {
    const onDrain = () => {
      out.off('close', onClose);
      resolve();
    };
    const onClose = () => {
      out.off('drain', onDrain);
      reject(new ReaderGone());
    };
    out.once('drain', onDrain);
    out.once('close', onClose);
  });
}

async function writeText(out: Writable, text: string): Promise<void> {
  if (out.destroyed) throw new ReaderGone();
  if (!out.write(text)) await drained(out);
}

/** One CSV line of the table: amounts in 元 with two decimals. */
export function csvRow(sheet: Pick<PayrollSheet, 'columns'>, row: readonly SheetCell[]): string {
  return csvLine(row.map((value, index) => csvText(sheet.columns[index]!, value)));
}

/** The table as CSV into `out`, then ends it. A CSV has no totals row: a program reading it back takes every line for a line to pay. */
export async function writeSheetCsv(sheet: PayrollSheet, lang: Lang, out: Writable): Promise<void> {
  await writeText(out, csvHeader(sheet.columns, lang));
  for await (const page of sheet.pages) await writeText(out, page.map((row) => csvRow(sheet, row)).join(''));
  out.end();
}

/** The first row of a CSV: the byte-order mark and the header. */
export function csvHeader(columns: readonly SheetColumn[], lang: Lang): string {
  return `\uFEFF${csvLine(headersOf(columns, lang))}`;
}

function spreadsheetValue(column: SheetColumn, value: SheetCell): ExcelJS.CellValue {
  // Amounts are added up in integer fen; the spreadsheet holds 元, a number a clerk can sum again.
  return column.kind === 'fen' ? Number(value) / 100 : value;
}

/** The table as one worksheet of an .xlsx workbook, streamed into `out`, which it ends. */
export async function writeSheetXlsx(sheet: PayrollSheet, lang: Lang, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const worksheet = workbook.addWorksheet(sheet.title[lang].slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.columns = sheet.columns.map((column) => ({
    width: column.width,
    ...(column.kind === 'fen' ? { style: { numFmt: YUAN_FORMAT, alignment: { horizontal: 'right' } } } : {}),
  }));
  const header = worksheet.addRow(headersOf(sheet.columns, lang));
  header.font = { bold: true };
  header.commit();
  for await (const page of sheet.pages) {
    for (const row of page) worksheet.addRow(row.map((value, index) => spreadsheetValue(sheet.columns[index]!, value))).commit();
    // The workbook writer pipes into `out` without waiting for a slow reader: wait here, a page at a time.
    if (out.destroyed) throw new ReaderGone();
    if (out.writableNeedDrain) await drained(out);
  }
  if (sheet.totals) {
    const totals = sheet.totals();
    const amountColumn = sheet.columns.findIndex((column) => column.kind === 'fen');
    const cells: ExcelJS.CellValue[] = sheet.columns.map(() => null);
    cells[0] = totals.label[lang];
    if (amountColumn >= 0) cells[amountColumn] = totals.amountFen / 100;
    const row = worksheet.addRow(cells);
    row.font = { bold: true };
    row.commit();
  }
  worksheet.commit();
  await workbook.commit();
}
