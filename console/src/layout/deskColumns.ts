import type { TableColumnType } from 'antd';

export type ScreenColumn<Row> = TableColumnType<Row> & { deskOnly?: boolean };

/**
 * The columns of a table that a phone leaves out: marked `deskOnly`, dropped when the screen is
 * narrow (the same width as `useNarrow`), so that a table stays within a phone's width.
 */
export function forScreen<Row>(narrow: boolean, columns: readonly ScreenColumn<Row>[]): TableColumnType<Row>[] {
  return columns.filter((column) => !narrow || !column.deskOnly).map(({ deskOnly: _deskOnly, ...column }) => column);
}
