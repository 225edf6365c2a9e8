/** A field message (validation, CSV rows) in the language of the answer. */
import { fieldMessageInChinese } from './field-messages.zh';
import type { Lang } from './lang';

export function fieldMessage(message: string, lang: Lang): string {
  return lang === 'en' ? message : fieldMessageInChinese(message);
}

export function localizeIssues<T extends { message: string }>(issues: readonly T[], lang: Lang): T[] {
  return issues.map((issue) => ({ ...issue, message: fieldMessage(issue.message, lang) }));
}
