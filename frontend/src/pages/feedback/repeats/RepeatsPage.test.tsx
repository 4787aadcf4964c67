import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import type { Me } from '../../../api/types';
import { jsonResponse, mockApi, renderApp } from '../../../test/render';
import { office, scjgUser } from '../../../test/fixtures';
import { queryOf } from '../testUtils';
import { RepeatsPage } from './RepeatsPage';
import { repeatFlag } from './testData';

const LIST = '/api/feedback/v1/repeats';
const OK = /确\s*定/;

function mockRepeats(list?: (query: Record<string, string>) => Response) {
  const queries: Record<string, string>[] = [];
  const posts: { path: string; body: unknown }[] = [];
  let confirmed = false;
  mockApi({
    [`GET ${LIST}`]: (request) => {
      const query = queryOf(request);
      queries.push(query);
      if (list) return list(query);
      const items = query.status === 'suggested' && confirmed ? [] : [repeatFlag(), repeatFlag({ case_no: 'FK20261121-000062', title: '用水增容再次反映', repeat_of: 'FK20261001-000020', matched_by_label: '联系电话相同' })];
      return jsonResponse(200, { items, total: items.length, page: 1, page_size: 20 });
    },
    'POST /api/feedback/v1/cases/FK20261120-000061/repeat/confirm': async (request) => {
      posts.push({ path: new URL(request.url).pathname, body: await request.json() });
      confirmed = true;
      return jsonResponse(200, repeatFlag({ status: 'confirmed', status_label: '已确认重复' }));
    },
  });
  return { queries, posts };
}

function renderPage(user: Me, route = '/feedback/repeats') {
  return renderApp(
    <Routes>
      <Route path="/feedback/repeats" element={<RepeatsPage me={user} />} />
    </Routes>,
    { route },
  );
}

describe('RepeatsPage', { timeout: 30_000 }, () => {
  it('lists the waiting flags for the office, which confirms one with a comment', async () => {
    const { queries, posts } = mockRepeats();
    renderPage(office());
    const row = (await screen.findByText('新厂房用电报装超时')).closest('tr')!;
    expect(queries[0]).toMatchObject({ status: 'suggested', page: '1' });
    expect(within(row).getByRole('link', { name: 'FK20261120-000061' })).toHaveAttribute('href', '/feedback/cases/FK20261120-000061');
    expect(within(row).getByRole('link', { name: 'FK20261102-000040' })).toBeInTheDocument();
    expect(within(row).getByText('统一社会信用代码相同，相似度 0.26')).toBeInTheDocument();

    await userEvent.click(within(row).getByRole('button', { name: /确认重复/ }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText('说明（选填）'), '同一报装事项');
    await userEvent.click(within(dialog).getAllByRole('button', { name: /确认重复/ }).at(-1)!);
    await userEvent.click(await waitFor(() => screen.getAllByRole('button', { name: OK }).at(-1)!));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0].body).toEqual({ comment: '同一报装事项' });
    // The queue reloads: nothing left waiting.
    expect(await screen.findByText('没有待确认的重复诉求')).toBeInTheDocument();
  });

  it('shows a unit its flags without queue actions, and switches to the confirmed ones', async () => {
    const { queries } = mockRepeats();
    renderPage(scjgUser());
    await screen.findByText('新厂房用电报装超时');
    expect(screen.queryByRole('button', { name: /确认重复/ })).toBeNull();
    expect(screen.getByText('承办单位请打开诉求页面确认或排除本单位承办诉求的重复标记。')).toBeInTheDocument();
    await userEvent.click(screen.getByText('已确认重复'));
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ status: 'confirmed' }));
    await userEvent.click(screen.getByText('全部'));
    await waitFor(() => expect(queries.at(-1)?.status).toBeUndefined());
  });

  it('reports a failed load', async () => {
    mockRepeats(() => jsonResponse(500, { status: 500, title: '服务器错误', detail: '诉求服务出错，请稍后重试。' }));
    renderPage(office());
    expect(await screen.findByText('诉求服务出错，请稍后重试。')).toBeInTheDocument();
  });
});
