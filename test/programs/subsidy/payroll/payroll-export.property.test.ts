/**
 * The CSV roster, for any lines, people and accounts: one row per line after the header, every
 * amount in yuan with two decimals adding up to the lines' fen, and no full ID or account number
 * anywhere — whatever a name or a bank's name contains (commas, quotes, a leading "=").
 */
import fc from 'fast-check';
import { payrollRosterCsv, type RosterPerson } from '../../../../programs/subsidy/api/payroll-export';
import type { BankAccount, PayrollLineRecord } from '../../../../programs/subsidy/domain/index';

const digits = (length: number) => fc.array(fc.constantFrom(...'0123456789'), { minLength: length, maxLength: length }).map((chars) => chars.join(''));
const awkwardText = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('=SUM(A1)', '马,兰', '"引号"', '+86', '@x'));

/** Splits CSV text into rows of cells, honouring quotes (a minimal reader for the test). */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += ch;
  }
  return rows;
}

test('one row per line, yuan that add up, nothing unmasked', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ enrolment: fc.integer({ min: 1, max: 5 }), month: fc.constantFrom('2026-03', '2026-04', '2026-05'), amountFen: fc.integer({ min: 1, max: 5_000_000 }) }), { maxLength: 12 }),
      fc.array(fc.tuple(digits(18), digits(19), awkwardText, awkwardText), { minLength: 5, maxLength: 5 }),
      (drafts, people) => {
        const lines: PayrollLineRecord[] = drafts.map((draft, index) => ({
          enrolmentId: `e-${draft.enrolment}`,
          personId: `p-${draft.enrolment}`,
          month: draft.month,
          amountFen: draft.amountFen,
          key: `NURSING_SUBSIDY:e-${draft.enrolment}:${draft.month}:${index}`,
          status: 'PAID',
          reason: null,
          bankReference: null,
        }));
        const persons = new Map<string, RosterPerson>(people.map(([idNumber, , name], i) => [`p-${i + 1}`, { idNumber, name, town: '黄羊镇' }]));
        const accounts = new Map<string, BankAccount>(people.map(([, accountNo, , bank], i) => [`e-${i + 1}`, { accountNo, bank }]));
        const csv = payrollRosterCsv(lines, persons, accounts);
        expect(csv.startsWith('\uFEFF')).toBe(true);
        for (const [idNumber, accountNo] of people) {
          expect(csv).not.toContain(idNumber);
          expect(csv).not.toContain(accountNo);
        }
        const rows = readCsv(csv.slice(1));
        expect(rows).toHaveLength(lines.length + 1);
        for (const row of rows) expect(row).toHaveLength(11);
        const fen = rows.slice(1).reduce((sum, row) => {
          expect(row[6]).toMatch(/^\d+\.\d{2}$/);
          return sum + Math.round(Number(row[6]) * 100);
        }, 0);
        expect(fen).toBe(lines.reduce((sum, line) => sum + line.amountFen, 0));
        for (const row of rows.slice(1)) for (const value of row) expect(value).not.toMatch(/^[=+\-@]/);
      },
    ),
  );
});
