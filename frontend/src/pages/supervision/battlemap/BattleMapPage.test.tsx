import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { BattleMapPage, defaultMonth, parseBattleMapQuery } from './BattleMapPage';
import { jsonResponse, mockApi, renderApp } from '../../../test/render';
import { FGW, SCJG, fgwUser, office, plan } from '../../../test/fixtures';
import type { Me } from '../../../api/types';
import { leader, setWidth, summary } from '../actions/testing';
import type { Baseline, Comparison, Dispatch, MapItem, StepState, Timeline } from './types';

const DESKTOP_WIDTH = window.innerWidth;
afterEach(() => setWidth(DESKTOP_WIDTH));

type Handler = (request: Request) => Response | Promise<Response>;

function step(id: string, state: StepState, due: string, overrides: Partial<MapItem> = {}): MapItem {
  return {
    kind: 'milestone',
    id: `00000000-0000-4000-8000-${id.padStart(12, '0')}`,
    title: `节点 ${id}`,
    task_code: '2026-SC-051',
    task_title: '推进市场准入负面清单区县试点扩面',
    action_code: null,
    action_name: null,
    environment: 'market',
    lead_unit_id: FGW.id,
    lead_unit: FGW,
    due_date: due,
    done_date: state === 'done' ? due : state === 'done_late' ? '2026-07-15' : null,
    state,
    ...overrides,
  };
}

const counts = (items: MapItem[]) => ({
  total: items.length,
  done: items.filter((i) => i.state === 'done').length,
  done_late: items.filter((i) => i.state === 'done_late').length,
  overdue: items.filter((i) => i.state === 'overdue').length,
  open: items.filter((i) => i.state === 'open').length,
});

const STEPS = [
  step('1', 'done', '2026-03-31', { title: '制定工作方案' }),
  step('2', 'overdue', '2026-06-30', { title: '完成系统开发' }),
  step('3', 'done_late', '2026-06-15', { title: '完成试点评估', lead_unit_id: SCJG.id, lead_unit: SCJG }),
  step('4', 'open', '2026-12-20', {
    kind: 'action_node',
    title: '总结评估',
    task_code: null,
    task_title: null,
    action_code: 'ZX-2026-01',
    action_name: '市场准入壁垒清理专项行动',
  }),
];

function timeline(): Timeline {
  return {
    year: 2026,
    as_of: '2026-11-22',
    environment: null,
    special_action: null,
    months: Array.from({ length: 12 }, (_, i) => {
      const items = STEPS.filter((s) => Number(s.due_date.slice(5, 7)) === i + 1);
      return { month: i + 1, items, counts: counts(items) };
    }),
    outside_year: [],
    counts: counts(STEPS),
    calendar_notices: [],
  };
}

function dispatch(): Dispatch {
  const june = STEPS.filter((s) => s.due_date.startsWith('2026-06'));
  return {
    month: '2026-06',
    as_of: '2026-11-22',
    environment: null,
    special_action: null,
    items: june,
    carried_over: [step('5', 'overdue', '2026-05-20', { title: '上线试运行' })],
    counts: { due: 2, done: 1, done_on_time: 0, done_late: 1, overdue: 1, open: 0, slipped: 2, carried_over: 1 },
    by_unit: [
      { unit_id: FGW.id, unit: FGW, due: 1, done: 0, done_late: 0, overdue: 1, open: 0, slipped: 1, carried_over: 1 },
      { unit_id: SCJG.id, unit: SCJG, due: 1, done: 1, done_late: 1, overdue: 0, open: 0, slipped: 1, carried_over: 0 },
    ],
    calendar_notices: [],
  };
}

const BASELINE: Baseline = {
  id: '5f0c8a52-7a3f-4b0e-9c1d-000000000002',
  year: 2026,
  quarter: 2,
  taken_at: '2026-04-01T01:00:00Z',
  taken_by: 'office',
  item_count: 4,
};

function comparison(): Comparison {
  const item = (s: MapItem, extra: Partial<Comparison['items'][number]>) => ({
    kind: s.kind,
    item_id: s.id,
    title: s.title,
    task_code: s.task_code,
    task_title: s.task_title,
    action_code: s.action_code,
    action_name: s.action_name,
    environment: s.environment,
    lead_unit_id: s.lead_unit_id,
    lead_unit: s.lead_unit,
    planned_due: s.due_date,
    current_due: s.due_date,
    done_date: s.done_date,
    state: s.state,
    moved_days: 0,
    slip_reasons: [],
    slipped: false,
    removed: false,
    note: '',
    ...extra,
  });
  return {
    baseline: BASELINE,
    as_of: '2026-11-22',
    environment: null,
    counts: { planned: 3, on_plan: 1, slipped: 1, moved: 1, done_late: 0, open_past_plan: 1, removed: 1, added: 1 },
    items: [
      item(STEPS[1], {
        planned_due: '2026-05-20',
        moved_days: 41,
        slip_reasons: ['moved', 'open_past_plan'],
        slipped: true,
        note: '计划日期由 2026-05-20 调整为 2026-06-30',
      }),
      item(STEPS[0], {}),
      item(step('9', 'open', '2026-06-01', { title: '已撤销的节点' }), { current_due: null, state: 'removed', removed: true, moved_days: null }),
    ],
    by_unit: [{ unit_id: FGW.id, unit: FGW, planned: 3, slipped: 1, moved: 1, done_late: 0, open_past_plan: 1, removed: 1 }],
    added: [STEPS[3]],
    calendar_notices: [],
  };
}

function mockMap(extra: Record<string, Handler> = {}) {
  const queries: Record<string, Record<string, string>[]> = {};
  const log = (name: string, request: Request) => (queries[name] ??= []).push(Object.fromEntries(new URL(request.url).searchParams));
  mockApi({
    'GET /api/tasks/v1/plans': () => jsonResponse(200, [plan()]),
    'GET /api/tasks/v1/special-actions': () =>
      jsonResponse(200, { items: [summary()], total: 1, page: 1, page_size: 200, as_of: '2026-11-22', counts: {} }),
    'GET /api/tasks/v1/battle-map/timeline': (request) => {
      log('timeline', request);
      return jsonResponse(200, timeline());
    },
    'GET /api/tasks/v1/battle-map/dispatch': (request) => {
      log('dispatch', request);
      return jsonResponse(200, dispatch());
    },
    'GET /api/tasks/v1/battle-map/baselines': (request) => {
      log('baselines', request);
      return jsonResponse(200, { items: [BASELINE], total: 1, page: 1, page_size: 50 });
    },
    [`GET /api/tasks/v1/battle-map/baselines/${BASELINE.id}/comparison`]: (request) => {
      log('comparison', request);
      return jsonResponse(200, comparison());
    },
    ...extra,
  });
  return queries;
}

function renderMap(me: Me, query = '?year=2026') {
  return renderApp(
    <Routes>
      <Route path="/supervision/battle-map" element={<BattleMapPage me={me} />} />
    </Routes>,
    { route: `/supervision/battle-map${query}` },
  );
}

const month = (n: number) => document.querySelector<HTMLElement>(`[data-month="${n}"]`)!;

describe('battle map URL state', () => {
  it('keeps valid values and drops the rest', () => {
    expect(parseBattleMapQuery(new URLSearchParams('tab=dispatch&year=2025&environment=market&action=ZX-2025-03&month=2025-06'), 2026)).toEqual({
      tab: 'dispatch',
      year: 2025,
      environment: 'market',
      action: 'ZX-2025-03',
      month: '2025-06',
      baseline: undefined,
    });
    expect(parseBattleMapQuery(new URLSearchParams('tab=x&year=1&environment=moon&action=ZX&month=2026-13&baseline=x'), 2026)).toEqual({
      tab: 'timeline',
      year: 2026,
      environment: undefined,
      action: undefined,
      month: undefined,
      baseline: undefined,
    });
    expect(defaultMonth(2026, '2026-11-22')).toBe('2026-11');
    expect(defaultMonth(2025, '2026-11-22')).toBe('2025-01');
  });
});

// Rendering antd tables and dropdowns in jsdom is slow on a shared machine.
describe('BattleMapPage', { timeout: 20_000 }, () => {
  it('lays the year out in 12 month columns, each step coloured by state, with counts per month', async () => {
    const queries = mockMap();
    renderMap(leader(), '?year=2026&environment=market&as_of=2026-11-22');

    expect(await screen.findByText('完成系统开发')).toBeInTheDocument();
    expect(queries.timeline.at(-1)).toEqual({ year: '2026', environment: 'market', as_of: '2026-11-22' });
    expect(document.querySelectorAll('.bm-grid > .bm-month')).toHaveLength(12);
    expect(month(6).querySelectorAll('.bm-item')).toHaveLength(2);
    expect(within(month(6)).getByText('逾期 1')).toBeInTheDocument();
    expect(within(month(6)).getByText('迟 1')).toBeInTheDocument();
    expect(month(6).querySelector('.bm-item-overdue')).toHaveTextContent('完成系统开发');
    expect(month(3).querySelector('.bm-item-done')).toHaveTextContent('制定工作方案');
    expect(month(11)).toHaveClass('bm-month-current');
    // Owners link to the task or to the special action.
    expect(within(month(12)).getByRole('link', { name: 'ZX-2026-01' })).toHaveAttribute('href', '/supervision/actions/ZX-2026-01?as_of=2026-11-22');
    expect(within(month(6)).getAllByRole('link', { name: '2026-SC-051' })[0]).toHaveAttribute('href', '/tasks/2026-SC-051?as_of=2026-11-22');
    expect(screen.getByText('全年共 4 个节点：')).toBeInTheDocument();

    // Only the overdue ones.
    await userEvent.click(screen.getByText('逾期未完成', { selector: '.ant-segmented-item-label' }));
    expect(month(6).querySelectorAll('.bm-item')).toHaveLength(1);
    expect(month(3).querySelectorAll('.bm-item')).toHaveLength(0);

    // A month's header opens its dispatch view.
    await userEvent.click(within(month(6)).getByRole('button', { name: '6 月' }));
    await waitFor(() => expect(queries.dispatch?.at(-1)).toEqual({ month: '2026-06', environment: 'market', as_of: '2026-11-22' }));
  });

  it('shows one month under another on a phone', async () => {
    setWidth(390);
    mockMap();
    renderMap(fgwUser());
    expect(await screen.findByText('完成系统开发')).toBeInTheDocument();
    expect(document.querySelector('.bm-grid')).toBeNull();
    expect(document.querySelectorAll('.bm-months-vertical > .bm-month-row')).toHaveLength(12);
    expect(within(month(1)).getByText('无节点')).toBeInTheDocument();
  });

  it('dispatches a month: counts, due / done / slipped / carried-over lists and the per-unit table', async () => {
    const queries = mockMap();
    renderMap(office(), '?year=2026&tab=dispatch&month=2026-06&action=ZX-2026-01');

    expect(await screen.findByText('完成系统开发')).toBeInTheDocument();
    expect(queries.dispatch.at(-1)).toEqual({ month: '2026-06', special_action: 'ZX-2026-01' });
    const stat = (key: string) => document.querySelector<HTMLElement>(`.bm-stat-${key} .ant-statistic-content-value`)!.textContent;
    expect([stat('due'), stat('done'), stat('overdue'), stat('slipped'), stat('carried_over')]).toEqual(['2', '1', '1', '2', '1']);

    await userEvent.click(screen.getByText('结转 1'));
    expect(await screen.findByText('上线试运行')).toBeInTheDocument();
    expect(screen.queryByText('完成系统开发')).not.toBeInTheDocument();
    await userEvent.click(screen.getByText('已完成 1'));
    expect(await screen.findByText('完成试点评估')).toBeInTheDocument();
    expect(screen.queryByText('完成系统开发')).not.toBeInTheDocument();

    const rows = [...document.querySelectorAll<HTMLElement>('.bm-unit-table tbody tr.ant-table-row')];
    expect(rows.map((row) => row.querySelector('td')!.textContent)).toEqual([FGW.short_name, SCJG.short_name]);
    expect(rows[0]).toHaveTextContent('1');
  });

  it('lists the baselines and compares plan with actual; only the office may freeze', async () => {
    const queries = mockMap();
    const { unmount } = renderMap(leader(), '?year=2026&tab=baselines&environment=market');

    expect(await screen.findByText('2026 年第 2 季度')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /冻结本季度计划/ })).not.toBeInTheDocument();
    const slipped = (await screen.findByText('完成系统开发')).closest('tr')!;
    expect(queries.comparison.at(-1)).toEqual({ environment: 'market' });
    expect(within(slipped).getByText('推迟 41 天')).toBeInTheDocument();
    expect(within(slipped).getByText('过基线日期未完成')).toBeInTheDocument();
    expect(within(slipped).getByText('2026-05-20')).toBeInTheDocument();
    expect(slipped).toHaveClass('bm-row-slipped');
    expect(within(screen.getByText('制定工作方案').closest('tr')!).getByText('按计划')).toBeInTheDocument();
    expect(within(screen.getByText('已撤销的节点').closest('tr')!).getByText('已删除')).toBeInTheDocument();
    expect(screen.getByText('偏差 1', { selector: '[data-count=slipped]' })).toBeInTheDocument();
    expect(screen.getByText('基线后新增节点（1）')).toBeInTheDocument();
    expect(document.querySelector('.bm-slip-units tbody tr.ant-table-row')).toHaveTextContent(FGW.short_name);

    // Only the slipped and removed ones.
    await userEvent.click(screen.getByRole('switch', { name: '只看偏差和已删除' }));
    expect(screen.queryByText('制定工作方案')).not.toBeInTheDocument();
    expect(screen.getByText('完成系统开发')).toBeInTheDocument();
    unmount();
  });

  it('freezes the quarter after confirming and shows a 409 when it is already frozen', async () => {
    const bodies: unknown[] = [];
    mockMap({
      'POST /api/tasks/v1/battle-map/baselines': async (request) => {
        bodies.push(await request.json());
        return jsonResponse(409, {
          status: 409,
          code: 'battle_map.baseline_exists',
          title: '冲突',
          detail: '2026 年第 4 季度的基线已经生成，不能重复生成。',
        });
      },
    });
    renderMap(office(), '?year=2026&tab=baselines&as_of=2026-11-22');
    await userEvent.click(await screen.findByRole('button', { name: /冻结本季度计划/ }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/每个季度只能冻结一次/)).toBeInTheDocument();
    expect(bodies).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole('button', { name: /确认冻结/ }));
    expect(await within(dialog).findByText('2026 年第 4 季度的基线已经生成，不能重复生成。')).toBeInTheDocument();
    expect(bodies).toEqual([{ year: 2026, quarter: 4 }]);
  });

  it('shows the problem when the timeline cannot be loaded', async () => {
    mockMap({
      'GET /api/tasks/v1/battle-map/timeline': () => jsonResponse(503, { status: 503, title: '服务暂不可用', detail: '任务服务暂时无法访问，请稍后重试。' }),
    });
    renderMap(office());
    expect(await screen.findByText('任务服务暂时无法访问，请稍后重试。')).toBeInTheDocument();
  });
});
