/**
 * The bank takes a batch file and answers with a result file. Lines go in batches of at most
 * `size`, in the lines' one order, so a replayed workflow forms the same batches with the same
 * numbers and a retried batch is the same file.
 */
import { compareLines, type PayrollLine } from './lines';

export interface PayrollBatch {
  /** 1, 2, …: the batch's place in the payroll. */
  batchNo: number;
  lines: PayrollLine[];
}

export function batchLines(lines: readonly PayrollLine[], size: number): PayrollBatch[] {
  if (!Number.isSafeInteger(size) || size < 1) throw new RangeError(`a batch holds at least one line: ${size}`);
  const ordered = [...lines].sort(compareLines);
  const batches: PayrollBatch[] = [];
  for (let start = 0; start < ordered.length; start += size) {
    batches.push({ batchNo: batches.length + 1, lines: ordered.slice(start, start + size) });
  }
  return batches;
}
