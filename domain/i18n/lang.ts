/**
 * The languages the system writes in. 简体中文 is the default: the people who read these texts (town
 * clerks, hospital staff, patients' families) read Chinese; English is for whoever asks for it.
 */
export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'zh-CN';

/** A text written in every language: `texts[lang]`. */
export type Texts = Record<Lang, string>;

/** `zh`, `zh-CN`, `zh-Hans`… → zh-CN; `en`, `en-US`… → en; anything else → undefined. */
export function langOf(tag: string): Lang | undefined {
  const primary = tag.trim().toLowerCase().split('-')[0];
  if (primary === 'zh') return 'zh-CN';
  if (primary === 'en') return 'en';
  return undefined;
}

/**
 * The language of an answer: the `?lang=` override when it names one, else the best of
 * `Accept-Language` by q-value (the first listed wins a tie), else Chinese.
 */
export function negotiateLang(acceptLanguage: string | undefined, override?: string): Lang {
  const chosen = override !== undefined ? langOf(override) : undefined;
  if (chosen) return chosen;
  if (!acceptLanguage) return DEFAULT_LANG;
  let best: { lang: Lang; q: number } | undefined;
  for (const part of acceptLanguage.split(',')) {
    const [tag = '', ...params] = part.split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    const lang = langOf(tag);
    if (lang && Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? DEFAULT_LANG;
}
