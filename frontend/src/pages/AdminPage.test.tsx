import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AdminPage } from './AdminPage';
import { tokenStore } from '../auth/tokens';
import { jsonResponse, mockApi, renderApp } from '../test/render';

const unit = { id: 'n1', code: 'SCJG', name: '市市场监督管理局', short_name: '市场监管局', kind: 'department' };

function usersPage(page: number) {
  return {
    items: [
      {
        id: `u${page}`,
        username: page === 1 ? 'scjg' : 'scjg2',
        display_name: '李监管',
        roles: ['unit', 'lead_unit'],
        is_active: page === 1,
        locked_until: page === 1 ? null : '2099-01-01T08:00:00+08:00',
        unit,
      },
    ],
    total: 45,
    page,
    page_size: 20,
  };
}

describe('AdminPage', () => {
  it('lists users from the API with server-side paging and search', async () => {
    tokenStore.set({ access_token: 'A1', refresh_token: 'R1' });
    const queries: URLSearchParams[] = [];
    mockApi({
      'GET /api/auth/v1/me': () => jsonResponse(200, {}),
      'GET /api/auth/v1/users': (request) => {
        const query = new URL(request.url).searchParams;
        queries.push(query);
        return jsonResponse(200, usersPage(Number(query.get('page'))));
      },
    });
    renderApp(<AdminPage />);

    const row = (await screen.findByText('scjg')).closest('tr')!;
    expect(within(row).getByText('市市场监督管理局')).toBeInTheDocument();
    expect(within(row).getByText('责任单位')).toBeInTheDocument();
    expect(within(row).getByText('牵头单位')).toBeInTheDocument();
    expect(within(row).getByText('启用')).toBeInTheDocument();
    expect(within(row).getByText('未锁定')).toBeInTheDocument();
    expect(screen.getByText('共 45 条')).toBeInTheDocument();
    expect(Object.fromEntries(queries[0])).toEqual({ page: '1', page_size: '20' });

    await userEvent.click(screen.getByTitle('2'));
    const second = (await screen.findByText('scjg2')).closest('tr')!;
    expect(within(second).getByText('停用')).toBeInTheDocument();
    expect(within(second).getByText(/^锁定至 2099-01-01/)).toBeInTheDocument();
    expect(queries.at(-1)?.get('page')).toBe('2');

    await userEvent.type(screen.getByPlaceholderText('搜索用户名或姓名'), ' 李 {Enter}');
    await screen.findByText('scjg');
    expect(Object.fromEntries(queries.at(-1)!)).toEqual({ page: '1', page_size: '20', q: '李' });
  });

  it('shows the problem detail when the API refuses', async () => {
    tokenStore.set({ access_token: 'A1', refresh_token: 'R1' });
    mockApi({
      'GET /api/auth/v1/me': () => jsonResponse(200, {}),
      'GET /api/auth/v1/users': () =>
        jsonResponse(403, { title: '无权限', status: 403, detail: '仅改革办可管理用户', code: 'auth.forbidden' }),
    });
    renderApp(<AdminPage />);

    expect(await screen.findByText('仅改革办可管理用户')).toBeInTheDocument();
    expect(screen.getByText('数据加载失败')).toBeInTheDocument();
  });
});
