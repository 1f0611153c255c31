// Who is logged in. Loads /api/me once, keeps the CSRF token in the client, follows the user's
// stored language, and drops the session when any request answers 401.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError, setUnauthorizedHandler, type ClientErrorCode } from '../api/client.js';
import { authApi, type MeView } from '../modules/auth/api.js';
import { useLocale, type Locale } from './i18n.js';

export type SessionStatus = 'loading' | 'anonymous' | 'authenticated' | 'unreachable';

export interface SessionValue {
  status: SessionStatus;
  me: MeView | null;
  /** Why the last session ended without a logout (SESSION_EXPIRED, UNAUTHENTICATED). */
  endedBecause: ClientErrorCode | null;
  login: (username: string, password: string) => Promise<MeView>;
  logout: () => Promise<void>;
  /** Reloads /api/me (after a password change, a new grant …). */
  refresh: () => Promise<void>;
  /** Switches the language and stores it for the logged-in user. */
  chooseLocale: (locale: Locale) => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider(props: { children: ReactNode; initial?: { me: MeView | null } }) {
  const { locale, setLocale } = useLocale();
  const [me, setMe] = useState<MeView | null>(props.initial?.me ?? null);
  const [status, setStatus] = useState<SessionStatus>(props.initial ? (props.initial.me ? 'authenticated' : 'anonymous') : 'loading');
  const [endedBecause, setEndedBecause] = useState<ClientErrorCode | null>(null);
  const choseBeforeLogin = useRef(false);
  const localeRef = useRef(locale);
  localeRef.current = locale;

  const adopt = useCallback((m: MeView) => {
    setMe(m);
    setStatus('authenticated');
    setEndedBecause(null);
  }, []);

  const load = useCallback(async () => {
    try {
      // The session probe answers 200 when nobody is logged in (no 401 in the console of /report or the login page).
      const res = await authApi.session();
      if (!res.authenticated || !res.me) {
        setMe(null);
        setStatus('anonymous');
        if (res.expired) setEndedBecause('SESSION_EXPIRED');
        return;
      }
      adopt(res.me);
      if (res.me.locale !== localeRef.current) setLocale(res.me.locale);
    } catch (err) {
      setMe(null);
      if (err instanceof ApiError && err.status === 401) setStatus('anonymous');
      else if (err instanceof ApiError && err.code === 'NETWORK_ERROR') setStatus('unreachable');
      else setStatus('anonymous');
    }
  }, [adopt, setLocale]);

  useEffect(() => {
    if (props.initial) return;
    void load();
  }, [load, props.initial]);

  useEffect(() => {
    setUnauthorizedHandler((err) => {
      setMe(null);
      setStatus('anonymous');
      setEndedBecause(err.code);
    });
    return () => setUnauthorizedHandler(null);
  }, []);

  const login = useCallback(async (username: string, password: string) => {
    const res = await authApi.login({ username, password });
    adopt(res.me);
    const current = localeRef.current;
    if (choseBeforeLogin.current && res.me.locale !== current) {
      authApi.setLocale({ locale: current }).catch(() => {});
    } else if (res.me.locale !== current) {
      setLocale(res.me.locale);
    }
    choseBeforeLogin.current = false;
    return res.me;
  }, [adopt, setLocale]);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } catch {
      /* the session is gone either way */
    }
    setMe(null);
    setStatus('anonymous');
    setEndedBecause(null);
  }, []);

  const chooseLocale = useCallback(async (l: Locale) => {
    setLocale(l);
    if (me) {
      await authApi.setLocale({ locale: l });
      setMe({ ...me, locale: l });
    } else {
      choseBeforeLogin.current = true;
    }
  }, [me, setLocale]);

  const value = useMemo<SessionValue>(() => ({ status, me, endedBecause, login, logout, refresh: load, chooseLocale }),
    [status, me, endedBecause, login, logout, load, chooseLocale]);
  return <SessionContext.Provider value={value}>{props.children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession() outside <SessionProvider>');
  return v;
}
