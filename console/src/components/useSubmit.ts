import { useState } from 'react';
import type { FormInstance } from 'antd';
import { ApiError, type FieldError } from '../api/problem';
import { useI18n } from '../i18n/I18nProvider';
import { useLabels } from '../i18n/labels';
import { describeError, formFieldErrors } from './problems';

/** The part of a zod schema the console uses: only `safeParse` (zod itself stays the domain's). */
export interface ParsingSchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

export function issuesToFieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldError[] {
  return issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/**
 * Submits a form's body: first through the same zod schema the API validates with, then to the API.
 * Field errors from either land on the form's fields (same paths); anything else becomes one sentence.
 */
export function useSubmit<TBody, TResult>(form: FormInstance, fieldPaths: readonly string[], aliases: Record<string, string> = {}) {
  const { t } = useI18n();
  const labels = useLabels();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [details, setDetails] = useState<string[]>([]);

  function place(errors: FieldError[]) {
    const mapped = errors.map((e) => ({ ...e, path: aliases[e.path] ?? e.path }));
    const { fields, unplaced } = formFieldErrors(t, mapped, (path) => fieldPaths.includes(path));
    form.setFields(fields);
    setDetails(unplaced);
    return fields.length;
  }

  async function submit(schema: ParsingSchema<TBody>, body: unknown, send: (body: TBody) => Promise<TResult>, extraIssues: FieldError[] = []): Promise<TResult | undefined> {
    setError(null);
    setDetails([]);
    const parsed = schema.safeParse(body);
    const issues = [...(parsed.success ? [] : issuesToFieldErrors(parsed.error.issues)), ...extraIssues];
    if (issues.length > 0) {
      place(issues);
      setError(t('problem.validation'));
      return undefined;
    }
    setBusy(true);
    try {
      return await send((parsed as { data: TBody }).data);
    } catch (cause) {
      if (cause instanceof ApiError && cause.slug === 'validation') place(cause.fieldErrors);
      setError(describeError(t, cause, labels.stage));
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  return { submit, busy, error, details, clearError: () => setError(null) };
}
