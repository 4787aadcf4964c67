import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import type { Me } from '../api/types';
import { jsonResponse, mockApi, renderApp } from '../test/render';
import { me, scjgUser } from '../test/fixtures';
import { InboxBell, InboxPage } from './InboxPage';
import { PUBLISHED_ID, inboxMessage } from './bulletins/testData';

const UNREAD = inboxMessage();
const READ = inboxMessage({
  id: 'a1b2c3d4-0000-4000-8000-000000000002',
  source_id: 'older',
  title: '关于2026年9月营商环境优化提升重点任务推进情况的通报',
  link: '/bulletins/older',
  read_at: '2026-10-08T02:00:00Z',
  read_by: 'scjg',
});

function mockInbox(extra: Record<string, (request: Request) => Response | Promise<Response>> = {}) {
  const marked: string[] = [];
  let unread = 1;
  const fetchMock = mockApi({
    'GET /api/tasks/v1/inbox': () =>
      jsonResponse(200, { items: unread ? [UNREAD, READ] : [{ ...UNREAD, read_at: '2026-11-23T01:00:00Z', read_by: 'scjg' }, READ], total: 2, page: 1, page_size: 20, unread }),
    [`POST /api/tasks/v1/inbox/${UNREAD.id}/read`]: () => {
      marked.push(UNREAD.id);
      unread = 0;
      return jsonResponse(200, { ...UNREAD, read_at: '2026-11-23T01:00:00Z', read_by: 'scjg' });
    },
    ...extra,
  });
  return { marked, fetchMock };
}

function renderInbox(user: Me) {
  return renderApp(
    <Routes>
      <Route path="/inbox" element={<InboxPage me={user} />} />
      <Route path="/bulletins/:id" element={<p>bulletin page</p>} />
    </Routes>,
    { route: '/inbox' },
  );
}

describe('InboxPage', { timeout: 30_000 }, () => {
  it('lists the unit\'s messages unread first and bold; opening one marks it read and follows its link', async () => {
    const { marked } = mockInbox();
    renderInbox(scjgUser());
    expect(await screen.findByText('1 条未读')).toBeInTheDocument();
    const items = [...document.querySelectorAll<HTMLElement>('.inbox-item')];
    expect(items.map((item) => item.dataset.read)).toEqual(['no', 'yes']);
    expect(items[0]).toHaveClass('inbox-item-unread');
    expect(items[1]).not.toHaveClass('inbox-item-unread');
    expect(within(items[0]).getByText(/印发杭营商改〔2026〕3号/)).toBeInTheDocument();
    expect(within(items[1]).getByText(/scjg 于 2026-10-08 \d\d:\d\d 已读/)).toBeInTheDocument();

    await userEvent.click(within(items[0]).getByRole('button', { name: UNREAD.title }));
    await waitFor(() => expect(marked).toEqual([UNREAD.id]));
    expect(await screen.findByText('bulletin page')).toBeInTheDocument();
    expect(UNREAD.link).toBe(`/bulletins/${PUBLISHED_ID}`);
  });

  it('opens a read message without marking it again', async () => {
    const { marked } = mockInbox();
    renderInbox(scjgUser());
    await userEvent.click(await screen.findByRole('button', { name: READ.title }));
    expect(await screen.findByText('bulletin page')).toBeInTheDocument();
    expect(marked).toEqual([]);
  });

  it('still opens the bulletin when marking fails, and says so', async () => {
    mockInbox({
      [`POST /api/tasks/v1/inbox/${UNREAD.id}/read`]: () => jsonResponse(404, { title: '未找到', status: 404, detail: '消息不存在。' }),
    });
    renderInbox(scjgUser());
    await userEvent.click(await screen.findByRole('button', { name: UNREAD.title }));
    expect(await screen.findByText('消息不存在。')).toBeInTheDocument();
    expect(await screen.findByText('bulletin page')).toBeInTheDocument();
  });

  it('shows an empty inbox and a load error', async () => {
    mockApi({ 'GET /api/tasks/v1/inbox': () => jsonResponse(200, { items: [], total: 0, page: 1, page_size: 20, unread: 0 }) });
    const { unmount } = renderInbox(scjgUser());
    expect(await screen.findByText('暂无消息')).toBeInTheDocument();
    unmount();
    mockApi({ 'GET /api/tasks/v1/inbox': () => jsonResponse(503, { title: '服务暂不可用', status: 503, detail: '数据库暂时无法连接。' }) });
    renderInbox(scjgUser());
    expect(await screen.findByText('数据库暂时无法连接。')).toBeInTheDocument();
  });
});

describe('InboxBell', { timeout: 30_000 }, () => {
  it('shows the unread count and opens the inbox', async () => {
    const { fetchMock } = mockInbox();
    renderApp(
      <Routes>
        <Route path="/" element={<InboxBell me={scjgUser()} />} />
        <Route path="/inbox" element={<p>inbox page</p>} />
      </Routes>,
    );
    const bell = await screen.findByRole('button', { name: '收件箱：1 条未读' });
    expect(within(bell).getByText('1')).toBeInTheDocument();
    const query = new URL(fetchMock.mock.calls[0][0].url).searchParams;
    expect(Object.fromEntries(query)).toEqual({ page: '1', page_size: '1' });
    await userEvent.click(bell);
    expect(await screen.findByText('inbox page')).toBeInTheDocument();
  });

  it('is hidden for leaders, who have no inbox to mark', async () => {
    const fetchMock = mockApi({});
    renderApp(<InboxBell me={me('leader', ['leader'])} />);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
