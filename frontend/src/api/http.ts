import createClient from 'openapi-fetch';
import type { paths as AuthPaths } from './schema/auth';
import { tokenStore } from '../auth/tokens';

// openapi-fetch builds Request objects, which need an absolute URL outside a real page.
const baseUrl = window.location.origin;

// Looked up on every call (not captured once) so tests can stub globalThis.fetch.
const rawFetch = (request: Request): Promise<Response> => globalThis.fetch(request);

/** Client for login and refresh: these must never go through the refresh-on-401 logic. */
export const publicAuthApi = createClient<AuthPaths>({ baseUrl, fetch: rawFetch });

let handleAuthLost: () => void = () => window.location.assign('/login');

/** Called when the session cannot be renewed; the app replaces the hard redirect with a router one. */
export function setAuthLostHandler(handler: () => void): void {
  handleAuthLost = handler;
}

let refreshing: Promise<boolean> | null = null;

/** Renews the token pair; concurrent 401s share one refresh call because refresh tokens rotate. */
export function refreshTokens(): Promise<boolean> {
  refreshing ??= (async () => {
    const refresh_token = tokenStore.refresh();
    if (!refresh_token) return false;
    try {
      const { data } = await publicAuthApi.POST('/api/auth/v1/refresh', { body: { refresh_token } });
      if (!data) return false;
      tokenStore.set(data);
      return true;
    } catch {
      return false;
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

function send(request: Request, token: string | null): Promise<Response> {
  if (token) request.headers.set('Authorization', `Bearer ${token}`);
  return rawFetch(request);
}

/** Attaches the bearer token; on 401 renews once and retries, otherwise ends the session. */
export async function authFetch(request: Request): Promise<Response> {
  const retry = request.clone(); // the body of the first request is consumed by fetch
  const usedToken = tokenStore.access();
  const response = await send(request, usedToken);
  if (response.status !== 401) return response;

  // Another request may already have renewed the pair while this one was in flight.
  const renewed = tokenStore.access() !== usedToken || (await refreshTokens());
  if (renewed) {
    const second = await send(retry, tokenStore.access());
    if (second.status !== 401) return second;
  }
  tokenStore.clear();
  handleAuthLost();
  return response;
}

export const authApi = createClient<AuthPaths>({ baseUrl, fetch: authFetch });
