import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { authApi, setAuthLostHandler } from '../api/http';
import { unwrap } from '../api/problem';
import type { Me } from '../api/types';
import { tokenStore, type TokenPair } from './tokens';

interface AuthValue {
  signedIn: boolean;
  me: UseQueryResult<Me>;
  signIn: (pair: TokenPair) => void;
  signOut: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [signedIn, setSignedIn] = useState(() => tokenStore.access() !== null);

  // Dropping cached data on every sign-out keeps one user's data from showing to the next.
  const endSession = useCallback(() => {
    tokenStore.clear();
    queryClient.clear();
    setSignedIn(false);
  }, [queryClient]);

  // A failed refresh ends the session; RequireUser then routes to /login.
  useEffect(() => setAuthLostHandler(endSession), [endSession]);

  const me = useQuery({
    queryKey: ['me'],
    enabled: signedIn,
    queryFn: async () => unwrap(await authApi.GET('/api/auth/v1/me')),
  });

  const signIn = useCallback(
    (pair: TokenPair) => {
      tokenStore.set(pair);
      queryClient.clear();
      setSignedIn(true);
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    const refresh_token = tokenStore.refresh();
    try {
      if (refresh_token) await authApi.POST('/api/auth/v1/logout', { body: { refresh_token } });
    } catch {
      // The local session ends even when the server cannot be reached; the token expires on its own.
    }
    endSession();
    // Without the remembered page, the next person to sign in starts on their own landing page.
    navigate('/login', { replace: true });
  }, [endSession, navigate]);

  const value = useMemo(() => ({ signedIn, me, signIn, signOut }), [signedIn, me, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}
