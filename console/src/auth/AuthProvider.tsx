import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiClient } from '../api/client';
import { createEndpoints, type Endpoints } from '../api/endpoints';
import { useI18n } from '../i18n/I18nProvider';
import { readToken, type Session } from './token';
import { forgetDrafts } from '../components/drafts';

// The token lives in sessionStorage: closing the browser on a shared office PC signs the clerk out.
const TOKEN_STORAGE_KEY = 'console.token';

interface Auth {
  session: Session | null;
  signIn: (session: Session) => void;
  /** Forgets the session here only (the token stays valid until it expires). */
  signOut: () => void;
  /** Signs out at the API too (the token is revoked), then here; works offline as well. */
  logOut: () => Promise<void>;
  /** The API refused the session (expired, signed out elsewhere, account disabled): the sign-in page says so. */
  sessionEnded: boolean;
  api: Endpoints;
}

const AuthContext = createContext<Auth | null>(null);

function restoredSession(): Session | null {
  const saved = globalThis.sessionStorage?.getItem(TOKEN_STORAGE_KEY);
  if (!saved) return null;
  const session = readToken(saved);
  return typeof session === 'string' ? null : session;
}

export function AuthProvider({ children, initialSession, baseUrl }: { children: ReactNode; initialSession?: Session | null; baseUrl?: string }) {
  const [session, setSession] = useState<Session | null>(initialSession === undefined ? restoredSession : initialSession);
  const [sessionEnded, setSessionEnded] = useState(false);
  const tokenRef = useRef<string | null>(session?.token ?? null);
  tokenRef.current = session?.token ?? null;

  const signIn = useCallback((next: Session) => {
    globalThis.sessionStorage?.setItem(TOKEN_STORAGE_KEY, next.token);
    tokenRef.current = next.token;
    setSessionEnded(false);
    setSession(next);
  }, []);
  const signOut = useCallback(() => {
    globalThis.sessionStorage?.removeItem(TOKEN_STORAGE_KEY);
    tokenRef.current = null;
    setSession(null);
  }, []);

  const ended = useCallback(() => {
    setSessionEnded(true);
    signOut();
  }, [signOut]);

  // Read at each request: switching the console's language changes the server's texts from the next request on.
  const { language } = useI18n();
  const languageRef = useRef(language);
  languageRef.current = language;
  const api = useMemo(
    () => createEndpoints(new ApiClient({ baseUrl, getToken: () => tokenRef.current, onUnauthorized: ended, getLanguage: () => languageRef.current })),
    [baseUrl, ended],
  );
  const logOut = useCallback(async () => {
    try {
      await api.signOut();
    } catch {
      // Offline or already refused: the token is forgotten here all the same and expires on its own.
    }
    forgetDrafts();
    signOut();
  }, [api, signOut]);
  const value = useMemo<Auth>(() => ({ session, signIn, signOut, logOut, sessionEnded, api }), [session, signIn, signOut, logOut, sessionEnded, api]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** For pages behind sign-in: the session is there. */
export function useSession(): Session {
  const { session } = useAuth();
  if (!session) throw new Error('useSession without a session');
  return session;
}
