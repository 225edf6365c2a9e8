/** Money is integer fen (1 yuan = 100 fen) everywhere; these helpers only format and parse it. */
export type Fen = number;

/** 1234567 → "¥12,345.67" */
export function formatYuan(fen: Fen): string {
  return `¥${formatAmount(fen)}`;
}

/** 1234567 → "12,345.67" */
export function formatAmount(fen: Fen): string {
  const negative = fen < 0;
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % 100).toString().padStart(2, '0');
  return `${negative ? '−' : ''}${yuan}.${cents}`;
}

/** Basis points as a percentage: 6500 → "65%", 7250 → "72.5%". */
export function formatBp(bp: number): string {
  const whole = Math.floor(bp / 100);
  const rest = bp % 100;
  return rest === 0 ? `${whole}%` : `${whole}.${rest.toString().padStart(2, '0').replace(/0$/, '')}%`;
}

/** "120,000.00" or "120000.5" yuan as typed by a person → fen, by string arithmetic (never a float). */
export function parseYuan(text: string): Fen | undefined {
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text.replace(/[,\s¥]/g, ''));
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
