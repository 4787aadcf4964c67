import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from './App';
import { tokenStore } from './auth/tokens';
import { jsonResponse, mockApi, renderApp } from './test/render';
import { workbench } from './test/fixtures';

const user = (username: string, roles: string[], unitName: string) => ({
  id: `id-${username}`,
  username,
  display_name: `${username} 用户`,
  roles,
  environment: null,
  unit: { id: 'n1', code: 'X', name: unitName, short_name: unitName, kind: 'department' },
});

function signedInAs(me: ReturnType<typeof user>, route = '/') {
  tokenStore.set({ access_token: 'A1', refresh_token: 'R1' });
  const fetchMock = mockApi({
    'GET /api/auth/v1/me': () => jsonResponse(200, me),
    'POST /api/auth/v1/logout': () => new Response(null, { status: 204 }),
    'GET /api/tasks/v1/workbench': () => jsonResponse(200, workbench({ to_report: [], warned_tasks: [], notices_to_acknowledge: [] })),
    'GET /api/tasks/v1/reminder-notices': () => jsonResponse(200, { items: [], total: 0, page: 1, page_size: 20 }),
    'GET /api/tasks/v1/inbox': () => jsonResponse(200, { items: [], total: 0, page: 1, page_size: 1, unread: 0 }),
  });
  renderApp(<App />, { route });
  return fetchMock;
}

const menuLabels = () => within(screen.getByRole('menu')).getAllByRole('menuitem').map((item) => item.textContent);

describe('App shell', () => {
  it('sends a visitor without tokens to the login page', async () => {
    mockApi({});
    renderApp(<App />, { route: '/tasks' });
    expect(await screen.findByLabelText('用户名')).toBeInTheDocument();
  });

  it('lands a responsible unit on its workbench with its own menu, name and unit', async () => {
    signedInAs(user('scjg', ['unit'], '市市场监管局'));

    expect(await screen.findByRole('heading', { name: '我的工作台' })).toBeInTheDocument();
    expect(await screen.findByText('本期进展均已报送')).toBeInTheDocument();
    expect(menuLabels()).toEqual(['我的工作台', '任务台账', '督查考评', '企业诉求', '通报']);
    expect(screen.getByText('scjg 用户')).toBeInTheDocument();
    expect(screen.getByText('市市场监管局')).toBeInTheDocument();
  });

  it('refuses an area outside the role', async () => {
    signedInAs(user('scjg', ['unit'], '市市场监管局'), '/admin');
    expect(await screen.findByText('当前账号无权访问此页面。')).toBeInTheDocument();
  });

  it('marks a leader as read-only and lands on the cockpit', async () => {
    signedInAs(user('leader1', ['leader'], '市政府'));
    expect(await screen.findByRole('heading', { name: '驾驶舱' })).toBeInTheDocument();
    expect(screen.getByText('只读')).toBeInTheDocument();
    expect(menuLabels()).toEqual(['驾驶舱', '任务台账', '督查考评', '指标对标', '企业诉求', '通报']);
  });

  it('gives a lead unit 指标对标 and lazily opens its data entry', async () => {
    signedInAs(user('fgw', ['lead_unit', 'unit'], '市发改委'), '/indicators/data');
    // The page module arrives on first visit (React.lazy); its API calls are not stubbed here.
    expect(await screen.findByRole('tab', { name: '数据录入与审核' })).toHaveAttribute('aria-selected', 'true');
    expect(menuLabels()).toEqual(['我的工作台', '任务台账', '督查考评', '指标对标', '企业诉求', '通报']);
  });

  it('refuses data entry to a leader', async () => {
    signedInAs(user('leader1', ['leader'], '市政府'), '/indicators/data');
    expect(await screen.findByText('当前账号无权访问此页面。')).toBeInTheDocument();
  });

  it('tells the hotline account it has no UI functions', async () => {
    signedInAs(user('hotline', ['hotline'], '12345 热线'));
    expect(await screen.findByText('12345 热线对接账号')).toBeInTheDocument();
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
  });

  it('logs out through the API and returns to the login page', async () => {
    const fetchMock = signedInAs(user('scjg', ['unit'], '市市场监管局'));
    await screen.findByRole('heading', { name: '我的工作台' });

    await userEvent.click(screen.getByRole('button', { name: /退出登录/ }));

    expect(await screen.findByLabelText('用户名')).toBeInTheDocument();
    const logout = fetchMock.mock.calls.find(([request]) => request.url.endsWith('/logout'));
    expect(await logout?.[0].json()).toEqual({ refresh_token: 'R1' });
    expect(tokenStore.access()).toBeNull();
  });
});
