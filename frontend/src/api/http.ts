import createClient from 'openapi-fetch';
import type { paths as AuthPaths } from './schema/auth';
import type { paths as FeedbackPaths } from './schema/feedback';
import type { paths as IndicatorsPaths } from './schema/indicators';
import type { paths as TasksPaths } from './schema/tasks';
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

export const tasksApi = createClient<TasksPaths>({ baseUrl, fetch: authFetch });

export const indicatorsApi = createClient<IndicatorsPaths>({ baseUrl, fetch: authFetch });

export const feedbackApi = createClient<FeedbackPaths>({ baseUrl, fetch: authFetch });

/** A file from the API, fetched with the bearer token (a plain link could not send it). */
export interface Download {
  blob: Blob;
  filename: string;
}

/** The file name from Content-Disposition (RFC 6266 `filename*` first), else the fallback. */
export function dispositionFilename(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // A malformed escape falls through to the plain name.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain ? plain[1].trim() : fallback;
}

/** Hands a downloaded blob to the browser as a file save. */
export function saveDownload({ blob, filename }: Download): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked on the next tick: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
