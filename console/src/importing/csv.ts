/** The roster CSV of the API: parsing for the preview, and re-serialising rows to upload in chunks. */

import { REQUIRED_ROSTER_COLUMNS, ROSTER_COLUMNS, type RosterColumn } from '@surgery/roster';

export { REQUIRED_ROSTER_COLUMNS, ROSTER_COLUMNS, type RosterColumn };
export type RosterRow = Record<RosterColumn, string>;

/** RFC 4180: quoted fields, doubled quotes, CRLF or LF, a UTF-8 byte-order mark (Excel's "CSV UTF-8"). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
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
      } else field += char;
    } else if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  // Blank lines (often the last one) are not rows.
  return rows.filter((r) => !(r.length === 1 && r[0]!.trim() === ''));
}

export interface Roster {
  header: string[];
  missingColumns: RosterColumn[];
  unknownColumns: string[];
  rows: RosterRow[];
}

export function readRoster(text: string): Roster {
  const [header = [], ...records] = parseCsv(text);
  const names = header.map((h) => h.trim());
  const rows = records.map((record) => {
    const row = Object.fromEntries(ROSTER_COLUMNS.map((column) => [column, ''])) as RosterRow;
    names.forEach((name, index) => {
      if ((ROSTER_COLUMNS as readonly string[]).includes(name)) row[name as RosterColumn] = (record[index] ?? '').trim();
    });
    return row;
  });
  return {
    header: names,
    missingColumns: REQUIRED_ROSTER_COLUMNS.filter((column) => !names.includes(column)),
    unknownColumns: names.filter((name) => !(ROSTER_COLUMNS as readonly string[]).includes(name)),
    rows,
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
  const insured = row.insured.toLowerCase();
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
    insured: insured === '' || ['true', '1', 'yes', 'y', '是'].includes(insured) ? true : ['false', '0', 'no', 'n', '否'].includes(insured) ? false : row.insured,
    assistanceCategory: optional(row.assistanceCategory),
    disabilityCertificate: optional(row.disabilityCertificate),
  };
}

export function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
