import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import type { Me } from '../../api/types';
import type { CaseRead } from '../../feedback/types';
import { jsonResponse, mockApi, renderApp } from '../../test/render';
import { fgwUser, me, office, scjgUser } from '../../test/fixtures';
import { CaseDetailPage } from './CaseDetailPage';
import { draftFromCase } from './knowledge/testData';
import { assignedCase } from './testData';
import { unitPage, Where } from './testUtils';

const NO = 'FK20261120-000061';
const PATH = `/api/feedback/v1/cases/${NO}`;

type Handler = (request: Request) => Response | Promise<Response>;

function mockCase(data: CaseRead, extra: Record<string, () => Response> = {}) {
  const posts: { path: string; body: unknown }[] = [];
  const record = (path: string, answer: (body: unknown) => Response): Handler => async (request) => {
    const text = await request.text();
    const body = text ? JSON.parse(text) : undefined;
    posts.push({ path, body });
    return answer(body);
  };
  const fetchMock = mockApi({
    [`GET ${PATH}`]: () => jsonResponse(200, data),
    'GET /api/auth/v1/units': () => jsonResponse(200, unitPage()),
    [`POST ${PATH}/contact`]: record('contact', () =>
      jsonResponse(200, { case_no: NO, contact_name: '王先生', contact_phone: '13812341234', contact_id_number: null }),
    ),
    [`POST ${PATH}/accept`]: record('accept', () =>
      jsonResponse(200, { ...data, status: 'accepted', status_label: '已签收', allowed_actions: ['return', 'start', 'reply', 'request_extension'] }),
    ),
    [`POST ${PATH}/reply`]: record('reply', (body) =>
      jsonResponse(200, { ...data, status: 'replied', reply: (body as { reply: string }).reply, replied_at: '2026-11-22T10:00:00+08:00', allowed_actions: [] }),
    ),
    [`POST ${PATH}/follow-up`]: record('follow-up', () => jsonResponse(200, { ...data, status: 'reopened', allowed_actions: ['assign'] })),
    [`POST ${PATH}/notes`]: record('notes', (body) =>
      jsonResponse(201, {
        ...data,
        events: [
          ...data.events,
          {
            id: 99,
            event: 'co_opinion',
            label: '协办意见',
            from_status: data.status,
            to_status: data.status,
            occurred_at: '2026-11-22T11:00:00+08:00',
            actor: 'fgw',
            actor_kind: 'staff',
            actor_unit: null,
            comment: (body as { content: string }).content,
            public: false,
            detail: {},
          },
        ],
      }),
    ),
    ...Object.fromEntries(Object.entries(extra).map(([key, answer]) => [key, record(key, answer)])),
  });
  return { posts, fetchMock };
}

function renderCase(user: Me) {
  return renderApp(
    <Routes>
      <Route path="/feedback/cases/:caseNo" element={<CaseDetailPage me={user} />} />
      <Route path="*" element={<Where />} />
    </Routes>,
    { route: `/feedback/cases/${NO}` },
  );
}

const OK = /确\s*定/;

describe('CaseDetailPage', { timeout: 30_000 }, () => {
  it('shows the main unit its fields, masked phone with audited reveal, the timeline, and accepts the case', async () => {
    const { posts } = mockCase(assignedCase({ allowed_actions: ['accept', 'return'] }));
    renderCase(scjgUser());

    expect(await screen.findByRole('heading', { name: '新厂房用电报装超时' })).toBeInTheDocument();
    expect(screen.getByText('水电气网 / 用电报装')).toBeInTheDocument();
    expect(screen.getByText('市市场监督管理局')).toBeInTheDocument();
    expect(screen.getByText('市发展和改革委员会')).toBeInTheDocument();
    expect(screen.getByText('138****1234')).toBeInTheDocument();

    // Timeline: actor, time, comment; the internal note marked.
    const note = document.querySelector('[data-event="note"]') as HTMLElement;
    expect(within(note).getByText('内部')).toBeInTheDocument();
    expect(within(note).getByText('企业已多次反映')).toBeInTheDocument();
    expect(within(note).getByText(/2026-11-20 \d\d:05 · 市委改革办 · office/)).toBeInTheDocument();
    expect(screen.getByText('交市市场监督管理局办理，协办：市发展和改革委员会')).toBeInTheDocument();

    // Only the main unit's steps: accept and return, no assign.
    expect(screen.getByRole('button', { name: /签\s*收/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /退\s*回/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /交\s*办/ })).toBeNull();

    // Reveal: confirmed, audited on the server, the full number shown.
    await userEvent.click(screen.getByRole('button', { name: /查看完整号码/ }));
    expect(await screen.findByText('每次查看完整联系方式都会记入审计日志。')).toBeInTheDocument();
    await userEvent.click(screen.getAllByRole('button', { name: OK }).at(-1)!);
    expect(await screen.findByRole('link', { name: '13812341234' })).toHaveAttribute('href', 'tel:13812341234');
    expect(posts.find((p) => p.path === 'contact')?.body).toEqual({ reason: '办理诉求需联系企业' });

    await userEvent.click(screen.getByRole('button', { name: /签\s*收/ }));
    await userEvent.click(screen.getAllByRole('button', { name: OK }).at(-1)!);
    await waitFor(() => expect(posts.map((p) => p.path)).toContain('accept'));
    expect(await screen.findByRole('button', { name: /开始办理/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /答复企业/ })).toBeInTheDocument();
  });

  it('validates and confirms a reply before sending it', async () => {
    const { posts } = mockCase(assignedCase({ status: 'in_progress', allowed_actions: ['reply', 'request_extension', 'return'] }));
    renderCase(scjgUser());

    await userEvent.click(await screen.findByRole('button', { name: /答复企业/ }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: '提交答复' }));
    expect(await within(dialog).findByText('请填写答复内容')).toBeInTheDocument();

    await userEvent.type(within(dialog).getByLabelText('答复内容（企业可见）'), '已协调供电公司，11 月 25 日完成接电。');
    await userEvent.click(within(dialog).getByRole('button', { name: '提交答复' }));
    expect(await screen.findByText('答复内容将发送给企业，企业可据此评价，提交后不能修改。确定答复？')).toBeInTheDocument();
    expect(posts.filter((p) => p.path === 'reply')).toHaveLength(0);
    await userEvent.click(screen.getAllByRole('button', { name: OK }).at(-1)!);

    await waitFor(() =>
      expect(posts.find((p) => p.path === 'reply')?.body).toEqual({ reply: '已协调供电公司，11 月 25 日完成接电。', comment: null }),
    );
    expect(await screen.findByText('已协调供电公司，11 月 25 日完成接电。', { selector: '.fb-reply .ant-typography' })).toBeInTheDocument();
  });

  it('shows a 409 refusal inside the return form', async () => {
    const refused = () =>
      jsonResponse(409, {
        status: 409,
        code: 'cases.illegal_transition',
        title: '操作冲突',
        detail: '诉求 FK20261120-000061 当前状态为「已答复」，不能「退回」。当前没有您可进行的操作。',
      });
    mockCase(assignedCase({ allowed_actions: ['accept', 'return'] }), { [`POST ${PATH}/return`]: refused });
    renderCase(scjgUser());

    await userEvent.click(await screen.findByRole('button', { name: /退\s*回/ }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: /退\s*回/ }));
    expect(await within(dialog).findByText('请填写退回理由')).toBeInTheDocument();
    await userEvent.type(within(dialog).getByLabelText('退回理由'), '用电报装属供电公司，应交发改委协调');
    await userEvent.click(within(dialog).getByRole('button', { name: /退\s*回/ }));
    await userEvent.click(screen.getAllByRole('button', { name: OK }).at(-1)!);
    expect(await within(dialog).findByText(/当前状态为「已答复」，不能「退回」/)).toBeInTheDocument();
  });

  it('lets the office follow up a reply; dissatisfied asks to confirm the reopening', async () => {
    const { posts } = mockCase(
      assignedCase({ status: 'replied', reply: '已接电', replied_at: '2026-11-21T10:00:00+08:00', allowed_actions: ['close', 'reopen'] }),
    );
    renderCase(office());

    await userEvent.click(await screen.findByRole('button', { name: /回\s*访/ }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('radio', { name: '不满意' }));
    await userEvent.type(within(dialog).getByLabelText('回访记录'), '企业反映仍未送电');
    await userEvent.click(within(dialog).getByRole('button', { name: '提交回访' }));
    expect(await screen.findByText('回访结果为不满意，诉求将重办并重新计算办理时限。确定提交？')).toBeInTheDocument();
    await userEvent.click(screen.getAllByRole('button', { name: OK }).at(-1)!);
    await waitFor(() => expect(posts.find((p) => p.path === 'follow-up')?.body).toEqual({ satisfaction: 'dissatisfied', comment: '企业反映仍未送电' }));
  });

  it('lets a co-unit add its opinion but take no step; a leader only reads', async () => {
    const { posts } = mockCase(assignedCase({ allowed_actions: [] }));
    const view = renderCase(fgwUser());

    expect(await screen.findByRole('heading', { name: '新厂房用电报装超时' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /签\s*收/ })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: '提交协办意见' }));
    expect(await screen.findByText('请填写内容')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('协办意见（企业不可见）'), '发改委将牵头协调供电公司');
    await userEvent.click(screen.getByRole('button', { name: '提交协办意见' }));
    await waitFor(() => expect(posts.find((p) => p.path === 'notes')?.body).toEqual({ content: '发改委将牵头协调供电公司' }));
    expect(await screen.findByText('发改委将牵头协调供电公司', { selector: '.fb-event-text' })).toBeInTheDocument();
    view.unmount();

    mockCase(assignedCase({ allowed_actions: [] }));
    renderCase(me('leader', ['leader']));
    expect(await screen.findByRole('heading', { name: '新厂房用电报装超时' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /查看完整号码/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /添加备注/ })).toBeNull();
    expect(document.querySelector('.fb-actions')).toBeNull();
  });

  it('turns a reply into a knowledge-base draft with one click and opens it for editing; a second click opens the same entry', async () => {
    const replied = assignedCase({ status: 'replied', reply: '已接电', replied_at: '2026-11-21T10:00:00+08:00', allowed_actions: ['close', 'reopen'] });
    let status = 201;
    const { posts } = mockCase(replied, { [`POST /api/feedback/v1/knowledge/from-case/${NO}`]: () => jsonResponse(status, draftFromCase()) });
    const view = renderCase(office());

    await userEvent.click(await screen.findByRole('button', { name: /加入知识库/ }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(`/feedback/knowledge/${draftFromCase().id}?edit=1`));
    expect(posts.filter((p) => p.path.includes('from-case'))).toHaveLength(1);
    expect(await screen.findByText(/已由本件答复生成草稿条目/)).toBeInTheDocument();
    view.unmount();

    status = 200;
    renderCase(office());
    await userEvent.click(await screen.findByRole('button', { name: /加入知识库/ }));
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(new RegExp(`/feedback/knowledge/${draftFromCase().id}$`)));
    expect(await screen.findByText('本件诉求已生成过知识库条目，已为你打开')).toBeInTheDocument();
  });

  it('offers 加入知识库 only to the office and only on a case with a reply', async () => {
    const replied = assignedCase({ status: 'replied', reply: '已接电', replied_at: '2026-11-21T10:00:00+08:00', allowed_actions: [] });
    for (const user of [scjgUser(), me('leader', ['leader'])]) {
      mockCase(replied);
      const view = renderCase(user);
      expect(await screen.findByText('已接电')).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: /加入知识库/ })).toBeNull();
      view.unmount();
    }
    mockCase(assignedCase({ allowed_actions: [] }));
    renderCase(office());
    expect(await screen.findByRole('heading', { name: '新厂房用电报装超时' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /加入知识库/ })).toBeNull();
  });

  it('says when the case cannot be seen', async () => {
    mockApi({
      [`GET ${PATH}`]: () => jsonResponse(404, { status: 404, code: 'not_found', title: '诉求不存在', detail: '未找到该诉求，或您无权查看。' }),
    });
    renderCase(scjgUser());
    expect(await screen.findByText('诉求不存在，或您无权查看')).toBeInTheDocument();
  });
});
