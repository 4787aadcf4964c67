import { describe, expect, it, vi } from 'vitest';
import { authApi, dispositionFilename, setAuthLostHandler } from './http';
import { tokenStore } from '../auth/tokens';
import { jsonResponse, mockApi } from '../test/render';

const ME = {
  id: 'u1',
  username: 'office',
  display_name: '改革办用户',
  roles: ['reform_office'],
  environment: null,
  unit: { id: 'n1', code: 'GGB', name: '市委改革办', short_name: '改革办', kind: 'reform_office' },
};
const EXPIRED = { type: 'about:blank', title: '未登录', status: 401, detail: '登录已过期，请重新登录', code: 'auth.token_expired' };

const bearer = (request: Request) => request.headers.get('Authorization');

describe('authFetch', () => {
  it('sends the access token as a bearer header', async () => {
    tokenStore.set({ access_token: 'A1', refresh_token: 'R1' });
    const fetchMock = mockApi({ 'GET /api/auth/v1/me': () => jsonResponse(200, ME) });

    const { data } = await authApi.GET('/api/auth/v1/me');

    expect(data?.display_name).toBe('改革办用户');
    expect(bearer(fetchMock.mock.calls[0][0])).toBe('Bearer A1');
  });

  it('on 401 refreshes once, stores the rotated pair and retries with the new token', async () => {
    tokenStore.set({ access_token: 'A1', refresh_token: 'R1' });
    const refreshBodies: unknown[] = [];
    const fetchMock = mockApi({
      'GET /api/auth/v1/me': (request) => (bearer(request) === 'Bearer A2' ? jsonResponse(200, ME) : jsonResponse(401, EXPIRED)),
      'POST /api/auth/v1/refresh': async (request) => {
        refreshBodies.push(await request.json());
        return jsonResponse(200, { access_token: 'A2', refresh_token: 'R2', token_type: 'bearer', expires_in: 900 });
      },
    });

    const { data } = await authApi.GET('/api/auth/v1/me');

    expect(data?.username).toBe('office');
    expect(refreshBodies).toEqual([{ refresh_token: 'R1' }]);
    expect(tokenStore.access()).toBe('A2');
    expect(tokenStore.refresh()).toBe('R2');
    expect(fetchMock).toHaveBeenCalledTimes(3);
    // The refresh call itself must not carry the expired bearer token.
    expect(bearer(fetchMock.mock.calls[1][0])).toBeNull();
  });

  it('resends the request body on the retry', async () => {
    tokenStore.set({ access_token: 'A1', refresh_token: 'R1' });
    const logoutBodies: unknown[] = [];
    mockApi({
      'POST /api/auth/v1/logout': async (request) => {
        logoutBodies.push(await request.json());
        return bearer(request) === 'Bearer A2' ? new Response(null, { status: 204 }) : jsonResponse(401, EXPIRED);
      },
      'POST /api/auth/v1/refresh': () =>
        jsonResponse(200, { access_token: 'A2', refresh_token: 'R2', token_type: 'bearer', expires_in: 900 }),
    });

    const { response } = await authApi.POST('/api/auth/v1/logout', { body: { refresh_token: 'R1' } });

    expect(response.status).toBe(204);
    expect(logoutBodies).toEqual([{ refresh_token: 'R1' }, { refresh_token: 'R1' }]);
  });

  it('shares one refresh between concurrent 401s', async () => {
    tokenStore.set({ access_token: 'A1', refresh_token: 'R1' });
    let refreshes = 0;
    mockApi({
      'GET /api/auth/v1/me': (request) => (bearer(request) === 'Bearer A2' ? jsonResponse(200, ME) : jsonResponse(401, EXPIRED)),
      'POST /api/auth/v1/refresh': () => {
        refreshes += 1;
        return jsonResponse(200, { access_token: 'A2', refresh_token: 'R2', token_type: 'bearer', expires_in: 900 });
      },
    });

    const results = await Promise.all([authApi.GET('/api/auth/v1/me'), authApi.GET('/api/auth/v1/me'), authApi.GET('/api/auth/v1/me')]);

    expect(results.map((r) => r.data?.username)).toEqual(['office', 'office', 'office']);
    expect(refreshes).toBe(1);
  });

  it('ends the session when the refresh is refused', async () => {
    tokenStore.set({ access_token: 'A1', refresh_token: 'R-revoked' });
    const onLost = vi.fn();
    setAuthLostHandler(onLost);
    mockApi({
      'GET /api/auth/v1/me': () => jsonResponse(401, EXPIRED),
      'POST /api/auth/v1/refresh': () =>
        jsonResponse(401, { title: '未登录', status: 401, detail: '刷新令牌已失效，请重新登录', code: 'auth.invalid_token' }),
    });

    const { error, response } = await authApi.GET('/api/auth/v1/me');

    expect(response.status).toBe(401);
    expect(error).toMatchObject({ code: 'auth.token_expired' });
    expect(tokenStore.access()).toBeNull();
    expect(tokenStore.refresh()).toBeNull();
    expect(onLost).toHaveBeenCalledTimes(1);
  });

  it('leaves other errors alone', async () => {
    tokenStore.set({ access_token: 'A1', refresh_token: 'R1' });
    const onLost = vi.fn();
    setAuthLostHandler(onLost);
    const fetchMock = mockApi({
      'GET /api/auth/v1/users': () => jsonResponse(403, { title: '无权限', status: 403, detail: '仅改革办可管理用户', code: 'auth.forbidden' }),
    });

    const { error } = await authApi.GET('/api/auth/v1/users', { params: { query: { page: 1, page_size: 20 } } });

    expect(error).toMatchObject({ detail: '仅改革办可管理用户' });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(tokenStore.access()).toBe('A1');
    expect(onLost).not.toHaveBeenCalled();
  });
});

describe('dispositionFilename', () => {
  it('prefers the RFC 5987 UTF-8 name, then the plain one, then the fallback', () => {
    const chinese = encodeURIComponent('2026年任务台账.xlsx');
    expect(dispositionFilename(`attachment; filename*=UTF-8''${chinese}`, 'x.xlsx')).toBe('2026年任务台账.xlsx');
    expect(dispositionFilename('attachment; filename="ledger.xlsx"', 'x.xlsx')).toBe('ledger.xlsx');
    expect(dispositionFilename(`attachment; filename*=UTF-8''%E0%A4%A`, 'x.xlsx')).toBe('x.xlsx');
    expect(dispositionFilename(null, 'x.xlsx')).toBe('x.xlsx');
  });
});
