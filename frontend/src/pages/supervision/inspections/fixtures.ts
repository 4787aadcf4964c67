import { FGW, SCJG } from '../../../test/fixtures';
import type { FindingRead, InspectionRead, RectificationRead } from './types';

/** Test data for the inspection pages, shaped as tasks-api returns it. */
export function rectification(overrides: Partial<RectificationRead> = {}): RectificationRead {
  return {
    id: '7d6f2b1a-0000-4000-8000-000000000001',
    inspection_code: 'DC-2026-001',
    inspection_kind: 'on_site',
    finding_id: 'f1',
    finding: '窗口“一件事”办理材料未精简',
    severity: 'serious',
    task_code: '2026-SC-051',
    owner_unit: SCJG,
    issued_on: '2026-09-24',
    deadline_days: 5,
    due_date: '2026-10-09',
    due_at: '2026-10-09T23:59:59+08:00',
    status: 'open',
    evidence: null,
    attachments: [],
    submitted_on: null,
    submitted_by: null,
    verified_on: null,
    verified_by: null,
    verification_comment: null,
    return_reason: null,
    returned_count: 0,
    warning: 'red',
    warning_reasons: ['整改已逾期（应于 2026-10-09 前完成并通过核验）'],
    ...overrides,
  };
}

export function finding(overrides: Partial<FindingRead> = {}): FindingRead {
  return {
    id: 'f1',
    seq: 1,
    description: '窗口“一件事”办理材料未精简',
    severity: 'serious',
    requires_rectification: true,
    rectification: rectification(),
    ...overrides,
  };
}

export function inspection(overrides: Partial<InspectionRead> = {}): InspectionRead {
  return {
    id: 'i1',
    code: 'DC-2026-001',
    kind: 'on_site',
    task_code: '2026-SC-051',
    task_title: '推进市场准入负面清单区县试点扩面',
    unit: SCJG,
    inspected_on: '2026-09-24',
    method: '查阅资料、现场走访',
    inspectors: ['张三', '李四'],
    summary: '总体推进有序，个别窗口材料仍需精简。',
    created_by: 'office',
    created_at: '2026-09-24T10:00:00+08:00',
    findings: [
      finding(),
      finding({ id: 'f2', seq: 2, description: '宣传材料未更新', severity: 'general', requires_rectification: false, rectification: null }),
    ],
    ...overrides,
  };
}

export const spotCheck = () =>
  inspection({
    id: 'i2',
    code: 'DC-2026-002',
    kind: 'spot_check',
    task_code: null,
    task_title: null,
    unit: FGW,
    inspected_on: '2026-10-12',
    inspectors: ['王五'],
    findings: [],
  });
