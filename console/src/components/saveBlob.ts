/**
 * Saves bytes the API sent (a spreadsheet, a bank file) as a file. The routes need the bearer
 * token, so a plain link cannot fetch them: the caller fetches, and the file is saved from a blob URL.
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
