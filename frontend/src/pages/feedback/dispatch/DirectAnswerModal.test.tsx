import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { jsonResponse, mockApi, renderApp } from '../../../test/render';
import { office } from '../../../test/fixtures';
import { CaseActions } from '../CaseActions';
import { caseRead } from '../testData';
import type { KnowledgeSuggestion, KnowledgeSuggestions } from './hooks';

const NO = 'FK20261120-000061';
const PATH = `/api/feedback/v1/cases/${NO}`;
const OK = /确\s*定/;

const entry = (id: string, title: string, answer: string, score: number, matched: string[]): KnowledgeSuggestion => ({
  entry: {
    id,
    title,
    question: title,
    answer,
    kind: 'procedure',
    kind_label: '办事流程',
    category: null,
    keywords: [],
    source_case_no: null,
    status: 'published',
    status_label: '已发布',
    created_by: 'office',
    created_at: '2026-11-01T09:00:00+08:00',
    updated_by: 'office',
    updated_at: '2026-11-01T09:00:00+08:00',
    published_at: '2026-11-01T09:00:00+08:00',
  },
  score,
  matched,
  same_category: score > 0.5,
});

const INVOICE = entry('e-invoice', '新办企业如何申领发票', '可在电子税务局「新办纳税人套餐」网上办理，无需到大厅。', 0.72, ['发票', '新办']);
const STARTUP = entry('e-startup', '企业开办一件事', '登录“企业开办一网通办”平台一次填报，1 个工作日内办结。', 0.31, ['开办']);

function mockDirect(items: KnowledgeSuggestion[]) {
  const posts: unknown[] = [];
  const answer: KnowledgeSuggestions = {
    case_no: NO,
    type: 'consultation',
    direct_answer_possible: true,
    notice: null,
    items,
  };
  mockApi({
    [`GET ${PATH}/knowledge-suggestions`]: () => jsonResponse(200, answer),
    [`POST ${PATH}/direct-answer`]: async (request) => {
      const body = await request.json();
      posts.push(body);
      return jsonResponse(200, caseRead({ type: 'consultation', status: 'replied', reply: body.reply ?? INVOICE.entry.answer, allowed_actions: [] }));
    },
  });
  return posts;
}

async function openDirect() {
  renderApp(<CaseActions me={office()} data={caseRead({ type: 'consultation', type_label: '咨询', allowed_actions: ['assign', 'direct_answer'] })} />);
  await userEvent.click(await screen.findByRole('button', { name: /直接答复/ }));
  return screen.findByRole('dialog');
}

describe('直接答复', { timeout: 30_000 }, () => {
  it('lists the matching entries and answers with the chosen one', async () => {
    const posts = mockDirect([INVOICE, STARTUP]);
    const dialog = await openDirect();

    const [first, second] = await within(dialog).findAllByRole('listitem');
    expect(within(first).getByText('新办企业如何申领发票')).toBeInTheDocument();
    expect(within(first).getByText('匹配度 72%')).toBeInTheDocument();
    expect(within(first).getByText('匹配词：发票、新办')).toBeInTheDocument();
    expect(within(second).getByText('企业开办一件事')).toBeInTheDocument();

    // Nothing chosen yet: asks for an entry first.
    await userEvent.click(within(dialog).getByRole('button', { name: '答复企业' }));
    expect(await within(dialog).findByText('请先选择一条知识库条目')).toBeInTheDocument();

    await userEvent.click(within(dialog).getByRole('button', { name: '选择此条目：新办企业如何申领发票' }));
    expect(within(dialog).getByLabelText('答复内容（企业可见，可修改）')).toHaveValue(INVOICE.entry.answer);
    await userEvent.click(within(dialog).getByRole('button', { name: '答复企业' }));
    expect(await screen.findByText(/诉求变为“已答复”/)).toBeInTheDocument();
    expect(posts).toHaveLength(0);
    await userEvent.click(screen.getAllByRole('button', { name: OK }).at(-1)!);
    // The entry's own answer: no edited reply is sent.
    await waitFor(() => expect(posts).toEqual([{ entry_id: 'e-invoice', reply: null, comment: null }]));
  });

  it('sends the reply when the dispatcher edits it', async () => {
    const posts = mockDirect([INVOICE, STARTUP]);
    const dialog = await openDirect();
    await userEvent.click(await within(dialog).findByRole('button', { name: '选择此条目：企业开办一件事' }));
    const reply = within(dialog).getByLabelText('答复内容（企业可见，可修改）');
    await userEvent.clear(reply);
    await userEvent.type(reply, '请登录一网通办平台一次填报。');
    await userEvent.click(within(dialog).getByRole('button', { name: '答复企业' }));
    await userEvent.click(screen.getAllByRole('button', { name: OK }).at(-1)!);
    await waitFor(() => expect(posts).toEqual([{ entry_id: 'e-startup', reply: '请登录一网通办平台一次填报。', comment: null }]));
  });

  it('says when no entry matches', async () => {
    mockDirect([]);
    const dialog = await openDirect();
    expect(await within(dialog).findByText('知识库中没有与本诉求匹配的已发布条目，请交办单位答复。')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: '答复企业' })).toBeDisabled();
  });
});
