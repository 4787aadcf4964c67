import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import type { LeaderboardItem } from '../../api/types';
import { IndicatorPage } from './IndicatorPage';
import { jsonResponse, mockApi, renderApp } from '../../test/render';
import { me, office, units } from '../../test/fixtures';
import userEvent from '@testing-library/user-event';

const leader = () => me('leader', ['leader']);
import { GP07, NATIONAL, item, leaderboard, served } from '../../test/indicatorFixtures';

// ECharts needs a canvas, which jsdom lacks: the charts render their inputs as text instead.
vi.mock('../../indicators/charts', () => ({
  TrendChart: ({ points }: { points: { period: string; rank: number | null }[] }) => (
    <div data-testid="trend-chart">{points.map((p) => `${p.period}:${p.rank}`).join(',')}</div>
  ),
  PeerBarChart: ({ items }: { items: LeaderboardItem[] }) => (
    <div data-testid="peer-chart">{items.map((i) => `${i.region_name}${i.served ? '*' : ''}`).join(',')}</div>
  ),
}));

const BOARD = leaderboard({
  indicator: 'GP-07',
  indicator_name: '获得用水用气',
  period: '2025',
  region_set: 'national',
  items: [
    item({ region: '330100', region_name: '杭州市', value: 90.05, rank: 1, percentile: 100, score: 100, served: true }),
    item({ region: '310000', region_name: '上海市', value: 89.52, rank: 2, percentile: 93.33, score: 94.48, benchmark: true }),
    item({ region: '440100', region_name: '广州市', value: 88.55, rank: 3, percentile: 86.67, score: 84.39 }),
  ],
  served: served({
    value: 90.05,
    rank: 1,
    tier: 'stretch_met',
    value_for_target_rank: 87.35,
    value_for_stretch_rank: 88.55,
    benchmark_value: 89.52,
    gap_to_benchmark: -0.53,
    classification: 'strength',
    previous_value: 88.37,
    previous_rank: 2,
    rank_change: 1,
    trend: 'up',
    official_rank: 1,
  }),
});

function mockIndicator(tasks: () => Response, extra: Record<string, (request: Request) => Response | Promise<Response>> = {}) {
  const boards: string[] = [];
  mockApi({
    'GET /api/indicators/v1/indicators/GP-07': () => jsonResponse(200, GP07),
    'GET /api/indicators/v1/frameworks': () => jsonResponse(200, [NATIONAL]),
    'GET /api/indicators/v1/region-sets': () => jsonResponse(200, [{ code: 'national', regions: [] }]),
    'GET /api/auth/v1/units': () =>
      jsonResponse(200, { items: [...units, { ...units[1], id: 'u-cgj', code: 'cgj', name: '市城市管理局' }], total: 4, page: 1, page_size: 200 }),
    'GET /api/indicators/v1/indicators/GP-07/trend': () =>
      jsonResponse(200, [
        { period: '2023', value: 85.18, rank: 2, of: 16 },
        { period: '2024', value: 88.37, rank: 2, of: 16 },
        { period: '2025', value: 90.05, rank: 1, of: 16 },
      ]),
    'GET /api/indicators/v1/indicators/GP-07/leaderboard': (request) => {
      boards.push(new URL(request.url).searchParams.toString());
      return jsonResponse(200, BOARD);
    },
    'GET /api/indicators/v1/indicators/GP-07/tasks': tasks,
    'GET /api/indicators/v1/indicators/GP-07/class-suggestion': () =>
      jsonResponse(200, { indicator: 'GP-07', period: '2025', benchmark_region: '310000', gap_to_benchmark: -0.53, suggested: 'B', reason: '达到或优于对标城市，建议 B 类：放大优势。' }),
    ...extra,
  });
  return boards;
}

function renderIndicator(query = '', user = leader()) {
  return renderApp(
    <Routes>
      <Route path="/indicators/:code" element={<IndicatorPage me={user} />} />
    </Routes>,
    { route: `/indicators/GP-07${query}` },
  );
}

const TASKS = [
  { code: '2026-ZW-032', title: '开展“7×24小时”自助服务对标提升行动', status: 'in_progress', warning: 'none', progress: 75, benchmark_class: null, lead_unit: '市政务服务管理办公室' },
  { code: '2026-FZ-056', title: '推进知识产权快保护区县试点扩面', status: 'in_progress', warning: 'yellow', progress: 53, benchmark_class: 'A', lead_unit: '市市场监督管理局' },
];

describe('IndicatorPage', () => {
  it('shows the header, the served city status, the charts, the league table, linked tasks and the class suggestion', async () => {
    const boards = mockIndicator(() => jsonResponse(200, TASKS));
    renderIndicator();

    expect(await screen.findByRole('heading', { name: '获得用水用气' })).toBeInTheDocument();
    expect(screen.getAllByText('越大越好').length).toBeGreaterThan(0);
    expect(await screen.findByText('市城市管理局')).toBeInTheDocument();
    // Without a period in the URL the national default (2025) is used once the trend is known.
    await waitFor(() => expect(boards).toEqual(['period=2025']));
    expect(await screen.findByText('示例数据：以下为合成演示数据，并非官方公布结果')).toBeInTheDocument();

    const status = document.querySelector<HTMLElement>('.status-card')!;
    expect(within(status).getByText('冲三达成')).toBeInTheDocument();
    expect(status).toHaveTextContent('第 1 名 / 16');
    expect(status).toHaveTextContent('争四所需值87.35 分（已达到）');
    expect(status).toHaveTextContent('与对标城市上海市差距−0.53 分');
    expect(status).toHaveTextContent('上期（2024年）88.37 分 · 第 2 名');
    expect(status).toHaveTextContent('上升 1 位');
    expect(status).toHaveTextContent('官方公布名次第 1 名');

    expect(screen.getByTestId('trend-chart')).toHaveTextContent('2023:2,2024:2,2025:1');
    expect(screen.getByTestId('peer-chart')).toHaveTextContent('杭州市*,上海市,广州市');
    expect(document.querySelector('.lb-row-served')).toHaveTextContent('杭州市本市');

    const tasks = document.querySelector<HTMLElement>('.linked-tasks-card')!;
    expect(await within(tasks).findByRole('link', { name: '2026-ZW-032' })).toHaveAttribute('href', '/tasks/2026-ZW-032');
    expect(within(tasks).getByText('黄牌')).toBeInTheDocument();
    expect(within(tasks).getByText('关联改革任务（2）')).toBeInTheDocument();
    expect(await screen.findByText('达到或优于对标城市，建议 B 类：放大优势。')).toBeInTheDocument();
    expect(screen.getByText('B 类（达到或优于对标城市）')).toBeInTheDocument();
  });

  it('says the task ledger is unavailable in its own words when linked tasks answer 503', async () => {
    mockIndicator(() =>
      jsonResponse(503, { status: 503, code: 'tasks.unavailable', title: '任务台账暂不可用', detail: '暂时无法读取关联任务，请稍后重试。' }),
    );
    renderIndicator('?period=2025');

    const tasks = document.querySelector<HTMLElement>('.linked-tasks-card') ?? (await screen.findByText(/关联改革任务/)).closest('.ant-card')!;
    expect(await within(tasks as HTMLElement).findByText('暂时无法读取关联任务，请稍后重试。')).toBeInTheDocument();
    expect(within(tasks as HTMLElement).getByText('任务台账暂不可用')).toBeInTheDocument();
    // The rest of the page still works.
    expect(await screen.findByTestId('peer-chart')).toBeInTheDocument();
  });

  it('lets the office record an official result and shows the 409 detail when one exists', async () => {
    const bodies: unknown[] = [];
    mockIndicator(() => jsonResponse(200, TASKS), {
      'GET /api/indicators/v1/regions': () =>
        jsonResponse(200, [
          { code: '330100', name: '杭州市', province: '浙江省' },
          { code: '310000', name: '上海市', province: '上海市' },
        ]),
      'POST /api/indicators/v1/official-results': async (request) => {
        const body = await request.json();
        bodies.push(body);
        return bodies.length === 1
          ? jsonResponse(201, { status: 'recorded' })
          : jsonResponse(409, { status: 409, code: 'official.exists', title: '官方结果已录入', detail: '该指标该期的官方结果已录入，官方结果不被覆盖。' });
      },
    });
    renderIndicator('?period=2025', office());
    await screen.findByTestId('peer-chart');

    await userEvent.click(screen.getByRole('button', { name: /录入官方公布结果/ }));
    const dialog = await screen.findByRole('dialog');
    // The served city and the shown period are filled in; at least one of rank, group and score is needed.
    expect(within(dialog).getByLabelText('期间')).toHaveValue('2025');
    await userEvent.type(within(dialog).getByLabelText('来源'), ' 国家发展改革委 2025 年评价通报 ');
    await userEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    expect(await within(dialog).findByText('名次、分组、得分至少填写一项')).toBeInTheDocument();
    expect(bodies).toEqual([]);

    await userEvent.type(within(dialog).getByLabelText('官方名次'), '4');
    await userEvent.type(within(dialog).getByLabelText('分组/等次'), '标杆城市');
    await userEvent.click(within(dialog).getByRole('button', { name: /提\s*交/ }));
    await waitFor(() =>
      expect(bodies).toEqual([
        { indicator: 'GP-07', region: '330100', period: '2025', rank: 4, group_label: '标杆城市', score: null, source: '国家发展改革委 2025 年评价通报' },
      ]),
    );
    expect(await screen.findByText('官方结果已录入')).toBeInTheDocument();

    // A second entry for the same indicator, region and period is refused with the API's words.
    await userEvent.click(screen.getByRole('button', { name: /录入官方公布结果/ }));
    const again = await screen.findByRole('dialog');
    await userEvent.type(within(again).getByLabelText('官方名次'), '3');
    await userEvent.type(within(again).getByLabelText('来源'), '再次录入');
    await userEvent.click(within(again).getByRole('button', { name: /提\s*交/ }));
    expect(await within(again).findByText('该指标该期的官方结果已录入，官方结果不被覆盖。')).toBeInTheDocument();
    expect(bodies).toHaveLength(2);
  });

  it('offers the official result form to the office only', async () => {
    mockIndicator(() => jsonResponse(200, TASKS));
    renderIndicator('?period=2025');
    await screen.findByTestId('peer-chart');
    expect(screen.queryByRole('button', { name: /录入官方公布结果/ })).not.toBeInTheDocument();
  });
});
