import { useEffect } from 'react';
import type { FormInstance } from 'antd';

/**
 * What a clerk typed and has not sent, kept while the session ends and comes back: when a sign-in
 * expires mid-form the console shows the sign-in page, and after signing in again the form is
 * filled as it was. Kept in this tab's memory only (never in storage: a form may hold an ID
 * number), and forgotten when the clerk signs out.
 */
const drafts = new Map<string, unknown>();

export function useDraft<T extends object>(form: FormInstance<T>, key: string) {
  useEffect(() => {
    const saved = drafts.get(key);
    if (saved) form.setFieldsValue(saved as Parameters<FormInstance<T>['setFieldsValue']>[0]);
  }, [form, key]);
  return {
    onValuesChange: (_changed: unknown, all: T) => drafts.set(key, all),
    /** The form was sent: nothing to restore any more. */
    clear: () => drafts.delete(key),
  };
}

/** Signing out on purpose (a shared office PC): nothing typed stays behind. */
export function forgetDrafts(): void {
  drafts.clear();
}

/** Whether anything typed waits to be restored (the sign-in page says so). */
export function hasDrafts(): boolean {
  return drafts.size > 0;
}
