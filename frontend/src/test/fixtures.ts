import type { Me, PlanRead, ReportRead, TaskList, TaskRead, UnitRead, Workbench } from '../api/types';

export const FGW = { id: '0b6c3a52-7a3f-5b0e-9c1d-000000000001', name: '市发展和改革委员会', short_name: '市发改委' };
export const SCJG = { id: '0b6c3a52-7a3f-5b0e-9c1d-000000000002', name: '市市场监督管理局', short_name: '市市场监管局' };
export const GAIB = { id: '0b6c3a52-7a3f-5b0e-9c1d-000000000003', name: '市委全面深化改革委员会办公室', short_name: '市委改革办' };

export function me(username: string, roles: Me['roles'], unit = FGW, kind: Me['unit']['kind'] = 'department'): Me {
  return {
    id: `00000000-0000-4000-8000-${username.padEnd(12, '0').slice(0, 12)}`,
    username,
    display_name: `${username} 用户`,
    roles,
    environment: null,
    unit: { ...unit, code: username, kind },
  } as Me;
}

export const office = () => me('office', ['reform_office'], GAIB, 'reform_office');
export const fgwUser = () => me('fgw', ['lead_unit', 'unit'], FGW);
export const scjgUser = () => me('scjg', ['unit'], SCJG);

export const units: UnitRead[] = [GAIB, FGW, SCJG].map((unit, i) => ({
  ...unit,
  code: `u${i}`,
  kind: i === 0 ? 'reform_office' : 'department',
  aliases: [],
  is_active: true,
  sort_order: i,
}));

export function plan(overrides: Partial<PlanRead> = {}): PlanRead {
  return {
    id: 'p-2026',
    year: 2026,
    title: '2026年营商环境优化提升重点任务清单',
    status: 'published',
    report_cycle: 'monthly',
    warning_days: 5,
    lag_tolerance: 10,
    published_at: '2026-02-01T00:00:00+08:00',
    task_count: 3,
    ...overrides,
  };
}

export function task(overrides: Partial<TaskRead> = {}): TaskRead {
  return {
    id: `t-${overrides.code ?? '2026-SC-051'}`,
    code: '2026-SC-051',
    year: 2026,
    seq: 51,
    title: '推进市场准入负面清单区县试点扩面',
    measures: '梳理差距清单',
    goal: '试点扩面',
    environment: 'market',
    special_group: '市场环境专项小组',
    category: 'key',
    benchmark_class: null,
    benchmark_city: null,
    lead_unit: FGW,
    responsible_units: [SCJG],
    leading_official: '分管副市长',
    contact_name: null,
    contact_phone: null,
    deadline: '2026-06-30',
    continuous: false,
    lifecycle_stage: 'progress_tracking',
    status: 'in_progress',
    progress: 30,
    expected_progress: 100,
    warning: 'red',
    warning_reasons: ['已超过完成时限（2026-06-30）仍未完成'],
    indicator_codes: [],
    source: 'plan',
    source_ref: null,
    linked_cases: [],
    tags: [],
    milestones: [
      {
        id: 'm1',
        seq: 0,
        title: '制定市场准入负面清单年度工作方案',
        quarter: 1,
        due_date: '2026-01-15',
        done_date: '2026-01-10',
        evidence: '方案文件',
        state: 'done',
      },
      { id: 'm2', seq: 1, title: '完成系统功能开发并试运行', quarter: 2, due_date: '2026-06-30', done_date: null, evidence: null, state: 'overdue' },
    ],
    latest_report: null,
    updated_at: '2026-11-01T10:00:00+08:00',
    ...overrides,
  };
}

export function taskList(items: TaskRead[], overrides: Partial<TaskList> = {}): TaskList {
  return {
    items,
    total: items.length,
    page: 1,
    page_size: 20,
    as_of: '2026-11-22',
    counts: countBy(items),
    calendar_notices: [],
    ...overrides,
  };
}

function countBy(items: TaskRead[]) {
  const counts: Record<string, number> = { red: 0, yellow: 0, none: 0 };
  for (const item of items) counts[item.warning] += 1;
  return counts;
}

export function report(overrides: Partial<ReportRead> = {}): ReportRead {
  return {
    id: 'r1',
    task_code: '2026-SC-051',
    unit: SCJG,
    period_start: '2026-11-01',
    period_end: '2026-11-30',
    content: '已完成试点区县名单确定',
    progress: 60,
    attachments: [],
    status: 'submitted',
    submitted_by: 'scjg',
    submitted_at: '2026-11-20T09:00:00+08:00',
    late: false,
    reviewed_by: null,
    reviewed_at: null,
    review_comment: null,
    ...overrides,
  };
}

export function workbench(overrides: Partial<Workbench> = {}): Workbench {
  const red = task();
  const yellow = task({ id: 't2', code: '2026-SC-007', title: '健全企业信用修复“一件事”协同推进机制', warning: 'yellow', warning_reasons: ['距完成时限不足 5 个工作日'] });
  return {
    as_of: '2026-11-22',
    unit: SCJG,
    counts: { total: 3, red: 1, yellow: 1, none: 1 },
    to_report: [{ task: red, period_start: '2026-11-01', period_end: '2026-11-30' }],
    returned_reports: [],
    notices_to_acknowledge: [
      {
        id: 'n1',
        number: 'TS-20261122-001',
        unit_id: SCJG.id,
        unit_name: SCJG.name,
        issued_on: '2026-11-22',
        content: '请抓紧推进以下红黄牌任务。',
        items: [{ task_code: red.code, title: red.title, warning: 'red', reasons: red.warning_reasons, role: 'responsible' }],
        created_at: '2026-11-22T09:00:00+08:00',
        acknowledged_at: null,
        acknowledged_by: null,
        reply: null,
        replied_at: null,
        webhook_status: 'disabled',
      },
    ],
    warned_tasks: [red, yellow],
    calendar_notices: [],
    ...overrides,
  };
}
