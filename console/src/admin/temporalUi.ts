import { caseWorkflowId } from '@surgery/ids';
import { useAuth } from '../auth/AuthProvider';
import { useAsync } from '../components/useAsync';

/**
 * Where the Temporal Web UI is, as the server is configured (`GET /v1/config`): nobody types an
 * address. Undefined while unknown or when the server names none (then no link is shown).
 */
export function useTemporalUiUrl(): string | undefined {
  const { api } = useAuth();
  const config = useAsync((signal) => api.config(signal), []);
  return config.data?.temporalUiUrl ?? undefined;
}

/** The case's workflow in the Temporal Web UI. */
export function workflowLink(caseId: string, namespace: string, base: string): string {
  return `${base.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(caseWorkflowId(caseId))}`;
}
