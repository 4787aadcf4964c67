// The public forms' spam guard on the client: a form token taken when the form opens, used for one submission once
// its minimum fill time has passed, and fetched again (once) when the API refuses it as too fast, expired or used.
import { useCallback, useRef } from 'react';
import { ApiError } from '../api/problem';
import { problemCode, publicApi } from './api';

export interface FormToken {
  token: string;
  issuedAt: number;
  minFillMs: number;
  expiresMs: number;
}

/** Token refusals a form recovers from by fetching a fresh token and sending once more. */
export const TOKEN_PROBLEMS = ['public.too_fast', 'public.form_token_expired', 'public.form_token_invalid', 'public.form_token_used'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function fetchToken(): Promise<FormToken> {
  const { data, error } = await publicApi.POST('/api/feedback/v1/public/form-token');
  if (!data) throw new ApiError(error);
  return { token: data.token, issuedAt: Date.now(), minFillMs: data.min_fill_seconds * 1000, expiresMs: data.expires_in * 1000 };
}

/** `prime()` when the form opens; `send(post)` posts with a usable token (one submission per token). */
export function useFormToken() {
  const token = useRef<Promise<FormToken> | null>(null);

  const prime = useCallback(() => {
    token.current = fetchToken();
    token.current.catch(() => undefined);
  }, []);

  const ready = useCallback(async (): Promise<FormToken> => {
    let current = token.current ? await token.current.catch(() => null) : null;
    if (!current || Date.now() - current.issuedAt > current.expiresMs - 60_000) {
      token.current = fetchToken();
      current = await token.current;
    }
    const wait = current.minFillMs + 200 - (Date.now() - current.issuedAt);
    if (wait > 0) await sleep(wait);
    return current;
  }, []);

  const send = useCallback(
    async <T>(post: (formToken: string) => Promise<{ data?: T; error?: unknown }>): Promise<T> => {
      for (let attempt = 0; ; attempt += 1) {
        const current = await ready();
        token.current = null;
        const { data, error } = await post(current.token);
        if (data !== undefined) return data;
        if (attempt === 0 && TOKEN_PROBLEMS.includes(problemCode(error) ?? '')) continue;
        throw new ApiError(error);
      }
    },
    [ready],
  );

  return { prime, send };
}
