import { useAuth } from '../auth/AuthProvider';
import { useAsync } from './useAsync';

/** The district's towns as the server is configured (GET /v1/config); empty until it has answered. */
export function useTowns(): string[] {
  const { api } = useAuth();
  const config = useAsync((signal) => api.config(signal), []);
  return config.data?.towns ?? [];
}
