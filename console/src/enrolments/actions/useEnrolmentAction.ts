import type { FormInstance } from 'antd';
import type { EnrolmentActionPath } from '../../api/endpoints';
import type { EnrolmentView } from '../../api/types';
import { useAuth } from '../../auth/AuthProvider';
import { useSubmit, type ParsingSchema } from '../../components/useSubmit';

/**
 * Sends one action on an enrolment: the body through the API's own schema for it first, so a form
 * refuses what the API would, then to the action's route. Errors land on the form's fields.
 */
export function useEnrolmentAction<TBody extends object>(form: FormInstance, fieldPaths: readonly string[], enrolmentId: string, path: EnrolmentActionPath, schema: ParsingSchema<TBody>) {
  const { api } = useAuth();
  const { submit, ...state } = useSubmit<TBody, EnrolmentView>(form, fieldPaths);
  const send = (body: unknown) => submit(schema, body, (parsed) => api.actOnEnrolment(enrolmentId, path, parsed));
  return { send, ...state };
}
