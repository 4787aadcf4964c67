import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import type { Me } from '../../../api/types';
import { jsonResponse, mockApi, renderApp } from '../../../test/render';
import { FGW, me, office } from '../../../test/fixtures';
import { choose, unitPage } from '../testUtils';
import { ClusterDetailPage } from './ClusterDetailPage';
import { clusterCase, clusterItem, clusterRead, clusterWithTask, confirmedCluster } from './testData';
import type { ClusterRead } from './permissions';

const CODE = 'LA-2026-0004';
const PATH = `/api/feedback/v1/clusters/${CODE}`;
const OK = /确\s*定/;
const leader = () => me('leader', ['leader']);

type Answer = (body: unknown) => Response;

function mockCluster(data: ClusterRead, answers: Record<string, Answer> = {}) {
  const calls: { key: string; body: unknown }[] = [];
  const record = (key: string, answer: Answer) => async (request: Request) => {
    const text = await request.text();
    const body = text ? JSON.parse(text) : undefined;
    calls.push({ key, body });
    return answer(body);
  };
  mockApi({
    [`GET ${PATH}`]: () => jsonResponse(200, data),
    'GET /api/auth/v1/units': () => jsonResponse(200, unitPage()),
    'GET /api/feedback/v1/clusters': () => jsonResponse(200, { items: [clusterItem(), clusterItem({ code: 'LA-2026-0007', title: '投标保证金退还慢' })], total: 2, page: 1, page_size: 100 }),
    ...Object.fromEntries(Object.entries(answers).map(([key, answer]) => [key, record(key, answer)])),
  });
  return calls;
}

function renderCluster(user: Me) {
  return renderApp(
    <Routes>
      <Route path="/feedback/clusters/:code" element={<ClusterDetailPage me={user} />} />
    </Routes>,
    { route: `/feedback/clusters/${CODE}` },
  );
}

const lastOk = () => screen.getAllByRole('button', { name: OK }).at(-1)!;

describe('ClusterDetailPage', { timeout: 40_000 }, () => {
  it('shows the office the cases, spread and trend; confirms the suggestion and removes a near miss', async () => {
    const calls = mockCluster(clusterRead(), {
      [`POST ${PATH}/confirm`]: () => jsonResponse(200, confirmedCluster({ title: '投标保证金不退还' })),
      [`DELETE ${PATH}/cases/FK20261105-000072`]: () => jsonResponse(200, confirmedCluster({ cases: clusterRead().cases.slice(0, 2), case_count: 2 })),
    });
    renderCluster(office());

    expect(await screen.findByRole('heading', { name: '投标保证金项目结束后迟迟不退还' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'FK20261012-000070' })).toHaveAttribute('href', '/feedback/cases/FK20261012-000070');
    expect(document.querySelector('.fb2-spread [data-key="330106"]')).toHaveTextContent('西湖区2');
    expect(document.querySelector('.fb2-spread [data-key="2026-10"]')).toHaveTextContent('2026-102');
    expect(screen.getByText('类案内平均 0.41（阈值 0.20）')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'FK20261118-000080' })).toBeInTheDocument();
    // A suggestion cannot become a task before it is confirmed.
    expect(screen.queryByRole('button', { name: /转为改革任务/ })).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: /确认类案/ }));
    const dialog = await screen.findByRole('dialog');
    const title = within(dialog).getByLabelText('类案标题');
    expect(title).toHaveValue('投标保证金项目结束后迟迟不退还');
    await userEvent.clear(title);
    await userEvent.type(title, '投标保证金不退还');
    await userEvent.click(within(dialog).getAllByRole('button', { name: /确认类案/ }).at(-1)!);
    await waitFor(() => expect(calls.map((c) => c.key)).toContain(`POST ${PATH}/confirm`));
    expect(calls[0].body).toEqual({ title: '投标保证金不退还', note: null });
    expect(await screen.findByRole('button', { name: /转为改革任务/ })).toBeInTheDocument();

    // The 履约保证金 case is another matter: removed after a confirmation.
    const row = screen.getByRole('link', { name: 'FK20261105-000072' }).closest('tr')!;
    await userEvent.click(within(row).getByRole('button', { name: /移\s*出/ }));
    expect(await screen.findByText('把 FK20261105-000072 移出本类案？')).toBeInTheDocument();
    await userEvent.click(lastOk());
    await waitFor(() => expect(calls.map((c) => c.key)).toContain(`DELETE ${PATH}/cases/FK20261105-000072`));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'FK20261105-000072' })).toBeNull());
    // Two cases left: removing another would break the minimum.
    expect(screen.getAllByRole('button', { name: /移\s*出/ }).every((b) => (b as HTMLButtonElement).disabled)).toBe(true);
  });

  it('splits the picked cases off into a new cluster after asking', async () => {
    const four = clusterRead({
      case_count: 4,
      cases: [...clusterRead().cases, clusterCase('FK20261110-000075', { title: '履约保证金退还慢' })],
    });
    const calls = mockCluster(four, {
      [`POST ${PATH}/split`]: () => jsonResponse(201, clusterRead({ code: 'LA-2026-0010', case_count: 2, origin: 'staff' })),
    });
    renderCluster(office());
    await screen.findByRole('heading', { name: '投标保证金项目结束后迟迟不退还' });
    const split = screen.getByRole('button', { name: /拆分选中的 0 件/ });
    expect(split).toBeDisabled();
    for (const no of ['FK20261105-000072', 'FK20261110-000075']) {
      const row = screen.getByRole('link', { name: no }).closest('tr')!;
      await userEvent.click(within(row).getByRole('checkbox'));
    }
    await userEvent.click(screen.getByRole('button', { name: /拆分选中的 2 件/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('移到新类案的诉求：FK20261105-000072、FK20261110-000075')).toBeInTheDocument();
    await userEvent.type(within(dialog).getByLabelText('新类案标题'), '履约保证金退还');
    await userEvent.click(within(dialog).getAllByRole('button', { name: /拆分类案/ }).at(-1)!);
    expect(await screen.findByText('把选中的 2 件诉求从 LA-2026-0004 拆分为新类案？')).toBeInTheDocument();
    await userEvent.click(lastOk());
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0].body).toEqual({ case_nos: ['FK20261105-000072', 'FK20261110-000075'], title: '履约保证金退还' });
    expect(await screen.findByRole('link', { name: 'LA-2026-0010' })).toHaveAttribute('href', '/feedback/clusters/LA-2026-0010');
  });

  it('validates the task form, creates the task in the ledger and then shows its live status', async () => {
    const calls = mockCluster(confirmedCluster(), {
      [`POST ${PATH}/task`]: () => jsonResponse(201, clusterWithTask()),
    });
    renderCluster(office());
    await userEvent.click(await screen.findByRole('button', { name: /转为改革任务/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText('任务名称')).toHaveValue('举一反三：投标保证金项目结束后迟迟不退还');
    expect(within(dialog).getByText('不选则默认为类案诉求的承办单位：市市场监管局')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: /创建任务/ }));
    expect(await within(dialog).findByText('请选择所属环境')).toBeInTheDocument();
    expect(within(dialog).getByText('请选择牵头单位')).toBeInTheDocument();
    expect(within(dialog).getByText('请选择完成时限')).toBeInTheDocument();
    expect(calls).toHaveLength(0);

    await choose(within(dialog).getByRole('combobox', { name: '所属环境' }), '市场环境');
    await choose(within(dialog).getByRole('combobox', { name: '牵头单位' }), FGW.short_name);
    const deadline = within(dialog).getByLabelText('完成时限');
    await userEvent.type(deadline, '2027-03-31{enter}');
    await userEvent.type(within(dialog).getByLabelText('工作目标'), '保证金 5 个工作日内退还');
    await userEvent.click(within(dialog).getByRole('button', { name: /创建任务/ }));
    expect(await screen.findByText('将在 2027 年度任务台账创建改革任务，创建后类案不能再驳回。继续？')).toBeInTheDocument();
    await userEvent.click(lastOk());
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0].body).toEqual({
      title: '举一反三：投标保证金项目结束后迟迟不退还',
      environment: 'market',
      category: 'weakness',
      lead_unit_id: FGW.id,
      responsible_unit_ids: null,
      deadline: '2027-03-31',
      year: null,
      goal: '保证金 5 个工作日内退还',
      measures: null,
    });

    const task = await screen.findByRole('link', { name: 'RW-2026-0101' });
    expect(task).toHaveAttribute('href', '/tasks/RW-2026-0101');
    const panel = document.querySelector('[data-task-state="available"]') as HTMLElement;
    expect(within(panel).getByText('推进中')).toBeInTheDocument();
    expect(within(panel).getByText('黄牌')).toBeInTheDocument();
    expect(within(panel).getByText('30%')).toBeInTheDocument();
    expect(within(panel).getByText('2027-03-31')).toBeInTheDocument();
    // Linked: it can no longer be dismissed or turned into a second task.
    expect(screen.queryByRole('button', { name: /转为改革任务/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /驳\s*回/ })).toBeNull();
  });

  it('keeps the form open with the reason when tasks-api cannot be reached', async () => {
    mockCluster(confirmedCluster(), {
      [`POST ${PATH}/task`]: () =>
        jsonResponse(503, { status: 503, code: 'clusters.tasks_unavailable', title: '任务台账暂不可用', detail: '任务台账暂时无法访问，未创建任务，请稍后重试。' }),
    });
    renderCluster(office());
    await userEvent.click(await screen.findByRole('button', { name: /转为改革任务/ }));
    const dialog = await screen.findByRole('dialog');
    await choose(within(dialog).getByRole('combobox', { name: '所属环境' }), '政务环境');
    await choose(within(dialog).getByRole('combobox', { name: '牵头单位' }), FGW.short_name);
    await userEvent.type(within(dialog).getByLabelText('完成时限'), '2027-06-30{enter}');
    await userEvent.click(within(dialog).getByRole('button', { name: /创建任务/ }));
    await userEvent.click(await waitFor(lastOk));
    expect(await within(dialog).findByText('任务台账暂时无法访问，未创建任务，请稍后重试。')).toBeInTheDocument();
    expect(dialog).toBeInTheDocument();
  });

  it('dismisses only with a reason and a second confirmation', async () => {
    const calls = mockCluster(clusterRead(), {
      [`POST ${PATH}/dismiss`]: () =>
        jsonResponse(200, clusterRead({ status: 'dismissed', status_label: '已驳回', dismissed_by: 'office', dismissed_at: '2026-11-22T10:00:00+08:00', dismiss_reason: '不是同一事项', allowed_actions: [] })),
    });
    renderCluster(office());
    await userEvent.click(await screen.findByRole('button', { name: /驳\s*回/ }));
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(within(dialog).getAllByRole('button', { name: /驳\s*回/ }).at(-1)!);
    expect(await within(dialog).findByText('请填写驳回理由（2～2000 字）')).toBeInTheDocument();
    await userEvent.type(within(dialog).getByLabelText('驳回理由'), '不是同一事项');
    await userEvent.click(within(dialog).getAllByRole('button', { name: /驳\s*回/ }).at(-1)!);
    expect(await screen.findByText('驳回类案 LA-2026-0004？驳回后不能恢复。')).toBeInTheDocument();
    await userEvent.click(lastOk());
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0].body).toEqual({ reason: '不是同一事项' });
    expect(await screen.findByText(/已由 office 于 2026-11-22 \d\d:00 驳回/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /确认类案/ })).toBeNull();
  });

  it('shows a leader the task link without status when tasks-api is down, and no actions', async () => {
    mockCluster(clusterWithTask({ task: { ...clusterWithTask().task!, available: false, error: 'task_status_unavailable', status: null, progress: null, warning: null, title: null } }));
    renderCluster(leader());
    expect(await screen.findByText('任务台账暂时无法读取，实时状态稍后再看')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'RW-2026-0101' })).toHaveAttribute('href', '/tasks/RW-2026-0101');
    for (const name of [/确认类案/, /修改标题/, /合并类案/, /驳\s*回/, /拆分选中/, /移\s*出/, /加入选中/]) {
      expect(screen.queryByRole('button', { name })).toBeNull();
    }
    expect(screen.queryByRole('checkbox')).toBeNull();
  });

  it('shows a not-found page for a cluster the API does not know', async () => {
    mockApi({ [`GET ${PATH}`]: () => jsonResponse(404, { status: 404, code: 'not_found', title: '未找到', detail: '类案不存在。' }) });
    renderCluster(office());
    expect(await screen.findByText('类案不存在，或您无权查看')).toBeInTheDocument();
  });
});
