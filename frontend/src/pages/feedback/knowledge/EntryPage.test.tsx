import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import type { Me } from '../../../api/types';
import { jsonResponse, mockApi, renderApp } from '../../../test/render';
import { me, office } from '../../../test/fixtures';
import { categories } from '../testData';
import { EntryPage } from './EntryPage';
import type { EntryRead } from './hooks';
import { draftFromCase, entry } from './testData';

const leader = () => me('leader', ['leader']);
const OK = /确\s*定/;

function mockEntry(data: EntryRead) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  const path = `/api/feedback/v1/knowledge/${data.id}`;
  const record = (method: string, suffix: string, answer: (body: Record<string, unknown>) => Partial<EntryRead>) => async (request: Request) => {
    const text = await request.text();
    const body = text ? JSON.parse(text) : {};
    calls.push({ method, path: suffix, body });
    return jsonResponse(200, { ...data, ...answer(body) });
  };
  mockApi({
    [`GET ${path}`]: () => jsonResponse(200, data),
    [`PATCH ${path}`]: record('PATCH', '', (body) => body as Partial<EntryRead>),
    [`POST ${path}/publish`]: record('POST', '/publish', () => ({ status: 'published', status_label: '已发布', published_at: '2026-11-23T10:00:00+08:00' })),
    [`POST ${path}/archive`]: record('POST', '/archive', () => ({ status: 'archived', status_label: '已归档' })),
    'GET /api/feedback/v1/categories': () => jsonResponse(200, categories),
  });
  return calls;
}

function renderEntry(user: Me, data: EntryRead, search = '') {
  return renderApp(
    <Routes>
      <Route path="/feedback/knowledge/:id" element={<EntryPage me={user} />} />
    </Routes>,
    { route: `/feedback/knowledge/${data.id}${search}` },
  );
}

describe('EntryPage', { timeout: 30_000 }, () => {
  it('opens a draft from a case in the editor, saves the edit and publishes it', async () => {
    const draft = draftFromCase();
    const calls = mockEntry(draft);
    renderEntry(office(), draft, '?edit=1');

    const drawer = await screen.findByRole('dialog');
    expect(within(drawer).getByText('编辑知识库条目')).toBeInTheDocument();
    const title = within(drawer).getByLabelText('标题');
    expect(title).toHaveValue('新厂房用电报装超时');
    await userEvent.clear(title);
    await userEvent.type(title, '新厂房用电报装要多久');
    await userEvent.type(within(drawer).getByRole('combobox', { name: '关键词' }), '用电{Enter}');
    await userEvent.click(within(drawer).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toMatchObject({
      method: 'PATCH',
      body: { title: '新厂房用电报装要多久', kind: 'procedure', category_code: 'gov_service.startup', keywords: ['用电'] },
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByRole('heading', { name: '新厂房用电报装要多久' })).toBeInTheDocument();

    expect(screen.getByRole('link', { name: 'FK20261120-000061' })).toHaveAttribute('href', '/feedback/cases/FK20261120-000061');
    expect(screen.queryByRole('button', { name: /归\s*档/ })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: /发\s*布/ }));
    await userEvent.click(await screen.findByRole('button', { name: OK }));
    await waitFor(() => expect(calls.at(-1)).toMatchObject({ method: 'POST', path: '/publish' }));
    expect(await screen.findByRole('button', { name: /归\s*档/ })).toBeInTheDocument();
    expect(screen.getAllByText('已发布').length).toBeGreaterThan(0);
  });

  it('archives a published entry', async () => {
    const calls = mockEntry(entry());
    renderEntry(office(), entry());
    await userEvent.click(await screen.findByRole('button', { name: /归\s*档/ }));
    await userEvent.click(await screen.findByRole('button', { name: OK }));
    await waitFor(() => expect(calls.at(-1)).toMatchObject({ method: 'POST', path: '/archive' }));
    expect(await screen.findByRole('button', { name: /重新发布/ })).toBeInTheDocument();
  });

  it('shows leaders the entry without edit, publish or archive, even with ?edit=1', async () => {
    mockEntry(entry());
    renderEntry(leader(), entry(), '?edit=1');
    expect(await screen.findByRole('heading', { name: '新办企业如何申领发票' })).toBeInTheDocument();
    expect(screen.getByText(/电子税务局/)).toBeInTheDocument();
    expect(screen.getByText('政务服务 / 企业开办与注销')).toBeInTheDocument();
    expect(screen.getByText('改革办直接编写')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
    for (const name of [/编\s*辑/, /发\s*布/, /归\s*档/]) expect(screen.queryByRole('button', { name })).toBeNull();
  });

  it('says the entry is not there when the API answers 404 (a draft to a unit)', async () => {
    mockApi({
      [`GET /api/feedback/v1/knowledge/${entry().id}`]: () =>
        jsonResponse(404, { title: '未找到', detail: '知识库条目不存在或无权查看。', status: 404, code: 'not_found' }),
    });
    renderEntry(me('scjg', ['unit']), entry());
    expect(await screen.findByText('条目不存在或尚未发布')).toBeInTheDocument();
  });
});
