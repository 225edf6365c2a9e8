/** A roster as read from the request body, JSON or CSV, before any row is validated. */
import type { FieldIssue } from '../../../domain/fields';

export interface RosterRow {
  /** 1-based, the CSV header not counted. */
  row: number;
  input: unknown;
  /** Field problems found while reading the row (CSV only): the row fails with these. */
  readIssues: FieldIssue[];
}

export interface Roster {
  format: 'json' | 'csv';
  rows: RosterRow[];
}
