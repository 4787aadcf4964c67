import type { EntryHit, EntryRead } from './hooks';

export const ENTRY_ID = '5f0c1e2a-9a7b-4c1d-8e2f-000000000001';

export function entry(overrides: Partial<EntryRead> = {}): EntryRead {
  return {
    id: ENTRY_ID,
    title: '新办企业如何申领发票',
    question: '新公司刚拿到营业执照，怎么申领第一批发票？',
    answer: '新办纳税人可通过电子税务局「新办纳税人套餐」一次办理发票票种核定和领用，当天可开具电子发票。',
    kind: 'procedure',
    kind_label: '办事流程',
    category: { code: 'gov_service.startup', name: '企业开办与注销', path: '政务服务 / 企业开办与注销' },
    keywords: ['发票', '新办'],
    source_case_no: null,
    status: 'published',
    status_label: '已发布',
    created_by: 'office',
    created_at: '2026-11-20T09:00:00+08:00',
    updated_by: 'office',
    updated_at: '2026-11-21T10:00:00+08:00',
    published_at: '2026-11-21T10:00:00+08:00',
    ...overrides,
  };
}

export const draftFromCase = () =>
  entry({
    id: '5f0c1e2a-9a7b-4c1d-8e2f-000000000002',
    title: '新厂房用电报装超时',
    question: '［已隐去］反映新厂房用电报装超过承诺时限。',
    answer: '经协调，供电公司已于 11 月 25 日完成外线接入并送电。',
    kind: 'procedure',
    keywords: [],
    source_case_no: 'FK20261120-000061',
    status: 'draft',
    status_label: '草稿',
    published_at: null,
  });

export const hit = (e: EntryRead, score: number | null = null, matched: string[] = []): EntryHit => ({ entry: e, score, matched });

export const entryList = (items: EntryHit[]) => ({ items, total: items.length, page: 1, page_size: 20 });
