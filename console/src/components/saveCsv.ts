import { saveBlob } from './saveBlob';

/**
 * Saves CSV text the API sent as a file. Reading a body as text drops its byte-order mark, which a
 * spreadsheet program needs to read the Chinese: it is put back.
 */
export function saveCsv(csv: string, fileName: string): void {
  saveBlob(new Blob([csv.startsWith('\uFEFF') ? csv : `\uFEFF${csv}`], { type: 'text/csv;charset=utf-8' }), fileName);
}
