import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { ActionDetailPage } from './ActionDetailPage';
import { jsonResponse, mockApi, renderApp } from '../../../test/render';
import { FGW, SCJG, fgwUser, office, scjgUser, units } from '../../../test/fixtures';
import type { Me } from '../../../api/types';
import { ACTION_CODE, actionPage, leader, setWidth } from './testing';

const DESKTOP_WIDTH = window.innerWidth;
afterEach(() => setWidth(DESKTOP_WIDTH));

type Handler = (request: Request) => Response | Promise<Response>;
const BASE = `/api/tasks/v1/special-actions/${ACTION_CODE}`;

function mockAction(extra: Record<string, Handler> = {}, page = actionPage()) {
  const seen: string[] = [];
  mockApi({
    [`GET ${BASE}`]: (request) => {
      seen.push(new URL(request.url).search);
      return jsonResponse(200, page);
    },
    'GET /api/auth/v1/units': () => jsonResponse(200, { items: units, total: units.length, page: 1, page_size: 200 }),
    'GET /api/tasks/v1/tasks': () => jsonResponse(200, { items: [], total: 0, page: 1, page_size: 30, as_of: '2026-11-22', counts: {}, calendar_notices: [] }),
    ...extra,
  });
  return seen;
}

function renderDetail(me: Me, query = '') {
  return renderApp(
    <Routes>
      <Route path="/supervision/actions/:code" element={<ActionDetailPage me={me} />} />
    </Routes>,
    { route: `/supervision/actions/${ACTION_CODE}${query}` },
  );
}

const nodeEl = (state: string) => document.querySelector<HTMLElement>(`.act-node[data-state=${state}]`)!;

// Rendering antd forms and tables in jsdom is slow on a shared machine.
describe('ActionDetailPage', { timeout: 20_000 }, () => {
  it('shows the leader, lead unit, team, progress, the warning with its reasons, measures, nodes and linked tasks', async () => {
    const seen = mockAction();
    renderDetail(scjgUser(), '?as_of=2026-11-22');

    expect(await screen.findByRole('heading', { name: '市场准入壁垒清理专项行动' })).toBeInTheDocument();
    expect(seen[0]).toBe('?as_of=2026-11-22');
    expect(screen.getByText('王副市长')).toBeInTheDocument();
    expect(screen.getByText(FGW.name)).toBeInTheDocument();
    expect(within(document.querySelector<HTMLElement>('.act-team')!).getByText(SCJG.short_name)).toBeInTheDocument();
    expect(screen.getByText('红牌 · 预警原因')).toBeInTheDocument();
    expect(screen.getByText('节点“完成清理台账”已逾期（2026-06-30）')).toBeInTheDocument();
    expect(screen.getByText('29%')).toBeInTheDocument();
    expect(screen.getByText('任务部分 25% · 节点部分 33%')).toBeInTheDocument();
    expect(screen.getByText('梳理准入壁垒清单')).toBeInTheDocument();
    expect(screen.getByText('主要举措（2 条）')).toBeInTheDocument();

    expect(nodeEl('done')).toHaveTextContent('按期完成');
    expect(nodeEl('done')).toHaveTextContent('行动方案（印发稿）');
    expect(nodeEl('overdue')).toHaveTextContent('已逾期');
    expect(nodeEl('open')).toHaveTextContent('未到期');
    // A team member reads: no buttons on the nodes.
    expect(within(nodeEl('overdue')).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /增加时间节点/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /修改行动/ })).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('tab', { name: '关联任务（2）' }));
    const row = (await screen.findByRole('link', { name: '2026-SC-051' })).closest('tr')!;
    expect(screen.getByRole('link', { name: '2026-SC-051' })).toHaveAttribute('href', '/tasks/2026-SC-051?as_of=2026-11-22');
    expect(within(row).getByText('50%')).toBeInTheDocument();
    expect(within(row).getByText('红牌')).toBeInTheDocument();
    expect(within(row).getByText(FGW.short_name)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /关联任务/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /取消关联/ })).not.toBeInTheDocument();
  }, 20_000);

  it('gives the lead unit 标记完成 and task links, the office node planning too, a leader nothing', async () => {
    const cases: [Me, { complete: boolean; plan: boolean; link: boolean }][] = [
      [fgwUser(), { complete: true, plan: false, link: true }],
      [office(), { complete: true, plan: true, link: true }],
      [leader(), { complete: false, plan: false, link: false }],
      [{ ...FGW_LEADER() }, { complete: false, plan: false, link: false }],
    ];
    for (const [user, expected] of cases) {
      mockAction();
      const { unmount } = renderDetail(user);
      await screen.findByRole('heading', { name: '市场准入壁垒清理专项行动' });
      const overdue = nodeEl('overdue');
      expect([
        !!within(overdue).queryByRole('button', { name: /标记完成/ }),
        !!within(overdue).queryByRole('button', { name: /删除节点/ }),
        !!screen.queryByRole('button', { name: /修改行动/ }),
      ]).toEqual([expected.complete, expected.plan, expected.plan]);
      // A node already done offers no 标记完成.
      expect(within(nodeEl('done')).queryByRole('button', { name: /标记完成/ })).not.toBeInTheDocument();
      await userEvent.click(screen.getByRole('tab', { name: '关联任务（2）' }));
      await screen.findByRole('link', { name: '2026-SC-051' });
      expect(!!screen.queryByRole('button', { name: /关联任务/ })).toBe(expected.link);
      expect(screen.queryAllByRole('button', { name: /取消关联/ })).toHaveLength(expected.link ? 2 : 0);
      unmount();
    }
  }, 30_000);

  it('marks a node done with its date and evidence as of the chosen day', async () => {
    const posts: { url: string; body: unknown }[] = [];
    mockAction({
      [`POST ${BASE}/nodes/n2/complete`]: async (request) => {
        posts.push({ url: new URL(request.url).search, body: await request.json() });
        return jsonResponse(200, actionPage());
      },
    });
    renderDetail(fgwUser(), '?as_of=2026-11-22');
    await screen.findByRole('heading', { name: '市场准入壁垒清理专项行动' });
    await userEvent.click(within(nodeEl('overdue')).getByRole('button', { name: /标记完成/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('标记完成：完成清理台账')).toBeInTheDocument();
    // Evidence is required.
    await userEvent.click(within(dialog).getByRole('button', { name: /标记完成/ }));
    expect(await within(dialog).findByText('请填写完成佐证')).toBeInTheDocument();
    expect(posts).toHaveLength(0);

    await userEvent.type(within(dialog).getByLabelText('完成佐证'), '清理台账（终稿）');
    await userEvent.click(within(dialog).getByRole('button', { name: /标记完成/ }));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]).toEqual({ url: '?as_of=2026-11-22', body: { done_date: '2026-06-30', evidence: '清理台账（终稿）' } });
  }, 20_000);

  it('lets the office add and delete nodes, with a confirmation before deleting', async () => {
    const calls: string[] = [];
    const added: unknown[] = [];
    let current = actionPage();
    mockAction({
      [`GET ${BASE}`]: () => jsonResponse(200, current),
      [`POST ${BASE}/nodes`]: async (request) => {
        added.push(await request.json());
        return jsonResponse(201, current);
      },
      [`DELETE ${BASE}/nodes/n3`]: () => {
        calls.push('delete n3');
        current = actionPage({ nodes: current.nodes.slice(0, 2) });
        return jsonResponse(200, current);
      },
    });
    renderDetail(office());
    await screen.findByRole('heading', { name: '市场准入壁垒清理专项行动' });

    await userEvent.click(screen.getByRole('button', { name: /增加时间节点/ }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: /OK|确\s*定/ }));
    expect(await within(dialog).findByText('请填写节点名称')).toBeInTheDocument();
    await userEvent.type(within(dialog).getByLabelText('节点名称'), '中期评估');
    await userEvent.click(within(dialog).getByRole('button', { name: /OK|确\s*定/ }));
    await waitFor(() => expect(added).toEqual([[{ title: '中期评估', due_date: '2026-12-31' }]]));

    await userEvent.click(within(nodeEl('open')).getByRole('button', { name: /删除节点/ }));
    expect(calls).toHaveLength(0);
    const confirm = await screen.findByText(/确定删除节点“总结评估”/);
    const popover = confirm.closest('.ant-popover') as HTMLElement;
    await userEvent.click(within(popover).getByRole('button', { name: /OK|确\s*定/ }));
    await waitFor(() => expect(calls).toEqual(['delete n3']));
    await waitFor(() => expect(document.querySelector('.act-node[data-state=open]')).toBeNull());
  }, 20_000);

  it('shows why linking a task failed (409) inside the dialog, and unlinks after confirming', async () => {
    const unlinked: string[] = [];
    mockAction({
      [`POST ${BASE}/tasks`]: () =>
        jsonResponse(409, {
          status: 409,
          code: 'special_actions.task_already_linked',
          title: '冲突',
          detail: '任务 2026-SC-051 已关联到本行动。',
        }),
      [`DELETE ${BASE}/tasks/2026-SC-007`]: () => {
        unlinked.push('2026-SC-007');
        return jsonResponse(200, actionPage());
      },
    });
    renderDetail(fgwUser(), '?tab=tasks');
    await screen.findByRole('link', { name: '2026-SC-051' });

    await userEvent.click(screen.getByRole('button', { name: /关联任务/ }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getByRole('button', { name: /关\s*联/ }));
    expect(await within(dialog).findByText('请至少选择一个任务')).toBeInTheDocument();
    await userEvent.type(within(dialog).getByRole('combobox', { name: '关联任务' }), '2026-SC-099{enter}');
    await userEvent.click(within(dialog).getByRole('button', { name: /关\s*联/ }));
    expect(await within(dialog).findByText('任务 2026-SC-051 已关联到本行动。')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: /取\s*消/ }));

    const row = screen.getByRole('link', { name: '2026-SC-007' }).closest('tr')!;
    await userEvent.click(within(row).getByRole('button', { name: /取消关联/ }));
    const popover = (await screen.findByText(/确定取消关联任务 2026-SC-007/)).closest('.ant-popover') as HTMLElement;
    await userEvent.click(within(popover).getByRole('button', { name: /OK|确\s*定/ }));
    await waitFor(() => expect(unlinked).toEqual(['2026-SC-007']));
  }, 20_000);

  it('edits the action sending only what changed', async () => {
    const patches: unknown[] = [];
    mockAction({
      [`PATCH ${BASE}`]: async (request) => {
        patches.push(await request.json());
        return jsonResponse(200, actionPage({ name: '市场准入壁垒清理攻坚行动' }));
      },
    });
    renderDetail(office());
    await userEvent.click(await screen.findByRole('button', { name: /修改行动/ }));
    const drawer = await screen.findByRole('dialog');
    expect(within(drawer).getByLabelText('第 2 条举措')).toHaveValue('建立问题线索移交机制');
    // Nodes and tasks are managed on the page, not in this form.
    expect(within(drawer).queryByText('时间节点')).not.toBeInTheDocument();
    const name = within(drawer).getByLabelText('行动名称');
    await userEvent.clear(name);
    await userEvent.type(name, '市场准入壁垒清理攻坚行动');
    await userEvent.click(within(drawer).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(patches).toEqual([{ name: '市场准入壁垒清理攻坚行动' }]));
  });

  it('shows the history with readable changes', async () => {
    mockAction({
      [`GET ${BASE}/history`]: () =>
        jsonResponse(200, {
          items: [
            {
              id: 2,
              occurred_at: '2026-06-01T02:00:00Z',
              actor: 'office',
              actor_unit_id: null,
              action: 'special_action.update',
              entity_type: 'special_action',
              entity_id: 'a1',
              detail: { before: { lead_unit_id: SCJG.id, kind: 'extra' }, after: { lead_unit_id: FGW.id, kind: 'city' } },
              request_id: null,
            },
            {
              id: 1,
              occurred_at: '2026-02-01T00:00:00Z',
              actor: 'office',
              actor_unit_id: null,
              action: 'special_action.task_link',
              entity_type: 'special_action',
              entity_id: 'a1',
              detail: { task_codes: ['2026-SC-051', '2026-SC-007'] },
              request_id: null,
            },
          ],
          total: 2,
          page: 1,
          page_size: 50,
        }),
    });
    renderDetail(leader(), '?tab=history');
    expect(await screen.findByText('修改行动')).toBeInTheDocument();
    expect(await screen.findByText(`牵头单位：${SCJG.short_name} → ${FGW.short_name}`)).toBeInTheDocument();
    expect(screen.getByText('行动类别：增列行动（N） → 12 项全市行动')).toBeInTheDocument();
    expect(screen.getByText('关联任务：2026-SC-051、2026-SC-007')).toBeInTheDocument();
    expect(screen.getByText('共 2 条记录')).toBeInTheDocument();
  });

  it('says when the action does not exist or is out of scope, and shows other errors as problems', async () => {
    mockApi({
      [`GET ${BASE}`]: () => jsonResponse(404, { status: 404, title: '专项行动不存在', detail: '未找到专项行动。' }),
    });
    const { unmount } = renderDetail(scjgUser());
    expect(await screen.findByText('专项行动不存在或无权查看')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '返回专项行动列表' })).toBeInTheDocument();
    unmount();

    mockApi({ [`GET ${BASE}`]: () => jsonResponse(500, { status: 500, title: '服务器错误', detail: '任务服务出错，请稍后重试。' }) });
    renderDetail(scjgUser());
    expect(await screen.findByText('任务服务出错，请稍后重试。')).toBeInTheDocument();
  });

  it('works on a phone: linked tasks as cards', async () => {
    setWidth(390);
    mockAction();
    renderDetail(fgwUser(), '?tab=tasks');
    const card = (await screen.findByRole('link', { name: '2026-SC-051' })).closest('.act-task-card') as HTMLElement;
    expect(card).not.toBeNull();
    expect(document.querySelector('.act-task-table')).toBeNull();
    expect(within(card).getByText('已超过完成时限（2026-06-30）仍未完成')).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: /取消关联/ })).toBeInTheDocument();
  });
});

/** A leader who belongs to the lead unit reads only (the API's WORKING_ROLES). */
function FGW_LEADER(): Me {
  return { ...fgwUser(), username: 'fgw_leader', roles: ['leader'] };
}
