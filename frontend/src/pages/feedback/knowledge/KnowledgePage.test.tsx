import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import type { Me } from '../../../api/types';
import { jsonResponse, mockApi, renderApp } from '../../../test/render';
import { me, office, scjgUser } from '../../../test/fixtures';
import { categories } from '../testData';
import { choose, queryOf, Where } from '../testUtils';
import { KnowledgePage } from './KnowledgePage';
import { draftFromCase, entry, ENTRY_ID, entryList, hit } from './testData';

const LIST = '/api/feedback/v1/knowledge';
const leader = () => me('leader', ['leader']);

function mockKnowledge({ create = (body: unknown) => jsonResponse(201, entry({ ...(body as object), status: 'draft', status_label: '草稿' })) } = {}) {
  const queries: Record<string, string>[] = [];
  const created: unknown[] = [];
  mockApi({
    [`GET ${LIST}`]: (request) => {
      const query = queryOf(request);
      queries.push(query);
      return jsonResponse(200, query.q ? entryList([hit(entry(), 0.82, ['申领发票', '新办'])]) : entryList([hit(entry()), hit(draftFromCase())]));
    },
    [`POST ${LIST}`]: async (request) => {
      const body = await request.json();
      created.push(body);
      return create(body);
    },
    'GET /api/feedback/v1/categories': () => jsonResponse(200, categories),
  });
  return { queries, created };
}

function renderPage(user: Me, route = '/feedback/knowledge') {
  return renderApp(
    <Routes>
      <Route path="/feedback/knowledge" element={<KnowledgePage me={user} />} />
      <Route path="*" element={<Where />} />
    </Routes>,
    { route },
  );
}

const item = (title: string) => screen.getByText(title).closest('.kb-hit') as HTMLElement;

describe('KnowledgePage', { timeout: 30_000 }, () => {
  it('lists entries with their status for the office, searches in Chinese and shows the score and matched words', async () => {
    const { queries } = mockKnowledge();
    renderPage(office());

    expect(await screen.findByText('新办企业如何申领发票')).toBeInTheDocument();
    expect(within(item('新厂房用电报装超时')).getByText('草稿')).toBeInTheDocument();
    expect(within(item('新办企业如何申领发票')).getByText('已发布')).toBeInTheDocument();
    expect(screen.getByText('共 2 条')).toBeInTheDocument();
    expect(queries[0]).toMatchObject({ page: '1', page_size: '20' });
    expect(queries[0].q).toBeUndefined();

    await userEvent.type(screen.getByRole('searchbox', { name: '检索知识库' }), '新公司怎么申领发票{Enter}');
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ q: '新公司怎么申领发票', page: '1' }));
    const found = await screen.findByText('相关度 0.82');
    const row = found.closest('.kb-hit') as HTMLElement;
    // The matched words are listed and marked in the title.
    expect(within(row).getByText('申领发票', { selector: '.ant-tag' })).toBeInTheDocument();
    expect(within(row).getByText('申领发票', { selector: 'mark' })).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: '新办企业如何申领发票' })).toHaveAttribute('href', `/feedback/knowledge/${ENTRY_ID}`);

    await choose(screen.getByRole('combobox', { name: '条目状态' }), '草稿');
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ status: 'draft', q: '新公司怎么申领发票' }));
    await choose(screen.getByRole('combobox', { name: '条目类型' }), '办事地点');
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ status: 'draft', kind: 'where_to_go' }));
  });

  it('shows leaders and units the published list read-only, without status filter or new-entry button', async () => {
    for (const user of [leader(), scjgUser()]) {
      mockKnowledge();
      const view = renderPage(user);
      expect(await screen.findByText('新办企业如何申领发票')).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: /新建条目/ })).toBeNull();
      expect(screen.queryByRole('combobox', { name: '条目状态' })).toBeNull();
      expect(screen.queryByText('已发布')).toBeNull();
      view.unmount();
    }
  });

  it('checks the API limits in the editor, then creates a draft and opens it', async () => {
    const { created } = mockKnowledge();
    renderPage(office());
    await userEvent.click(await screen.findByRole('button', { name: /新建条目/ }));
    const drawer = await screen.findByRole('dialog');
    const save = within(drawer).getByRole('button', { name: /保\s*存/ });

    await userEvent.click(save);
    expect(await within(drawer).findAllByText('请填写此项')).toHaveLength(3);
    await userEvent.type(within(drawer).getByLabelText('标题'), '票');
    expect(await within(drawer).findByText('请填写 2～200 个字')).toBeInTheDocument();
    expect(created).toHaveLength(0);

    await userEvent.type(within(drawer).getByLabelText('标题'), '据怎么领');
    await userEvent.type(within(drawer).getByLabelText('企业怎么问'), '新公司怎么领发票？');
    await userEvent.type(within(drawer).getByLabelText('答复口径'), '通过电子税务局新办纳税人套餐办理。');
    await userEvent.type(within(drawer).getByRole('combobox', { name: '关键词' }), '发票{Enter}');
    await userEvent.click(save);

    await waitFor(() => expect(created).toHaveLength(1));
    expect(created[0]).toEqual({
      title: '票据怎么领',
      question: '新公司怎么领发票？',
      answer: '通过电子税务局新办纳税人套餐办理。',
      kind: 'policy',
      category_code: null,
      keywords: ['发票'],
    });
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(`/feedback/knowledge/${ENTRY_ID}`));
  });

  it('puts the API refusal of a field on that field', async () => {
    mockKnowledge({
      create: () =>
        jsonResponse(422, {
          title: '提交的内容有误',
          detail: '请按提示修改标注的字段后重试。',
          status: 422,
          code: 'validation_failed',
          errors: [{ field: 'category_code', code: 'unknown_category', message: '诉求分类不存在或已停用' }],
        }),
    });
    renderPage(office());
    await userEvent.click(await screen.findByRole('button', { name: /新建条目/ }));
    const drawer = await screen.findByRole('dialog');
    await userEvent.type(within(drawer).getByLabelText('标题'), '新办企业如何申领发票');
    await userEvent.type(within(drawer).getByLabelText('企业怎么问'), '怎么申领发票');
    await userEvent.type(within(drawer).getByLabelText('答复口径'), '通过电子税务局办理。');
    await userEvent.click(within(drawer).getByRole('button', { name: /保\s*存/ }));
    expect(await within(drawer).findByText('操作未成功')).toBeInTheDocument();
    // On the field as well as in the alert.
    await waitFor(() => expect(drawer.querySelector('.ant-form-item-explain-error')).toHaveTextContent('诉求分类不存在或已停用'));
    expect(screen.queryByTestId('location')).toBeNull();
  });
});
