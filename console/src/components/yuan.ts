import { parseYuan } from '@domain/money';
import type { Translate } from '../i18n/I18nProvider';

/** antd rule: a yuan amount with at most two decimals (parsed by string arithmetic, never a float). */
export function yuanRule(t: Translate, options: { required?: boolean; min?: number; maxFen?: number } = {}) {
  return {
    validator: async (_: unknown, value: string | undefined) => {
      if (value === undefined || value.trim() === '') {
        if (options.required) throw new Error(t('issue.required'));
        return;
      }
      const fen = parseYuan(value);
      if (fen === undefined) throw new Error(t('issue.yuan'));
      if (options.min !== undefined && fen < options.min) throw new Error(t('issue.positive'));
      if (options.maxFen !== undefined && fen > options.maxFen) throw new Error(t('issue.overOwed'));
    },
  };
}

/** The fen of a typed amount, or NaN so that the shared zod schema refuses it with a field error. */
export function yuanToFen(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return Number.NaN;
  return parseYuan(value) ?? Number.NaN;
}
