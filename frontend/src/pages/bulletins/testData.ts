// Fixtures of the 通报 area's tests, shaped like the tasks API's answers.
import { FGW, GAIB, SCJG } from '../../test/fixtures';
import type { BulletinRead, BulletinSummary, InboxMessage, LeagueRow, LeagueSettingsRead, LeagueTable } from './types';

export const XIHU = { id: '0b6c3a52-7a3f-5b0e-9c1d-000000000004', name: '西湖区人民政府', short_name: '西湖区' };
export const JCY = { id: '0b6c3a52-7a3f-5b0e-9c1d-000000000005', name: '市人民检察院', short_name: '市检察院' };
export const BULLETIN_ID = '6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
export const PUBLISHED_ID = '7a2b3c4d-5e6f-4b7c-8d9e-0f1a2b3c4d5e';

export const SETTINGS = {
  on_time_weight: 40,
  report_weight: 20,
  evaluation_weight: 30,
  discipline_weight: 10,
  red_deduction: 2,
  yellow_deduction: 1,
  rectification_deduction: 2,
  min_items: 3,
  issuing_unit: null,
  number_format: '杭营商改〔{year}〕{n}号',
};

export function settingsRead(overrides: Partial<LeagueSettingsRead> = {}): LeagueSettingsRead {
  return { ...SETTINGS, year: 2026, customized: false, updated_by: null, updated_at: null, ...overrides };
}

export function leagueRow(unit: { id: string; name: string; short_name: string }, overrides: Partial<LeagueRow> = {}): LeagueRow {
  return {
    unit,
    tasks: 4,
    milestones_due: 2,
    milestones_on_time: 2,
    on_time_rate: 100,
    red: 0,
    yellow: 0,
    reports_expected: 4,
    reports_on_time: 4,
    report_rate: 100,
    evaluation_average: 90,
    evaluation_count: 1,
    open_rectifications: 0,
    items: 7,
    score: 96.67,
    ranked: true,
    rank: 1,
    honour: null,
    ...overrides,
  };
}

export function leagueTable(overrides: Partial<LeagueTable> = {}): LeagueTable {
  return {
    period: '2026-10',
    period_kind: 'month',
    period_label: '2026年10月',
    period_start: '2026-10-01',
    period_end: '2026-10-31',
    as_of: '2026-10-31',
    window_end: '2026-10-31',
    settings: SETTINGS,
    rows: [
      leagueRow(FGW, { rank: 1, score: 96.67, honour: 'best' }),
      leagueRow(SCJG, { rank: 2, score: 80, red: 1, on_time_rate: 50, milestones_on_time: 1 }),
      leagueRow(XIHU, { rank: 3, score: 61.9, honour: 'worst', red: 2, yellow: 1, open_rectifications: 1, evaluation_average: null, evaluation_count: 0 }),
      leagueRow(JCY, { ranked: false, rank: null, score: 100, items: 1, milestones_due: 1, milestones_on_time: 1, reports_expected: 0, reports_on_time: 0, report_rate: null, evaluation_average: null, evaluation_count: 0 }),
    ],
    best: [FGW],
    worst: [XIHU],
    calendar_notices: [],
    ...overrides,
  };
}

export function bulletinSummary(overrides: Partial<BulletinSummary> = {}): BulletinSummary {
  return {
    id: BULLETIN_ID,
    year: 2026,
    kind: 'monthly',
    period: '2026-10',
    period_start: '2026-10-01',
    period_end: '2026-10-31',
    as_of: '2026-10-31',
    title: '关于2026年10月营商环境优化提升重点任务推进情况的通报',
    status: 'draft',
    number: null,
    issued_on: null,
    created_by: 'office',
    created_at: '2026-11-02T02:00:00Z',
    published_at: null,
    ...overrides,
  };
}

export function bulletinRead(overrides: Partial<BulletinRead> = {}): BulletinRead {
  return {
    ...bulletinSummary(),
    content: {
      issuing_unit: GAIB.name,
      generated_at: '2026-11-02T02:00:00Z',
      league: leagueTable(),
      summary: {
        tasks: 12,
        completed: 3,
        in_progress: 6,
        not_started: 2,
        ongoing: 1,
        red: 2,
        yellow: 1,
        milestones_due: 6,
        milestones_on_time: 4,
        on_time_rate: 66.67,
        milestones_done: 5,
        reports_expected: 12,
        reports_on_time: 10,
        report_rate: 83.33,
        open_rectifications: 1,
        units_listed: 4,
        units_ranked: 3,
      },
      overdue: [
        {
          unit: XIHU,
          items: [{ task_code: '2026-SC-051', title: '推进市场准入负面清单区县试点扩面', role: 'responsible', reasons: ['已超过完成时限（2026-06-30）仍未完成'] }],
        },
      ],
      progress: {
        completed_tasks: [{ task_code: '2026-ZW-003', title: '企业开办“一件事”全程网办', lead_unit: '市数据资源局', progress_before: 80, progress_after: 100, gain: 20 }],
        milestones_done: [
          {
            task_code: '2026-ZW-003',
            task_title: '企业开办“一件事”全程网办',
            milestone: '上线全程网办系统',
            due_date: '2026-10-15',
            done_date: '2026-10-12',
            on_time: true,
            lead_unit: '市数据资源局',
          },
        ],
        top_gains: [{ task_code: '2026-SC-007', title: '健全企业信用修复协同机制', lead_unit: FGW.name, progress_before: 20, progress_after: 60, gain: 40 }],
      },
    },
    delivered: 0,
    read: 0,
    ...overrides,
  };
}

export function published(overrides: Partial<BulletinRead> = {}): BulletinRead {
  return bulletinRead({
    id: PUBLISHED_ID,
    status: 'published',
    number: '杭营商改〔2026〕3号',
    issued_on: '2026-11-05',
    published_at: '2026-11-05T01:00:00Z',
    delivered: 48,
    read: 12,
    ...overrides,
  });
}

export function inboxMessage(overrides: Partial<InboxMessage> = {}): InboxMessage {
  return {
    id: 'a1b2c3d4-0000-4000-8000-000000000001',
    unit_id: SCJG.id,
    kind: 'bulletin',
    source_id: PUBLISHED_ID,
    title: '关于2026年10月营商环境优化提升重点任务推进情况的通报',
    summary: '市委改革办于 2026-11-05 印发杭营商改〔2026〕3号，请查阅并对照改进。',
    link: `/bulletins/${PUBLISHED_ID}`,
    created_at: '2026-11-05T01:00:00Z',
    read_at: null,
    read_by: null,
    ...overrides,
  };
}
