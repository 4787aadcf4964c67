import type {
  FrameworkOverview,
  FrameworkRead,
  IndicatorRead,
  Leaderboard,
  LeaderboardItem,
  ObservationRead,
  OverviewRow,
  ServedStatus,
  Tier,
} from '../api/types';

export const NATIONAL: FrameworkRead = {
  code: 'national',
  name: '中国营商环境评价（国评）',
  description: '18个一级指标，0–100分。',
  kind: 'national',
  region_set: 'national',
  benchmark_region: '310000',
  rank_floor: 5,
  rank_target: 4,
  rank_stretch: 3,
  strength_rank_at_most: 3,
  weakness_rank_above: 10,
  indicator_count: 19,
};

export const PROVINCIAL: FrameworkRead = {
  code: 'provincial',
  name: '浙江省营商环境晾晒',
  description: '全省11个设区市按季度晾晒。',
  kind: 'provincial',
  region_set: 'zhejiang',
  benchmark_region: null,
  rank_floor: 3,
  rank_target: 2,
  rank_stretch: 1,
  strength_rank_at_most: 1,
  weakness_rank_above: 5,
  indicator_count: 5,
};

export function indicator(overrides: Partial<IndicatorRead> = {}): IndicatorRead {
  return {
    code: 'GP-07',
    framework_code: 'national',
    parent_code: 'GP-00',
    name: '获得用水用气',
    kind: 'leaf',
    higher_is_better: true,
    unit: '分',
    decimals: 2,
    lead_unit_code: 'cgj',
    environment: 'gov_service',
    weight: 1,
    target: null,
    advantage: true,
    links: ['BR-03', 'CS-ZW-05'],
    description: '国评一级指标，0–100分。',
    ...overrides,
  };
}

export const GP00 = indicator({ code: 'GP-00', parent_code: null, name: '总体得分', kind: 'composite', advantage: false, links: [], lead_unit_code: 'fgw' });
export const GP05 = indicator({ code: 'GP-05', name: '招标投标', advantage: false, links: [], lead_unit_code: 'fgw', environment: 'market' });
export const GP07 = indicator();
export const SL01 = indicator({
  code: 'SL-01',
  framework_code: 'provincial',
  parent_code: null,
  name: '无感监测营商指数',
  advantage: false,
  links: [],
  lead_unit_code: 'fgw',
});

export function served(overrides: Partial<ServedStatus> = {}): ServedStatus {
  return {
    region: '330100',
    region_name: '杭州市',
    value: 68.21,
    rank: 5,
    of: 16,
    percentile: 73.33,
    score: 68.21,
    tier: 'floor_held',
    rank_targets: { floor: 5, target: 4, stretch: 3 },
    value_for_target_rank: 73.45,
    value_for_stretch_rank: 77.14,
    benchmark_region: '310000',
    benchmark_value: 82.57,
    gap_to_benchmark: 14.36,
    gap_ratio_to_benchmark: 17.39,
    target_value: null,
    gap_to_target: null,
    attainment: null,
    classification: 'neutral',
    previous_period: '2024',
    previous_value: 66,
    previous_rank: 5,
    rank_change: 0,
    trend: 'flat',
    official_rank: null,
    ...overrides,
  };
}

/** The served status for a rank with its national tier (3 冲三, 4 争四, 5 保五, 6 未保五). */
export function servedAtRank(rank: number): ServedStatus {
  const tier: Tier = rank <= 3 ? 'stretch_met' : rank <= 4 ? 'target_met' : rank <= 5 ? 'floor_held' : 'below_floor';
  return served({ rank, tier });
}

export function row(overrides: Partial<OverviewRow> = {}): OverviewRow {
  return {
    code: 'GP-07',
    name: '获得用水用气',
    unit: '分',
    value: 90.05,
    rank: 1,
    of: 16,
    tier: 'stretch_met',
    gap_to_benchmark: -0.53,
    classification: 'strength',
    trend: 'up',
    advantage: true,
    ...overrides,
  };
}

export function overview(overrides: Partial<FrameworkOverview> = {}): FrameworkOverview {
  const rows = [
    row({ code: 'GP-02', name: '劳动力市场监管', value: 85.38 }),
    row({ code: 'GP-05', name: '招标投标', value: 83.23, rank: 5, tier: 'floor_held', gap_to_benchmark: 4.03, classification: 'neutral', advantage: false }),
    row(),
    row({ code: 'GP-09', name: '获得信贷', value: 81.32, rank: 12, tier: 'below_floor', gap_to_benchmark: 2.07, classification: 'weakness', trend: 'down', advantage: false }),
  ];
  return {
    framework: 'national',
    name: '中国营商环境评价（国评）',
    period: '2025',
    region_set: 'national',
    served_region: '330100',
    overall: served(),
    top10: 14,
    first_level: 18,
    advantage: rows.filter((r) => r.advantage),
    indicators: rows,
    synthetic: true,
    ...overrides,
  };
}

export function item(overrides: Partial<LeaderboardItem> = {}): LeaderboardItem {
  return { region: '330200', region_name: '宁波市', value: 87.32, rank: 2, percentile: 90, score: 90.65, served: false, benchmark: false, ...overrides };
}

/** 浙江 11 市 on SL-01, 杭州 first, 绍兴 and 湖州 tied for 3rd. */
export const ZHEJIANG_ITEMS: LeaderboardItem[] = [
  item({ region: '330100', region_name: '杭州市', value: 87.78, rank: 1, percentile: 100, score: 100, served: true }),
  item(),
  item({ region: '330600', region_name: '绍兴市', value: 87.13, rank: 3, percentile: 80, score: 86.79 }),
  item({ region: '330500', region_name: '湖州市', value: 87.13, rank: 3, percentile: 80, score: 86.79 }),
  item({ region: '330400', region_name: '嘉兴市', value: 85.91, rank: 5, percentile: 60, score: 61.99 }),
  item({ region: '331100', region_name: '丽水市', value: 85.12, rank: 6, percentile: 50, score: 45.93 }),
  item({ region: '330700', region_name: '金华市', value: 84.53, rank: 7, percentile: 40, score: 33.94 }),
  item({ region: '330300', region_name: '温州市', value: 84.35, rank: 8, percentile: 30, score: 30.28 }),
  item({ region: '331000', region_name: '台州市', value: 83.91, rank: 9, percentile: 20, score: 21.34 }),
  item({ region: '330800', region_name: '衢州市', value: 83.71, rank: 10, percentile: 10, score: 17.28 }),
  item({ region: '330900', region_name: '舟山市', value: 82.86, rank: 11, percentile: 0, score: 0 }),
];

export function leaderboard(overrides: Partial<Leaderboard> = {}): Leaderboard {
  return {
    indicator: 'SL-01',
    indicator_name: '无感监测营商指数',
    unit: '分',
    higher_is_better: true,
    period: '2026-Q3',
    region_set: 'zhejiang',
    run_id: 'run-1',
    run_created_at: '2026-11-22T08:00:00Z',
    bounds: { best: 87.78, worst: 82.86, source: 'observed' },
    items: ZHEJIANG_ITEMS,
    served: served({
      value: 87.78,
      rank: 1,
      of: 11,
      tier: 'stretch_met',
      rank_targets: { floor: 3, target: 2, stretch: 1 },
      value_for_target_rank: 87.13,
      value_for_stretch_rank: 87.32,
      benchmark_region: null,
      benchmark_value: null,
      gap_to_benchmark: null,
      previous_period: '2026-Q2',
      previous_value: 89.13,
      previous_rank: 1,
    }),
    synthetic: true,
    ...overrides,
  };
}

export function observation(overrides: Partial<ObservationRead> = {}): ObservationRead {
  return {
    id: '7d0c9c3e-0000-4000-8000-000000000001',
    indicator: 'GP-05',
    indicator_name: '招标投标',
    region: '330100',
    region_name: '杭州市',
    period: '2025',
    value: 83.5,
    source: '市发改委年报',
    method: 'reported',
    status: 'submitted',
    flags: [],
    submitted_by: 'fgw',
    submitted_at: '2026-11-20T02:00:00Z',
    reviewed_by: null,
    reviewed_at: null,
    review_comment: null,
    ...overrides,
  };
}

export const page = <T>(items: T[]) => ({ items, total: items.length, page: 1, page_size: 50 });
