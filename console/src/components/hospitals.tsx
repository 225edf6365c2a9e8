import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import defaultRegistry from '@config/hospitals.default.json';
import type { Hospital } from '../api/endpoints';
import { useAuth } from '../auth/AuthProvider';

interface Hospitals {
  list: Hospital[];
  name: (id: string | null | undefined) => string;
}

const HospitalsContext = createContext<Hospitals | null>(null);

/**
 * The server's registry (`GET /v1/hospitals`, which follows HOSPITALS_FILE). Until it has answered,
 * or if it cannot, the project's default registry — the one the API uses when HOSPITALS_FILE is unset.
 */
export function HospitalsProvider({ children }: { children: ReactNode }) {
  const { api, session } = useAuth();
  const [list, setList] = useState<Hospital[]>(defaultRegistry as Hospital[]);
  useEffect(() => {
    if (!session) return;
    const controller = new AbortController();
    api
      .hospitals(controller.signal)
      .then(({ items }) => {
        if (items.length > 0) setList(items);
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [api, session]);
  const value = useMemo<Hospitals>(() => {
    const byId = new Map(list.map((hospital) => [hospital.id, hospital.name]));
    return { list, name: (id) => (id ? (byId.get(id) ?? id) : '—') };
  }, [list]);
  return <HospitalsContext.Provider value={value}>{children}</HospitalsContext.Provider>;
}

export function useHospitals(): Hospitals {
  const value = useContext(HospitalsContext);
  if (!value) throw new Error('useHospitals outside HospitalsProvider');
  return value;
}
