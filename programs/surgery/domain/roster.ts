/** The screening roster's CSV columns, as the import names them: the API parses them, the console writes them. */
export const ROSTER_COLUMNS = [
  'caseId',
  'name',
  'idNumber',
  'phone',
  'town',
  'village',
  'diagnosis',
  'hospitalId',
  'insured',
  'assistanceCategory',
  'disabilityCertificate',
  'guardianName',
  'guardianPhone',
  'guardianRelation',
] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];

/** Columns a roster must have; the others may be left out. */
export const REQUIRED_ROSTER_COLUMNS: readonly RosterColumn[] = ['name', 'idNumber', 'town', 'diagnosis', 'hospitalId', 'assistanceCategory'];
