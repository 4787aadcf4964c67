import { FGW, GAIB, SCJG } from '../../../test/fixtures';
import type { EvaluationRead, RubricRead } from './types';

export function rubric(overrides: Partial<RubricRead> = {}): RubricRead {
  return {
    year: 2026,
    items: [
      { key: 'progress', name: '进度完成', max_points: 40 },
      { key: 'effect', name: '工作成效', max_points: 40 },
      { key: 'reporting', name: '报送质量', max_points: 20 },
    ],
    rank_rule_enabled: true,
    national_top_n: 10,
    provincial_top_n: 1,
    is_default: true,
    updated_by: null,
    updated_at: null,
    ...overrides,
  };
}

export function evaluation(overrides: Partial<EvaluationRead> = {}): EvaluationRead {
  return {
    id: 'e1',
    task_code: '2026-SC-051',
    task_title: '推进市场准入负面清单区县试点扩面',
    year: 2026,
    period: '2026-Q3',
    period_start: '2026-07-01',
    period_end: '2026-09-30',
    kind: 'lead_on_responsible',
    evaluator_unit: FGW,
    evaluated_unit: SCJG,
    item_scores: { progress: 36, effect: 34, reporting: 18 },
    total: 88,
    comment: '推进有力',
    auto: false,
    auto_reason: null,
    created_by: 'fgw',
    created_at: '2026-10-08T10:00:00+08:00',
    updated_by: null,
    updated_at: '2026-10-08T10:00:00+08:00',
    ...overrides,
  };
}

export const autoFull = () =>
  evaluation({
    id: 'e2',
    kind: 'office_on_lead',
    evaluator_unit: GAIB,
    evaluated_unit: FGW,
    item_scores: { progress: 40, effect: 40, reporting: 20 },
    total: 100,
    comment: null,
    auto: true,
    auto_reason: '关联指标 GP-05 在国评 2025 期排名第 8（共 80 个），进入全国前 10 名，按排名满分规则记满分（名次来源：指标库）。',
    created_by: 'office',
  });
