/**
 * A claim's explanation in the language asked for. Claims decided since explanations became data
 * are rendered from it; earlier events only stored an English sentence, which is shown as stored
 * (its figures cannot be recovered reliably from the words).
 */
import type { Lang } from '../../../../domain/i18n/lang';
import { formatYuan } from '../../../../domain/money';
import type { ExplanationData } from './explanation';
import { explainInEnglish } from './explanation.en';
import { explainInChinese } from './explanation.zh';

export function renderExplanation(data: ExplanationData, lang: Lang): string {
  return lang === 'en' ? explainInEnglish(data, formatYuan) : explainInChinese(data);
}

/** The text of a claim: from its data when it has some, else the sentence stored with it. */
export function claimExplanation(claim: { explanation: string | null; explanationData?: unknown }, lang: Lang): string | null {
  const data = claim.explanationData as ExplanationData | undefined;
  return data && typeof data === 'object' && typeof data.key === 'string' ? renderExplanation(data, lang) : claim.explanation;
}
