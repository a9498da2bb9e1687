import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { api, ApiError, setCsrf, setUnauthorizedHandler } from './client';

import type { components } from './schema.gen';

export type SessionUser = components['schemas']['SessionUser'];
export type Session = components['schemas']['Session'];

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
  const { t } = useTranslation();
  const accept = (s: Session | null) => { setCsrf(s?.csrf_token ?? null); setSession(s); };

  // A session that times out while the page is open: back to the sign-in page, with the reason.
  useEffect(() => {
    setUnauthorizedHandler(() => {
      accept(null);
      notifications.show({ id: 'session-expired', color: 'orange', message: t('login.expired') });
    });
    return () => setUnauthorizedHandler(null);
  }, [t]);

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
