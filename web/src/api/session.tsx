import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, ApiError, setCsrf } from './client';

export interface SessionUser {
  id: number; email: string; name: string; role: string; language: string;
  organisation_id: number | null; authority_id: number | null; district: string | null;
}
export interface Session { user: SessionUser; csrf_token: string; permissions: string[] }

interface Ctx {
  session: Session | null;
  loading: boolean;
  login: (email: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  can: (permission: string) => boolean;
}
const SessionContext = createContext<Ctx | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [loading, setLoading] = useState(true);
  const accept = (s: Session | null) => { setCsrf(s?.csrf_token ?? null); setSession(s); };

  useEffect(() => {
    api<Session>('GET', '/api/v1/session')
      .then(accept)
      .catch((e) => { if (!(e instanceof ApiError) || e.status !== 401) console.error(e); accept(null); })
      .finally(() => setLoading(false));
  }, []);

  const login = useCallback(async (email: string, password: string) => {
    accept(await api<Session>('POST', '/api/v1/session', { body: { email, password } }));
  }, []);
  const logout = useCallback(async () => {
    try { await api('DELETE', '/api/v1/session'); } finally { accept(null); }
  }, []);
  const can = useCallback((p: string) => !!session?.permissions.includes(p), [session]);

  return <SessionContext.Provider value={{ session, loading, login, logout, can }}>{children}</SessionContext.Provider>;
}

export function useSession(): Ctx {
  const c = useContext(SessionContext);
  if (!c) throw new Error('useSession outside SessionProvider');
  return c;
}
