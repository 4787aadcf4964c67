const ACCESS_KEY = 'reform.access_token';
const REFRESH_KEY = 'reform.refresh_token';

export interface TokenPair {
  access_token: string;
  refresh_token: string;
}

/** Token persistence; localStorage so a reload or a second tab keeps the session. */
export const tokenStore = {
  access: (): string | null => localStorage.getItem(ACCESS_KEY),
  refresh: (): string | null => localStorage.getItem(REFRESH_KEY),
  set(pair: TokenPair): void {
    localStorage.setItem(ACCESS_KEY, pair.access_token);
    localStorage.setItem(REFRESH_KEY, pair.refresh_token);
  },
  clear(): void {
    localStorage.removeItem(ACCESS_KEY);
    localStorage.removeItem(REFRESH_KEY);
  },
};
