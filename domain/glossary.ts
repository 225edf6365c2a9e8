/**
 * The terms every program shares, in both languages, used by the server's texts and by the console.
 * Each program keeps its own terms beside its domain (programs/<program>/domain/glossary.ts). The
 * Chinese terms are the ones the programs' own documents use; docs/glossary.md says the same for people.
 */
import type { Texts } from './i18n/lang';
import type { AssistanceCategory } from './fields';
import type { PersonStatus } from './persons';

export const CATEGORY_TERMS: Record<AssistanceCategory, Texts> = {
  TEKUN: { 'zh-CN': '特困供养人员', en: 'person in extreme poverty (tekun)' },
  DIBAO: { 'zh-CN': '低保对象', en: 'minimum-living-allowance recipient (dibao)' },
  RETURNED_POOR: { 'zh-CN': '返贫致贫人口', en: 'monitored household at risk of poverty' },
  NONE: { 'zh-CN': '无', en: 'none' },
};

export const PERSON_STATUS_TERMS: Record<PersonStatus, Texts> = {
  ACTIVE: { 'zh-CN': '在册', en: 'active' },
  DECEASED: { 'zh-CN': '已故', en: 'deceased' },
  MOVED_OUT: { 'zh-CN': '已迁出', en: 'moved out' },
};

/** The zone every date a person reads is written in, whatever the server's own zone. */
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai';

/** An instant as a date and time in Asia/Shanghai: "2026-11-11 09:00" in both languages. */
export function formatDateTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: DISPLAY_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
