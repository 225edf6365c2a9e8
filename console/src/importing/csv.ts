/** The roster CSV of the API: parsing for the preview, and re-serialising rows to upload in chunks. */

import { REQUIRED_ROSTER_COLUMNS, ROSTER_COLUMNS, type RosterColumn } from '@surgery/roster';
import { insuredOf, isExampleRow, rosterColumnOf } from '@surgery/roster';

export { REQUIRED_ROSTER_COLUMNS, ROSTER_COLUMNS, type RosterColumn };
export type RosterRow = Record<RosterColumn, string>;

/** RFC 4180: quoted fields, doubled quotes, CRLF or LF, a UTF-8 byte-order mark (Excel's "CSV UTF-8"). */
export function parseCsv(text: string): string[][] {
  return parseCsvLines(text).map((record) => record.cells);
}

/** Each record with the line it starts on (1 = the header), as the spreadsheet numbers its rows. */
export function parseCsvLines(text: string): { cells: string[]; line: number }[] {
  const rows: { cells: string[]; line: number }[] = [];
  let row: string[] = [];
  let line = 1;
  let rowLine = 1;
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (char === '\n') line++;
        field += char;
      }
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push({ cells: row, line: rowLine });
      row = [];
      field = '';
      line++;
      rowLine = line;
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push({ cells: row, line: rowLine });
  }
  // Blank lines (often the last one) are not rows.
  return rows.filter((r) => !(r.cells.length === 1 && r.cells[0]!.trim() === ''));
}

export interface Roster {
  header: string[];
  missingColumns: RosterColumn[];
  unknownColumns: string[];
  rows: RosterRow[];
  /** The spreadsheet's line number of each row (the header is line 1), for the clerk to find it. */
  lines: number[];
}

/** Headers in Chinese (the template's) or the API's column names; the template's example line is left out. */
export function readRoster(text: string): Roster {
  const [header = { cells: [], line: 1 }, ...records] = parseCsvLines(text);
  const names = header.cells.map((h) => h.trim());
  const columns = names.map(rosterColumnOf);
  const kept = records.filter((record) => !isExampleRow(record.cells[0]));
  const rows = kept.map((record) => {
    const row = Object.fromEntries(ROSTER_COLUMNS.map((column) => [column, ''])) as RosterRow;
    columns.forEach((column, index) => {
      if (column) row[column] = (record.cells[index] ?? '').trim();
    });
    return row;
  });
  return {
    header: names,
    missingColumns: REQUIRED_ROSTER_COLUMNS.filter((column) => !columns.includes(column)),
    unknownColumns: names.filter((_, index) => columns[index] === undefined),
    rows,
    lines: kept.map((record) => record.line),
  };
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function rosterCsv(rows: RosterRow[]): string {
  const lines = [ROSTER_COLUMNS.join(','), ...rows.map((row) => ROSTER_COLUMNS.map((column) => quote(row[column])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** A roster row as the body of `POST /v1/cases`, for the preview's own check (the server decides). */
export function rowToBody(row: RosterRow): Record<string, unknown> {
  const optional = (value: string) => (value === '' ? undefined : value);
  const guardianGiven = row.guardianName !== '' || row.guardianPhone !== '' || row.guardianRelation !== '';
  return {
    ...(row.caseId ? { caseId: row.caseId } : {}),
    applicant: {
      name: row.name,
      idNumber: row.idNumber,
      phone: optional(row.phone),
      town: row.town,
      village: optional(row.village),
      ...(guardianGiven ? { guardian: { name: row.guardianName, phone: row.guardianPhone, relation: row.guardianRelation } } : {}),
    },
    diagnosis: row.diagnosis,
    hospitalId: row.hospitalId,
    insured: row.insured.trim() === '' ? true : (insuredOf(row.insured) ?? row.insured),
    assistanceCategory: optional(row.assistanceCategory),
    disabilityCertificate: optional(row.disabilityCertificate),
  };
}

/**
 * A CSV file's text: UTF-8 (with or without Excel's byte-order mark) or, when the bytes are not
 * UTF-8, GB18030 — what a Chinese Excel or WPS writes for "CSV (逗号分隔)". The byte-order mark is
 * kept: the parser skips it.
 */
export function decodeCsvBytes(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** FileReader rather than Blob.arrayBuffer(): older office browsers (and jsdom) lack the latter. */
export function readCsvFile(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(decodeCsvBytes(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(file);
  });
}

export function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
