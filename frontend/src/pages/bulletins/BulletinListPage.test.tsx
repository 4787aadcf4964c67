import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import type { Me } from '../../api/types';
import { jsonResponse, mockApi, renderApp } from '../../test/render';
import { office, plan, scjgUser } from '../../test/fixtures';
import { BulletinListPage } from './BulletinListPage';
import { defaultPeriod } from './periods';
import { BULLETIN_ID, PUBLISHED_ID, bulletinRead, bulletinSummary, published } from './testData';

const DRAFT = bulletinSummary();
const PUBLISHED = { ...published(), content: undefined, delivered: undefined, read: undefined };

function mockList(extra: Record<string, (request: Request) => Response | Promise<Response>> = {}, items = [DRAFT, PUBLISHED]) {
  const queries: Record<string, string>[] = [];
  const fetchMock = mockApi({
    'GET /api/tasks/v1/plans': () => jsonResponse(200, [plan()]),
    'GET /api/tasks/v1/bulletins': (request) => {
      queries.push(Object.fromEntries(new URL(request.url).searchParams));
      return jsonResponse(200, { items, total: items.length, page: 1, page_size: 20 });
    },
    [`GET /api/tasks/v1/bulletins/${PUBLISHED_ID}`]: () => jsonResponse(200, published()),
    ...extra,
  });
  return { queries, fetchMock };
}

function renderList(me: Me, route = '/bulletins') {
  return renderApp(
    <Routes>
      <Route path="/bulletins" element={<BulletinListPage me={me} />} />
      <Route path="/bulletins/:id" element={<p>detail page</p>} />
    </Routes>,
    { route },
  );
}

const rowOf = (text: string) => screen.getByText(text).closest('tr') as HTMLElement;

const { createObjectURL, revokeObjectURL } = URL;
afterEach(() => {
  URL.createObjectURL = createObjectURL;
  URL.revokeObjectURL = revokeObjectURL;
});

describe('BulletinListPage', { timeout: 30_000 }, () => {
  it('lists drafts and published bulletins with 文号, dates, status and delivery; filters go to the API', async () => {
    const { queries } = mockList();
    renderList(office(), '/bulletins?status=published');

    const table = await waitFor(() => {
      const found = document.querySelector<HTMLElement>('.bl-table');
      if (!found?.textContent?.includes('杭营商改〔2026〕3号')) throw new Error('not loaded');
      return found;
    });
    expect(queries[0]).toEqual({ status: 'published', page: '1', page_size: '20' });
    const rows = table.querySelectorAll<HTMLElement>('.bl-row');
    expect(rows).toHaveLength(2);
    const draft = rows[0];
    expect(draft).toHaveClass('bl-row-draft');
    expect(within(draft).getByText('草稿')).toBeInTheDocument();
    expect(within(draft).getByText('（发布时编号）')).toBeInTheDocument();
    expect(within(draft).getByText('未送达（草稿）')).toBeInTheDocument();
    expect(within(draft).getByText('2026年10月')).toBeInTheDocument();
    const pub = rows[1];
    expect(within(pub).getByText('已发布')).toBeInTheDocument();
    expect(within(pub).getByText('2026-11-05')).toBeInTheDocument();
    expect(await within(pub).findByText('送达 48 个单位 · 已读 12')).toBeInTheDocument();
    expect(within(pub).getByRole('link', { name: DRAFT.title })).toHaveAttribute('href', `/bulletins/${PUBLISHED_ID}`);

    await userEvent.click(screen.getByText('全部'));
    await waitFor(() => expect(queries.at(-1)).toEqual({ page: '1', page_size: '20' }));
  });

  it('offers a unit neither the generate button nor the draft filter', async () => {
    const { queries } = mockList({}, [PUBLISHED]);
    renderList(scjgUser(), '/bulletins?status=draft');
    await screen.findByText('杭营商改〔2026〕3号');
    expect(screen.queryByRole('button', { name: /生成通报/ })).not.toBeInTheDocument();
    expect(screen.queryByText('全部')).not.toBeInTheDocument();
    // A unit sees published bulletins only: the status filter in the URL is not passed on.
    expect(queries[0]).toEqual({ page: '1', page_size: '20' });
  });

  it('generates a draft for the last complete month and opens it', async () => {
    const bodies: unknown[] = [];
    mockList({
      'POST /api/tasks/v1/bulletins': async (request) => {
        bodies.push(await request.json());
        return jsonResponse(201, bulletinRead());
      },
    });
    renderList(office());
    await userEvent.click(await screen.findByRole('button', { name: /生成通报/ }));
    const dialog = await screen.findByRole('dialog');
    // The title the API will give when none is typed.
    expect(within(dialog).getByLabelText('标题').getAttribute('placeholder')).toMatch(/^关于\d{4}年\d{1,2}月营商环境优化提升重点任务推进情况的通报$/);

    // A title of one character is refused before anything is sent.
    await userEvent.type(within(dialog).getByLabelText('标题'), '短');
    await userEvent.click(within(dialog).getByRole('button', { name: /生成草稿/ }));
    expect(await within(dialog).findByText('标题至少 2 个字')).toBeInTheDocument();
    expect(bodies).toHaveLength(0);

    await userEvent.clear(within(dialog).getByLabelText('标题'));
    await userEvent.click(within(dialog).getByRole('button', { name: /生成草稿/ }));
    await waitFor(() => expect(bodies).toEqual([{ kind: 'monthly', period: defaultPeriod('month'), as_of: null, title: null }]));
    expect(await screen.findByText('detail page')).toBeInTheDocument();
  });

  it('shows the API\'s reason when generating fails', async () => {
    mockList({
      'POST /api/tasks/v1/bulletins': () =>
        jsonResponse(404, { title: '未找到', status: 404, code: 'plans.not_found', detail: '2026 年没有年度计划，无法生成通报。' }),
    });
    renderList(office());
    await userEvent.click(await screen.findByRole('button', { name: /生成通报/ }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: /生成草稿/ }));
    expect(await within(dialog).findByText('2026 年没有年度计划，无法生成通报。')).toBeInTheDocument();
  });

  it('shows a load error as a problem alert', async () => {
    mockApi({
      'GET /api/tasks/v1/plans': () => jsonResponse(200, [plan()]),
      'GET /api/tasks/v1/bulletins': () => jsonResponse(503, { title: '服务暂不可用', status: 503, detail: '数据库暂时无法连接，请稍后重试。' }),
    });
    renderList(office());
    expect(await screen.findByText('数据加载失败')).toBeInTheDocument();
    expect(screen.getByText('数据库暂时无法连接，请稍后重试。')).toBeInTheDocument();
  });

  it('downloads the Word notice with the token under the server\'s file name', async () => {
    localStorage.setItem('reform.access_token', 'a1');
    const saved: { filename: string; blob: Blob }[] = [];
    const blobs = new Map<string, Blob>();
    URL.createObjectURL = (blob: Blob) => {
      const url = `blob:test/${blobs.size}`;
      blobs.set(url, blob);
      return url;
    };
    URL.revokeObjectURL = () => undefined;
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ filename: this.download, blob: blobs.get(this.href)! });
    });
    const auth: (string | null)[] = [];
    mockList({
      [`GET /api/tasks/v1/bulletins/${PUBLISHED_ID}.docx`]: (request) => {
        auth.push(request.headers.get('Authorization'));
        return new Response('PK-docx', {
          status: 200,
          headers: {
            'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
            'Content-Disposition': `attachment; filename="bulletin-2026-3.docx"; filename*=UTF-8''${encodeURIComponent('杭营商改〔2026〕3号关于通报.docx')}`,
          },
        });
      },
    });
    renderList(office());
    await screen.findByText('杭营商改〔2026〕3号');
    await userEvent.click(within(rowOf('杭营商改〔2026〕3号')).getByRole('button', { name: '下载公文（Word）' }));
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(saved[0].filename).toBe('杭营商改〔2026〕3号关于通报.docx');
    expect(await saved[0].blob.text()).toBe('PK-docx');
    expect(auth).toEqual(['Bearer a1']);
    expect(BULLETIN_ID).not.toBe(PUBLISHED_ID);
  });
});
