import { caseWorkflowId } from '@surgery/ids';

/** Where the Temporal Web UI is: build-time VITE_TEMPORAL_UI_URL, an administrator's override in this browser, else the dev server's default. */
const OVERRIDE_KEY = 'console.temporalUiUrl';
export const DEFAULT_TEMPORAL_UI_URL = (import.meta.env.VITE_TEMPORAL_UI_URL as string | undefined) ?? 'http://localhost:8233';

export function temporalUiUrl(): string {
  return globalThis.localStorage?.getItem(OVERRIDE_KEY) || DEFAULT_TEMPORAL_UI_URL;
}

export function setTemporalUiUrl(url: string): void {
  if (url.trim() === '' || url.trim() === DEFAULT_TEMPORAL_UI_URL) globalThis.localStorage?.removeItem(OVERRIDE_KEY);
  else globalThis.localStorage?.setItem(OVERRIDE_KEY, url.trim().replace(/\/+$/, ''));
}

/** The case's workflow in the Temporal Web UI. */
export function workflowLink(caseId: string, namespace = 'default', base = temporalUiUrl()): string {
  return `${base}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(caseWorkflowId(caseId))}`;
}
