import type { RepeatFlag } from './RepeatActions';

export function repeatFlag(overrides: Partial<RepeatFlag> = {}): RepeatFlag {
  return {
    case_no: 'FK20261120-000061',
    title: '新厂房用电报装超时',
    enterprise_name: '杭州云栖数智科技有限公司',
    received_at: '2026-11-20T09:30:00+08:00',
    repeat_of: 'FK20261102-000040',
    repeat_of_title: '厂房用电报装迟迟未接电',
    repeat_of_closed_at: '2026-11-06T16:00:00+08:00',
    status: 'suggested',
    status_label: '疑似重复（待确认）',
    matched_by: 'credit_code',
    matched_by_label: '统一社会信用代码相同',
    similarity: 0.262,
    counts_against_one_time_resolution: true,
    flagged_at: '2026-11-20T09:30:00+08:00',
    decided_by: null,
    decided_at: null,
    decision_comment: null,
    ...overrides,
  };
}
