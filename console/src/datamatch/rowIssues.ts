/** The preview's row problems in the clerk's language, each named by its column. */
import { CATEGORY_CHOICES } from '@surgery/roster';
import type { Translate } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import type { ListColumn, RowIssue } from './lifeEventList';

export const COLUMN_LABELS: Record<ListColumn, MessageKey> = {
  idNumber: 'field.idNumber',
  name: 'field.name',
  type: 'dataMatch.column.type',
  on: 'dataMatch.column.on',
  source: 'dataMatch.column.source',
  assistanceCategory: 'field.assistanceCategory',
};

function issueText(t: Translate, issue: RowIssue): string {
  switch (issue.kind) {
    case 'required':
      return t('issue.required');
    case 'idFormat':
      return t('issue.idFormat');
    case 'idBirthDate':
      return t('issue.idBirthDate');
    case 'idCheckDigit':
      return t('issue.idCheckDigit');
    case 'type':
      return t('dataMatch.issue.type', { value: issue.value });
    case 'day':
      return t('dataMatch.issue.day', { value: issue.value });
    case 'category':
      return t('import.allowedCategories', { value: issue.value, allowed: CATEGORY_CHOICES.join('、') });
  }
}

export function describeRowIssue(t: Translate, issue: RowIssue): string {
  return `${t(COLUMN_LABELS[issue.column])}: ${issueText(t, issue)}`;
}
