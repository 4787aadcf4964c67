// 举一反三 documents as feedback-api returns them, for the page tests.
import type { components } from '../../../api/schema/feedback';
import { FGW, SCJG } from '../../../test/fixtures';
import type { ClusterListItem, ClusterRead } from './permissions';

type ClusterCase = components['schemas']['ClusterCaseRead'];

export function clusterItem(overrides: Partial<ClusterListItem> = {}): ClusterListItem {
  return {
    code: 'LA-2026-0004',
    status: 'suggested',
    status_label: '系统建议',
    origin: 'system',
    category: { code: 'fees.deposit', name: '保证金', path: '涉企收费 / 保证金' },
    period: { label: '2026-Q4', start: '2026-10-01', end: '2026-12-31' },
    title: '投标保证金项目结束后迟迟不退还',
    keywords: ['投标保证金', '退还'],
    case_count: 3,
    district_count: 2,
    unit_count: 1,
    cohesion: 0.41,
    task_code: null,
    trend: [
      { month: '2026-10', count: 2 },
      { month: '2026-11', count: 1 },
      { month: '2026-12', count: 0 },
    ],
    created_at: '2026-11-20T08:00:00+08:00',
    updated_at: '2026-11-20T08:00:00+08:00',
    ...overrides,
  };
}

export function clusterCase(caseNo: string, overrides: Partial<ClusterCase> = {}): ClusterCase {
  return {
    case_no: caseNo,
    title: '投标保证金迟迟未退',
    type: 'complaint',
    status: 'assigned',
    status_label: '已交办',
    channel: 'public_form',
    enterprise_name: '杭州某建设有限公司',
    district: { code: '330106', name: '西湖区' },
    main_unit: SCJG,
    received_at: '2026-10-12T09:00:00+08:00',
    similarity: 0.45,
    added_by: 'system',
    ...overrides,
  };
}

export function clusterRead(overrides: Partial<ClusterRead> = {}): ClusterRead {
  return {
    ...clusterItem(),
    threshold: 0.2,
    note: null,
    merged_into: null,
    cases: [
      clusterCase('FK20261012-000070'),
      clusterCase('FK20261020-000071', { district: { code: '330108', name: '滨江区' }, similarity: 0.39 }),
      clusterCase('FK20261105-000072', { title: '履约保证金未退还', similarity: 0.22 }),
    ],
    districts: [
      { code: '330106', name: '西湖区', count: 2 },
      { code: '330108', name: '滨江区', count: 1 },
    ],
    units: [{ unit: SCJG, count: 3 }],
    trend: [
      { month: '2026-10', count: 2 },
      { month: '2026-11', count: 1 },
      { month: '2026-12', count: 0 },
    ],
    task: null,
    candidates: [{ case_no: 'FK20261118-000080', title: '保证金退还慢', received_at: '2026-11-18T10:00:00+08:00', similarity: 0.31 }],
    created_by: 'system',
    confirmed_by: null,
    confirmed_at: null,
    dismissed_by: null,
    dismissed_at: null,
    dismiss_reason: null,
    allowed_actions: ['confirm', 'edit', 'merge', 'split', 'add_cases', 'remove_case', 'dismiss'],
    ...overrides,
  };
}

/** The cluster after the office confirmed it: it may now become a task. */
export const confirmedCluster = (overrides: Partial<ClusterRead> = {}) =>
  clusterRead({
    status: 'confirmed',
    status_label: '已确认',
    confirmed_by: 'office',
    confirmed_at: '2026-11-21T09:00:00+08:00',
    allowed_actions: ['edit', 'merge', 'split', 'add_cases', 'remove_case', 'dismiss', 'create_task'],
    ...overrides,
  });

/** A confirmed cluster linked to a task, whose live status tasks-api answered. */
export const clusterWithTask = (overrides: Partial<ClusterRead> = {}) =>
  confirmedCluster({
    task_code: 'RW-2026-0101',
    allowed_actions: ['edit', 'merge', 'split', 'add_cases', 'remove_case'],
    task: {
      code: 'RW-2026-0101',
      linked_at: '2026-11-22T10:00:00+08:00',
      linked_by: 'office',
      available: true,
      error: null,
      title: '举一反三：投标保证金项目结束后迟迟不退还',
      status: 'in_progress',
      progress: 30,
      warning: 'yellow',
      warning_reasons: ['节点临期'],
      deadline: '2027-03-31',
      lead_unit: FGW.name,
    },
    ...overrides,
  });
