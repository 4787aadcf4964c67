import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { AuditLogPage } from './AuditLogPage';
import { tokenStore } from '../auth/tokens';
import { jsonResponse, mockApi, renderApp } from '../test/render';

function entry(id: number, overrides: Record<string, unknown> = {}) {
  return {
    id,
    occurred_at: '2026-11-20T09:30:00+08:00',
    actor: 'office',
    actor_unit_id: null,
    action: 'auth.login',
    entity_type: 'user',
    entity_id: 'u1',
    detail: {},
    request_id: `req-${id}`,
    ...overrides,
  };
}

/** Serves two services' logs and records every query. */
function mockLogs() {
  tokenStore.set({ access_token: 'A1', refresh_token: 'R1' });
  const calls: { path: string; query: Record<string, string> }[] = [];
  const log = (items: unknown[]) => (request: Request) => {
    const url = new URL(request.url);
    calls.push({ path: url.pathname, query: Object.fromEntries(url.searchParams) });
    return jsonResponse(200, { items, total: 41, page: Number(url.searchParams.get('page')), page_size: 20 });
  };
  mockApi({
    'GET /api/auth/v1/me': () => jsonResponse(200, {}),
    'GET /api/auth/v1/audit-log': log([entry(1), entry(2, { action: 'auth.login_failed', actor: 'fgw' })]),
    'GET /api/feedback/v1/audit-log': log([
      entry(3, {
        action: 'case.contact_revealed',
        actor: 'scjg',
        entity_type: 'case',
        entity_id: 'FK2026112300001',
        detail: { reason: '电话回访' },
      }),
    ]),
  });
  return calls;
}

describe('AuditLogPage', () => {
  it('lists a service\'s entries with server-side paging and the total', async () => {
    const calls = mockLogs();
    renderApp(<AuditLogPage />);

    const row = (await screen.findByText('fgw')).closest('tr')!;
    expect(within(row).getByText('auth.login_failed')).toBeInTheDocument();
    expect(within(row).getByText(/^2026-11-20 \d\d:30:00$/)).toBeInTheDocument();
    expect(screen.getByText('共 41 条')).toBeInTheDocument();
    expect(calls[0]).toEqual({ path: '/api/auth/v1/audit-log', query: { page: '1', page_size: '20' } });

    fireEvent.click(screen.getByTitle('2'));
    await waitFor(() => expect(calls.at(-1)?.query.page).toBe('2'));
  }, 30_000);

  it('searches another service with trimmed filters from page 1', async () => {
    const calls = mockLogs();
    renderApp(<AuditLogPage />);
    await screen.findByText('fgw');

    fireEvent.click(screen.getByText('企业诉求'));
    fireEvent.change(screen.getByLabelText('操作人'), { target: { value: ' scjg ' } });
    fireEvent.change(screen.getByLabelText('操作'), { target: { value: 'case.*' } });
    fireEvent.click(screen.getByRole('button', { name: '查 询' }));
    const revealed = (await screen.findByText('FK2026112300001')).closest('tr')!;
    expect(within(revealed).getByText('case')).toBeInTheDocument();
    expect(calls.at(-1)).toEqual({
      path: '/api/feedback/v1/audit-log',
      query: { page: '1', page_size: '20', actor: 'scjg', action: 'case.*' },
    });
  }, 30_000);

  it('shows the problem detail when the API refuses', async () => {
    tokenStore.set({ access_token: 'A1', refresh_token: 'R1' });
    mockApi({
      'GET /api/auth/v1/me': () => jsonResponse(200, {}),
      'GET /api/auth/v1/audit-log': () =>
        jsonResponse(403, { title: '无权操作', status: 403, detail: '您的角色无权执行此操作。', code: 'forbidden' }),
    });
    renderApp(<AuditLogPage />);

    expect(await screen.findByText('您的角色无权执行此操作。')).toBeInTheDocument();
  });
});
