/**
 * A payroll file as a table, whatever it is written as: columns (a header in each language, the kind
 * of value, a width for the spreadsheet) and rows whose amounts are integer fen. The roster and the
 * bank file are both such tables; payroll-sheet-writers.ts writes one as CSV or as a spreadsheet.
 */
import type { Lang, Texts } from '../../../domain/i18n/lang';

/** `fen`: an amount in integer fen, written in 元 with two decimals (a number in a spreadsheet). */
export type SheetColumnKind = 'text' | 'fen';

export interface SheetColumn {
  header: Texts;
  kind: SheetColumnKind;
  /** Characters, for the spreadsheet's column width. */
  width: number;
}

export type SheetCell = string | number;
export type SheetRow = readonly SheetCell[];

export interface PayrollSheet {
  columns: readonly SheetColumn[];
  /** The sheet's name in a workbook (31 characters at most). */
  title: Texts;
  /** The rows, a page at a time, so that a payroll of any size is never whole in memory. */
  pages: AsyncIterable<readonly SheetRow[]>;
  /** The spreadsheet's last row (a label and the amounts' total), known once every page was read; none for no totals row. */
  totals?: () => { label: Texts; amountFen: number };
}

export function headersOf(columns: readonly SheetColumn[], lang: Lang): string[] {
  return columns.map((column) => column.header[lang]);
}

/** Integer fen as 元 with two decimals, exactly (no floating point on the way). */
export function yuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
