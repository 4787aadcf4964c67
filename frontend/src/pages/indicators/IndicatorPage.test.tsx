import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import type { LeaderboardItem } from '../../api/types';
import { IndicatorPage } from './IndicatorPage';
import { jsonResponse, mockApi, renderApp } from '../../test/render';
import { units } from '../../test/fixtures';
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

function mockIndicator(tasks: () => Response) {
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
  });
  return boards;
}

function renderIndicator(query = '') {
  return renderApp(
    <Routes>
      <Route path="/indicators/:code" element={<IndicatorPage />} />
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
});
