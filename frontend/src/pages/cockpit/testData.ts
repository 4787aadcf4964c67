// Fixtures of the cockpit's tests, shaped like the three services' answers.
import type { FrameworkRead } from '../../api/types';
import { jsonResponse } from '../../test/render';
import { GP00, NATIONAL, PROVINCIAL, overview, row, served } from '../../test/indicatorFixtures';
import { FGW, SCJG, taskList } from '../../test/fixtures';
import { JCY, PUBLISHED_ID, XIHU, bulletinSummary, leagueRow, leagueTable, published } from '../bulletins/testData';
import type { ClusterListItem, MetricsSummary, MetricsTrend, MonthMetrics } from './hooks';

type Handler = (request: Request) => Response;

const rate = (numerator: number, denominator: number) => ({
  numerator,
  denominator,
  value: denominator ? Math.round((10000 * numerator) / denominator) / 100 : null,
});

/** Per status: how many tasks and how many of them are red / yellow. */
export const TASKS_BY_STATUS: Record<string, { total: number; red: number; yellow: number }> = {
  not_started: { total: 3, red: 0, yellow: 0 },
  in_progress: { total: 103, red: 21, yellow: 35 },
  completed: { total: 163, red: 0, yellow: 0 },
  ongoing: { total: 36, red: 1, yellow: 12 },
};

export const tasksHandler: Handler = (request) => {
  const status = new URL(request.url).searchParams.get('status') ?? '';
  const figures = TASKS_BY_STATUS[status];
  return jsonResponse(
    200,
    taskList([], {
      total: figures.total,
      page_size: 1,
      as_of: new URL(request.url).searchParams.get('as_of') ?? '2026-11-23',
      counts: { red: figures.red, yellow: figures.yellow, none: figures.total - figures.red - figures.yellow },
    }),
  );
};

/** 2026-Q4: 市发改委 best, 西湖区 and 市市场监管局 named 差生 (worst first). */
export const cockpitLeague = () =>
  leagueTable({
    period: '2026-Q4',
    period_kind: 'quarter',
    period_label: '2026年第四季度',
    period_start: '2026-10-01',
    period_end: '2026-12-31',
    as_of: '2026-11-23',
    rows: [
      leagueRow(FGW, { rank: 1, score: 96.67, honour: 'best' }),
      leagueRow(JCY, { rank: 2, score: 80 }),
      leagueRow(SCJG, { rank: 3, score: 61.9, honour: 'worst', red: 7, yellow: 16 }),
      leagueRow(XIHU, { rank: 4, score: 46.94, honour: 'worst', red: 2, yellow: 1 }),
    ],
    best: [FGW],
    worst: [XIHU, SCJG],
  });

export const PROVINCIAL_OVERVIEW = overview({
  framework: 'provincial',
  name: '浙江省营商环境晾晒',
  period: '2026-Q3',
  region_set: 'zhejiang',
  overall: null,
  top10: 4,
  first_level: 5,
  indicators: [
    row({ code: 'SL-01', name: '无感监测营商指数', rank: 1, of: 11, tier: 'stretch_met' }),
    row({ code: 'SL-04', name: '跨部门联合双随机监管率', unit: '%', rank: 2, of: 11, tier: 'target_met', classification: 'neutral' }),
    row({ code: 'SL-05', name: '营商环境事项一次性化解率', unit: '%', value: null, rank: null, of: 10, tier: null, classification: null, trend: null }),
  ],
});

export const NATIONAL_OVERVIEW = overview({
  overall: served({ rank: 5, of: 16, tier: 'floor_held' }),
  indicators: [
    row({ code: 'GP-02', name: '劳动力市场监管', rank: 1 }),
    row({ code: 'GP-13', name: '纳税', rank: 3 }),
    row({ code: 'GP-05', name: '招标投标', rank: 5, tier: 'floor_held', classification: 'neutral' }),
    row({ code: 'GP-09', name: '获得信贷', rank: 12, tier: 'below_floor', classification: 'weakness' }),
    row({ code: 'GP-15', name: '办理破产', rank: 11, tier: 'below_floor', classification: 'weakness' }),
  ],
});

export const FRAMEWORKS: FrameworkRead[] = [NATIONAL, PROVINCIAL];

export const feedbackRates = (): MetricsSummary => ({
  period: '2026-Q4',
  start: '2026-10-01T00:00:00+08:00',
  end: '2027-01-01T00:00:00+08:00',
  district: null,
  unit: null,
  one_time_resolution: rate(13, 14),
  satisfaction: rate(14, 16),
  on_time_closure: rate(0, 0),
  by_district: [],
  by_unit: [],
});

const month = (m: string, received: number, closed: number): MonthMetrics => ({
  month: m,
  received,
  closed,
  one_time_resolution: rate(closed, closed),
  satisfaction: rate(closed, closed),
  on_time_closure: rate(closed, closed),
});

export const feedbackTrend = (): MetricsTrend => ({
  year: 2026,
  received: 79,
  closed: 47,
  district: null,
  unit: null,
  one_time_resolution: rate(45, 47),
  satisfaction: rate(47, 49),
  on_time_closure: rate(47, 47),
  months: [month('2026-09', 11, 10), month('2026-10', 14, 11), month('2026-11', 28, 3)],
});

export function cluster(overrides: Partial<ClusterListItem> = {}): ClusterListItem {
  return {
    code: 'LA-2026-0001',
    status: 'suggested',
    status_label: '系统建议',
    origin: 'system',
    category: { code: 'fees.deposit', name: '保证金', path: '涉企收费 / 保证金' },
    period: { label: '2026-Q4', start: '2026-10-01', end: '2026-12-31' },
    title: '投标保证金退还超时',
    keywords: ['保证金'],
    case_count: 2,
    district_count: 1,
    unit_count: 1,
    cohesion: 0.4,
    task_code: null,
    trend: [{ month: '2026-11', count: 2 }],
    created_at: '2026-11-20T02:00:00Z',
    updated_at: '2026-11-20T02:00:00Z',
    ...overrides,
  };
}

export const SUGGESTED = [
  cluster({ code: 'LA-2026-0009', title: '临时用电转正式用电手续', case_count: 3, district_count: 2, unit_count: 2 }),
  cluster({ code: 'LA-2026-0005', title: '投标保证金退还超时', case_count: 5, district_count: 3, unit_count: 2 }),
  cluster({ code: 'LA-2026-0002', title: '银行开户仍要求提供纸质租赁合同', case_count: 2 }),
];
export const CONFIRMED = [
  cluster({ code: 'LA-2026-0004', status: 'confirmed', status_label: '已确认', title: '区和街道两级重复检查', case_count: 6, district_count: 4, unit_count: 3, task_code: '2026-ZW-031' }),
];

const page = <T,>(items: T[]) => ({ items, total: items.length, page: 1, page_size: 200 });

/** Every call of the cockpit, answered with the fixtures above; override a key to break one service. */
export function cockpitRoutes(): Record<string, Handler> {
  return {
    'GET /api/tasks/v1/tasks': tasksHandler,
    'GET /api/tasks/v1/league-table': () => jsonResponse(200, cockpitLeague()),
    'GET /api/tasks/v1/bulletins': () =>
      jsonResponse(200, { ...page([bulletinSummary({ id: PUBLISHED_ID, status: 'published', number: '杭营商改〔2026〕3号', issued_on: '2026-11-05' })]), page_size: 1 }),
    [`GET /api/tasks/v1/bulletins/${PUBLISHED_ID}`]: () => jsonResponse(200, published()),
    'GET /api/indicators/v1/frameworks': () => jsonResponse(200, FRAMEWORKS),
    'GET /api/indicators/v1/indicators': () => jsonResponse(200, [GP00]),
    'GET /api/indicators/v1/frameworks/national/overview': () => jsonResponse(200, NATIONAL_OVERVIEW),
    'GET /api/indicators/v1/frameworks/provincial/overview': () => jsonResponse(200, PROVINCIAL_OVERVIEW),
    'GET /api/feedback/v1/metrics/summary': () => jsonResponse(200, feedbackRates()),
    'GET /api/feedback/v1/metrics/trend': () => jsonResponse(200, feedbackTrend()),
    'GET /api/feedback/v1/clusters': (request) =>
      jsonResponse(200, page(new URL(request.url).searchParams.get('status') === 'confirmed' ? CONFIRMED : SUGGESTED)),
  };
}

/** The gateway's answer when a service does not answer. */
export const unavailable = (title: string, service: string) => () =>
  jsonResponse(502, {
    type: 'about:blank',
    title: `${title}暂不可用`,
    status: 502,
    code: 'gateway.upstream_unavailable',
    detail: `${title}（${service}）暂时无法访问，请稍后重试；如持续出现请联系运维。`,
  });
