import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes, useLocation } from 'react-router-dom';
import { ActionsPage, parseActionsQuery } from './ActionsPage';
import { jsonResponse, mockApi, renderApp } from '../../../test/render';
import { FGW, SCJG, fgwUser, office, plan, scjgUser, units } from '../../../test/fixtures';
import type { Me } from '../../../api/types';
import { actionPage, leader, marketGroup, pickOption, setWidth, summary } from './testing';

const DESKTOP_WIDTH = window.innerWidth;
afterEach(() => setWidth(DESKTOP_WIDTH));

const ITEMS = [
  summary(),
  summary({
    id: 'a2',
    code: 'ZX-2026-13',
    kind: 'extra',
    name: '企业开办“一件事”提速专项行动',
    leading_official: '李副市长',
    lead_unit: SCJG,
    environment: 'gov_service',
    progress: 100,
    task_progress: null,
    node_progress: 100,
    warning: 'none',
    warning_reasons: [],
  }),
];

function Where() {
  const location = useLocation();
  return <div data-testid="location">{location.pathname + location.search}</div>;
}

function mockActions(extra: Record<string, (request: Request) => Response | Promise<Response>> = {}) {
  const queries: Record<string, string>[] = [];
  const fetchMock = mockApi({
    'GET /api/tasks/v1/plans': () => jsonResponse(200, [plan()]),
    'GET /api/auth/v1/units': () => jsonResponse(200, { items: units, total: units.length, page: 1, page_size: 200 }),
    'GET /api/tasks/v1/special-actions': (request) => {
      queries.push(Object.fromEntries(new URL(request.url).searchParams));
      return jsonResponse(200, {
        items: ITEMS,
        total: 2,
        page: 1,
        page_size: 20,
        as_of: '2026-11-22',
        counts: { city: 1, extra: 1, red: 1, yellow: 0, none: 1 },
      });
    },
    'GET /api/tasks/v1/tasks': () => jsonResponse(200, { items: [], total: 0, page: 1, page_size: 30, as_of: '2026-11-22', counts: {}, calendar_notices: [] }),
    ...extra,
  });
  return { queries, fetchMock };
}

function renderList(me: Me, route = '/supervision/actions?year=2026') {
  return renderApp(
    <Routes>
      <Route path="/supervision/actions" element={<ActionsPage me={me} />} />
      <Route path="/supervision/actions/:code" element={<Where />} />
    </Routes>,
    { route },
  );
}

describe('parseActionsQuery', () => {
  it('keeps valid filters and falls back for the rest', () => {
    expect(parseActionsQuery(new URLSearchParams('year=2025&kind=extra&environment=market&warning=red&page=3'), 2026)).toEqual({
      year: 2025,
      kind: 'extra',
      environment: 'market',
      warning: 'red',
      page: 3,
    });
    expect(parseActionsQuery(new URLSearchParams('year=abc&kind=other&environment=moon&warning=blue&page=0'), 2026)).toEqual({
      year: 2026,
      kind: undefined,
      environment: undefined,
      warning: undefined,
      page: 1,
    });
  });
});

// Rendering antd forms and tables in jsdom is slow on a shared machine.
describe('ActionsPage', { timeout: 20_000 }, () => {
  it('lists the year\'s actions with leader, lead unit, progress, warning and counts; filters go to the API', async () => {
    const { queries } = mockActions();
    renderList(office(), '/supervision/actions?year=2026&as_of=2026-11-22');

    const row = (await screen.findByRole('link', { name: '市场准入壁垒清理专项行动' })).closest('tr')!;
    expect(queries.at(-1)).toEqual({ year: '2026', as_of: '2026-11-22', page: '1', page_size: '20' });
    expect(within(row).getByText('ZX-2026-01')).toBeInTheDocument();
    expect(within(row).getByText('12 项全市行动')).toBeInTheDocument();
    expect(within(row).getByText('王副市长')).toBeInTheDocument();
    expect(within(row).getByText(FGW.short_name)).toBeInTheDocument();
    expect(within(row).getByText('29%')).toBeInTheDocument();
    expect(within(row).getByText('红牌')).toBeInTheDocument();
    expect(within(row).getByText('节点 1/3')).toBeInTheDocument();
    expect(within(row).getByText('逾期 1')).toBeInTheDocument();
    expect(within(row).getByText('任务 0/2')).toBeInTheDocument();
    const second = screen.getByRole('link', { name: '企业开办“一件事”提速专项行动' }).closest('tr')!;
    expect(within(second).getByText('增列行动（N）')).toBeInTheDocument();
    expect(within(second).getByText('正常')).toBeInTheDocument();
    expect(screen.getByText('全市行动 1 项 · 增列行动 1 项')).toBeInTheDocument();
    // The link keeps the business date.
    expect(screen.getByRole('link', { name: '市场准入壁垒清理专项行动' })).toHaveAttribute(
      'href',
      '/supervision/actions/ZX-2026-01?as_of=2026-11-22',
    );

    // A warning count filters by it; the kind switch too.
    await userEvent.click(screen.getByRole('button', { name: '红牌 1' }));
    await waitFor(() => expect(queries.at(-1)?.warning).toBe('red'));
    await userEvent.click(screen.getByText('增列行动（N）', { selector: '.ant-segmented-item-label' }));
    await waitFor(() => expect(queries.at(-1)).toMatchObject({ kind: 'extra', warning: 'red' }));
    await userEvent.click(screen.getByRole('button', { name: '清空筛选' }));
    await waitFor(() => expect(queries.at(-1)).toEqual({ year: '2026', as_of: '2026-11-22', page: '1', page_size: '20' }));
  });

  it('offers 新建 to the office and special groups only', async () => {
    for (const [user, allowed] of [
      [office(), true],
      [marketGroup(), true],
      [leader(), false],
      [fgwUser(), false],
      [scjgUser(), false],
    ] as const) {
      mockActions();
      const { unmount } = renderList(user);
      await screen.findByRole('link', { name: '市场准入壁垒清理专项行动' });
      expect(!!screen.queryByRole('button', { name: /新建专项行动/ })).toBe(allowed);
      unmount();
    }
  });

  it('validates the create form, sends measures, nodes and task codes, then opens the new action', async () => {
    const posts: unknown[] = [];
    mockActions({
      'POST /api/tasks/v1/special-actions': async (request) => {
        posts.push(await request.json());
        return jsonResponse(201, actionPage({ code: 'ZX-2026-14' }));
      },
    });
    renderList(office());
    await screen.findByRole('link', { name: '市场准入壁垒清理专项行动' });
    await userEvent.click(screen.getAllByRole('button', { name: /新建专项行动/ })[0]);
    const drawer = await screen.findByRole('dialog');
    expect(within(drawer).getByText('新建 2026 年专项行动')).toBeInTheDocument();

    await userEvent.click(within(drawer).getByRole('button', { name: /创\s*建/ }));
    expect(await within(drawer).findByText('请填写行动名称')).toBeInTheDocument();
    expect(within(drawer).getByText('请填写领衔领导')).toBeInTheDocument();
    expect(within(drawer).getByText('请选择牵头单位')).toBeInTheDocument();
    expect(posts).toHaveLength(0);

    await userEvent.type(within(drawer).getByLabelText('行动名称'), '涉企收费治理专项行动');
    await userEvent.click(within(drawer).getByText('增列行动（N）'));
    await userEvent.type(within(drawer).getByLabelText('领衔领导'), '张副市长');
    await pickOption('牵头单位', FGW.short_name);
    await pickOption('团队成员单位', SCJG.short_name);
    await userEvent.type(within(drawer).getByLabelText('第 1 条举措'), '开展涉企收费专项检查');
    await userEvent.click(within(drawer).getByRole('button', { name: /增加一条举措/ }));
    await userEvent.type(within(drawer).getByLabelText('第 2 条举措'), '  ');
    await userEvent.click(within(drawer).getByRole('button', { name: /增加时间节点/ }));
    await userEvent.type(within(drawer).getByLabelText('第 1 个节点名称'), '完成自查自纠');
    const due = within(drawer).getByLabelText('第 1 个节点计划完成日期');
    await userEvent.clear(due);
    await userEvent.type(due, '2026-09-30{enter}');
    const codes = within(drawer).getByRole('combobox', { name: '关联任务' });
    await userEvent.type(codes, '2026-SC-051{enter}');

    await userEvent.click(within(drawer).getByRole('button', { name: /创\s*建/ }));
    await waitFor(() => expect(posts).toHaveLength(1));
    expect(posts[0]).toEqual({
      year: 2026,
      code: null,
      name: '涉企收费治理专项行动',
      kind: 'extra',
      goal: null,
      leading_official: '张副市长',
      lead_unit_id: FGW.id,
      team_unit_ids: [SCJG.id],
      environment: null,
      measures: ['开展涉企收费专项检查'],
      nodes: [{ title: '完成自查自纠', due_date: '2026-09-30' }],
      task_codes: ['2026-SC-051'],
    });
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/supervision/actions/ZX-2026-14'));
  }, 30_000);

  it('fixes a special group\'s environment to its own and shows the API\'s refusal in the form', async () => {
    const posts: Record<string, unknown>[] = [];
    mockActions({
      'POST /api/tasks/v1/special-actions': async (request) => {
        posts.push(await request.json());
        return jsonResponse(409, { status: 409, code: 'special_actions.code_taken', title: '冲突', detail: '专项行动编号 ZX-2026-01 已存在。' });
      },
    });
    renderList(marketGroup());
    await screen.findByRole('link', { name: '市场准入壁垒清理专项行动' });
    await userEvent.click(screen.getAllByRole('button', { name: /新建专项行动/ })[0]);
    const drawer = await screen.findByRole('dialog');
    expect(within(drawer).getByText('专项小组只能在本环境内新建和修改行动')).toBeInTheDocument();
    expect(within(drawer).getByRole('combobox', { name: '所属环境' })).toBeDisabled();

    await userEvent.type(within(drawer).getByLabelText('行动名称'), '信用修复专项行动');
    await userEvent.type(within(drawer).getByLabelText('行动编号'), 'ZX-2025-01');
    await userEvent.type(within(drawer).getByLabelText('领衔领导'), '张副市长');
    await pickOption('牵头单位', SCJG.short_name);
    await userEvent.click(within(drawer).getByRole('button', { name: /创\s*建/ }));
    expect(await within(drawer).findByText('编号中的年份应为 2026')).toBeInTheDocument();
    expect(posts).toHaveLength(0);

    await userEvent.clear(within(drawer).getByLabelText('行动编号'));
    await userEvent.type(within(drawer).getByLabelText('行动编号'), 'ZX-2026-01');
    await userEvent.click(within(drawer).getByRole('button', { name: /创\s*建/ }));
    expect((await within(drawer).findAllByText('专项行动编号 ZX-2026-01 已存在。')).length).toBeGreaterThan(0);
    expect(posts[0]).toMatchObject({ code: 'ZX-2026-01', environment: 'market', lead_unit_id: SCJG.id });
  }, 20_000);

  it('shows the problem when the list fails, and an empty state', async () => {
    mockApi({
      'GET /api/tasks/v1/plans': () => jsonResponse(200, [plan()]),
      'GET /api/tasks/v1/special-actions': () =>
        jsonResponse(503, { status: 503, title: '服务暂不可用', detail: '任务服务暂时无法访问，请稍后重试。' }),
    });
    const { unmount } = renderList(office());
    expect(await screen.findByText('任务服务暂时无法访问，请稍后重试。')).toBeInTheDocument();
    expect(screen.getByText('数据加载失败')).toBeInTheDocument();
    unmount();

    mockApi({
      'GET /api/tasks/v1/plans': () => jsonResponse(200, [plan()]),
      'GET /api/tasks/v1/special-actions': () =>
        jsonResponse(200, { items: [], total: 0, page: 1, page_size: 20, as_of: '2026-11-22', counts: { city: 0, extra: 0, red: 0, yellow: 0, none: 0 } }),
    });
    renderList(leader());
    expect(await screen.findByText('2026 年暂无专项行动')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /新建专项行动/ })).not.toBeInTheDocument();
  });

  it('shows cards on a phone', async () => {
    setWidth(390);
    mockActions();
    renderList(office());
    const card = (await screen.findByRole('link', { name: '市场准入壁垒清理专项行动' })).closest('.act-card')!;
    expect(document.querySelector('.act-table')).toBeNull();
    expect(within(card as HTMLElement).getByText(`领衔：王副市长 · 牵头：${FGW.short_name}`)).toBeInTheDocument();
    expect(within(card as HTMLElement).getByText(/节点“完成清理台账”已逾期/)).toBeInTheDocument();
    expect(within(card as HTMLElement).getByText('任务部分 25% · 节点部分 33%')).toBeInTheDocument();
  });
});
