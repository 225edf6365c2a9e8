/**
 * Saves CSV text the API sent as a file. The routes need the bearer token, so a plain link cannot
 * fetch them: the text is fetched by the caller and saved here from a blob URL. Reading a body as
 * text drops its byte-order mark, which a spreadsheet program needs to read the Chinese: it is put back.
 */
export function saveCsv(csv: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([csv.startsWith('\uFEFF') ? csv : `\uFEFF${csv}`], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
