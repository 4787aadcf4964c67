// Feedback documents as feedback-api returns them, for the page tests.
import type { CaseList, CaseListItem, CaseRead, CaseSummary, CategoryNode, PublicOptions, TrackedCase } from '../../feedback/types';
import { FGW, GAIB, SCJG } from '../../test/fixtures';

export function caseItem(overrides: Partial<CaseListItem> = {}): CaseListItem {
  return {
    case_no: 'FK20261120-000061',
    channel: 'public_form',
    channel_label: '企业在线反映',
    external_id: null,
    type: 'complaint',
    type_label: '投诉',
    category: { code: 'utilities.power', name: '用电报装', path: '水电气网 / 用电报装' },
    title: '新厂房用电报装超时',
    enterprise_name: '杭州云栖数智科技有限公司',
    credit_code: '91330106MA2CFXX77M',
    anonymous: false,
    contact_name: '王先生',
    contact_phone: '138****1234',
    district: { code: '330106', name: '西湖区' },
    status: 'received',
    status_label: '已受理',
    main_unit: null,
    received_at: '2026-11-20T09:30:00+08:00',
    due_at: '2026-11-27T23:59:59+08:00',
    deadline_state: 'normal',
    deadline_label: '正常',
    replied_at: null,
    closed_at: null,
    satisfaction: null,
    reopen_count: 0,
    ...overrides,
  };
}

export function caseList(items: CaseListItem[], overrides: Partial<CaseList> = {}): CaseList {
  return { items, total: items.length, page: 1, page_size: 20, notices: [], ...overrides };
}

export function caseRead(overrides: Partial<CaseRead> = {}): CaseRead {
  return {
    ...caseItem(),
    description: '我司新厂房用电报装已提交 20 个工作日，仍未完成外线接入，影响投产。',
    desired_outcome: '尽快接电',
    address: '西湖区文三路 90 号',
    source_detail: null,
    external_category: null,
    contact_id_number: null,
    co_units: [],
    time_limit_working_days: 5,
    accept_due_at: null,
    accept_overdue: false,
    assigned_at: null,
    accepted_at: null,
    reply: null,
    satisfaction_comment: null,
    repeat_of: null,
    tracking_code: 'YANV-8NQK-WZ9A',
    attachments: [],
    events: [
      {
        id: 1,
        event: 'received',
        label: '受理',
        from_status: null,
        to_status: 'received',
        occurred_at: '2026-11-20T09:30:00+08:00',
        actor: 'enterprise',
        actor_kind: 'enterprise',
        actor_unit: null,
        comment: null,
        public: true,
        detail: { channel: 'public_form' },
      },
    ],
    extensions: [],
    allowed_actions: [],
    can_reveal_contact: true,
    notices: [],
    ...overrides,
  };
}

/** The case assigned to 市市场监管局 (SCJG) with 市发改委 (FGW) as co-unit. */
export function assignedCase(overrides: Partial<CaseRead> = {}): CaseRead {
  return caseRead({
    status: 'assigned',
    status_label: '已交办',
    main_unit: SCJG,
    co_units: [FGW],
    assigned_at: '2026-11-20T10:00:00+08:00',
    accept_due_at: '2026-11-23T23:59:59+08:00',
    events: [
      ...caseRead().events,
      {
        id: 2,
        event: 'assigned',
        label: '交办',
        from_status: 'received',
        to_status: 'assigned',
        occurred_at: '2026-11-20T10:00:00+08:00',
        actor: 'office',
        actor_kind: 'staff',
        actor_unit: GAIB,
        comment: '请尽快协调供电公司',
        public: true,
        detail: { unit_name: SCJG.name, co_units: [FGW.name] },
      },
      {
        id: 3,
        event: 'note',
        label: '内部备注',
        from_status: 'assigned',
        to_status: 'assigned',
        occurred_at: '2026-11-20T10:05:00+08:00',
        actor: 'office',
        actor_kind: 'staff',
        actor_unit: GAIB,
        comment: '企业已多次反映',
        public: false,
        detail: {},
      },
    ],
    ...overrides,
  });
}

export function summary(overrides: Partial<CaseSummary> = {}): CaseSummary {
  return {
    total: 63,
    by_status: { received: 3, assigned: 2, accepted: 1, in_progress: 4, replied: 5, closed: 45, returned: 1, reopened: 2 },
    by_deadline: { normal: 9, approaching: 2, overdue: 3 },
    accept_overdue: 1,
    ...overrides,
  };
}

export const categories: CategoryNode[] = [
  {
    code: 'utilities',
    name: '水电气网',
    parent_code: null,
    position: 7,
    active: true,
    children: [
      { code: 'utilities.power', name: '用电报装', parent_code: 'utilities', position: 0, active: true, children: [] },
      { code: 'utilities.water', name: '用水报装', parent_code: 'utilities', position: 1, active: true, children: [] },
    ],
  },
  {
    code: 'gov_service',
    name: '政务服务',
    parent_code: null,
    position: 0,
    active: true,
    children: [{ code: 'gov_service.startup', name: '企业开办与注销', parent_code: 'gov_service', position: 0, active: true, children: [] }],
  },
  { code: 'other', name: '其他', parent_code: null, position: 9, active: true, children: [] },
];

export const publicOptions: PublicOptions = {
  types: [
    { code: 'consultation', label: '咨询', time_limit_working_days: 3, anonymous_allowed: false },
    { code: 'help', label: '求助', time_limit_working_days: 5, anonymous_allowed: false },
    { code: 'complaint', label: '投诉', time_limit_working_days: 5, anonymous_allowed: false },
    { code: 'report', label: '举报', time_limit_working_days: 5, anonymous_allowed: false },
    { code: 'suggestion', label: '建议', time_limit_working_days: 15, anonymous_allowed: true },
    { code: 'praise', label: '表扬', time_limit_working_days: 5, anonymous_allowed: false },
  ],
  categories,
  districts: [
    { code: '330106', name: '西湖区' },
    { code: '330108', name: '滨江区' },
  ],
  satisfactions: [
    { code: 'satisfied', label: '满意' },
    { code: 'basically_satisfied', label: '基本满意' },
    { code: 'dissatisfied', label: '不满意' },
  ],
  max_attachment_bytes: 10 * 1024 * 1024,
};

export function trackedCase(overrides: Partial<TrackedCase> = {}): TrackedCase {
  return {
    case_no: 'FK20261120-000061',
    type: 'complaint',
    type_label: '投诉',
    title: '新厂房用电报装超时',
    status: 'replied',
    status_label: '已答复',
    received_at: '2026-11-20T09:30:00+08:00',
    due_at: '2026-11-27T23:59:59+08:00',
    handling_unit: '市市场监督管理局',
    reply: '经协调，供电公司已于 11 月 25 日完成外线接入并送电。',
    replied_at: '2026-11-25T16:00:00+08:00',
    closed_at: null,
    satisfaction: null,
    can_add_info: true,
    can_rate: true,
    timeline: [
      { occurred_at: '2026-11-20T09:30:00+08:00', event: 'received', label: '受理', text: null },
      { occurred_at: '2026-11-20T10:00:00+08:00', event: 'assigned', label: '交办', text: '已交市市场监督管理局办理' },
      { occurred_at: '2026-11-25T16:00:00+08:00', event: 'replied', label: '答复', text: '经协调，供电公司已于 11 月 25 日完成外线接入并送电。' },
    ],
    attachments: [],
    ...overrides,
  };
}
