import { yuanToFen } from '../components/yuan';

/** The matter form's fields as typed: the value in yuan, as text. */
export interface MatterValues {
  description: string;
  valueYuan: string;
  fundedBy: string;
  doneOn: string;
}

/**
 * The body of POST …/matters from the form: the value typed in yuan (at most two decimals) becomes
 * integer fen by string arithmetic, never through a float; a value that is not an amount becomes
 * NaN, which the shared schema refuses naming `valueFen`. The funder is sent as chosen: the server
 * alone decides which funders a matter may have, and says why it refuses one.
 */
export function matterBodyOf(values: MatterValues): { description: string; valueFen: number; doneOn: string } {
  return { description: values.description ?? '', valueFen: yuanToFen(values.valueYuan), doneOn: values.doneOn?.trim() ?? '' };
}
