import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { LoginPage } from './LoginPage';
import { tokenStore } from '../auth/tokens';
import { jsonResponse, mockApi, renderApp } from '../test/render';

function renderLogin() {
  renderApp(
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/" element={<p>已登录首页</p>} />
    </Routes>,
    { route: '/login' },
  );
}

async function submit(username: string, password: string) {
  await userEvent.type(screen.getByLabelText('用户名'), username);
  await userEvent.type(screen.getByLabelText('密码'), password);
  await userEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
}

const problem = (status: number, code: string, detail: string) => ({
  type: `https://reform.example/problems/${code}`,
  title: '登录失败',
  status,
  detail,
  code,
});

describe('LoginPage', () => {
  it.each([
    [401, 'auth.invalid_credentials', '用户名或密码错误'],
    [423, 'auth.account_locked', '账号已锁定，请 15 分钟后再试'],
    [429, 'rate_limited', '请求过于频繁，请稍后再试'],
  ])('shows the API detail for a %i (%s)', async (status, code, detail) => {
    const fetchMock = mockApi({ 'POST /api/auth/v1/login': () => jsonResponse(status, problem(status, code, detail)) });
    renderLogin();

    await submit('office', 'wrong');

    expect(await screen.findByRole('alert')).toHaveTextContent(detail);
    expect(tokenStore.access()).toBeNull();
    expect(await fetchMock.mock.calls[0][0].json()).toEqual({ username: 'office', password: 'wrong' });
  });

  it('falls back to a Chinese message when the server is unreachable', async () => {
    mockApi({
      'POST /api/auth/v1/login': () => {
        throw new TypeError('Failed to fetch');
      },
    });
    renderLogin();

    await submit('office', 'Demo@2026!');

    expect(await screen.findByRole('alert')).toHaveTextContent('无法连接服务器，请检查网络后重试');
  });

  it('stores the tokens and leaves the login page on success', async () => {
    mockApi({
      'POST /api/auth/v1/login': () =>
        jsonResponse(200, { access_token: 'A1', refresh_token: 'R1', token_type: 'bearer', expires_in: 900 }),
      'GET /api/auth/v1/me': () =>
        jsonResponse(200, {
          id: 'u1',
          username: 'office',
          display_name: '改革办用户',
          roles: ['reform_office'],
          environment: null,
          unit: { id: 'n1', code: 'GGB', name: '市委改革办', short_name: '改革办', kind: 'reform_office' },
        }),
    });
    renderLogin();

    await submit('office', 'Demo@2026!');

    expect(await screen.findByText('已登录首页')).toBeInTheDocument();
    expect(tokenStore.access()).toBe('A1');
    expect(tokenStore.refresh()).toBe('R1');
  });

  it('asks for both fields before calling the API', async () => {
    const fetchMock = mockApi({});
    renderLogin();

    await userEvent.click(screen.getByRole('button', { name: /登\s*录/ }));

    expect(await screen.findByText('请输入用户名')).toBeInTheDocument();
    expect(screen.getByText('请输入密码')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
