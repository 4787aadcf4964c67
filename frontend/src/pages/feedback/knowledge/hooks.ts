import { useQuery, useQueryClient } from '@tanstack/react-query';
import { feedbackApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import type { components } from '../../../api/schema/feedback';
import { FEEDBACK_KEY } from '../../../feedback/hooks';
import { useUrlParams } from '../../../components/useUrlParams';

export type EntryRead = components['schemas']['EntryRead'];
export type EntryHit = components['schemas']['EntryHit'];
export type EntryKind = EntryRead['kind'];
export type EntryStatus = EntryRead['status'];

export const ENTRY_KINDS = ['policy', 'procedure', 'where_to_go'] as const satisfies readonly EntryKind[];
export const ENTRY_STATUSES = ['draft', 'published', 'archived'] as const satisfies readonly EntryStatus[];
export const KNOWLEDGE_PAGE_SIZE = 20;

/** feedback-api `knowledge/schemas.py` limits, mirrored by the editor. */
export const LIMITS = { title: 200, text: 5000, keyword: 50, keywords: 20, min: 2, query: 200 } as const;

export const entryPath = (id: string) => `/feedback/knowledge/${encodeURIComponent(id)}`;

export const KNOWLEDGE_KEY = [FEEDBACK_KEY, 'knowledge'] as const;
export const entryKey = (id: string) => [...KNOWLEDGE_KEY, 'entry', id] as const;

export interface KnowledgeFilters {
  q?: string;
  status?: EntryStatus;
  kind?: EntryKind;
  category?: string;
  page: number;
}

export function parseKnowledgeFilters(params: URLSearchParams): KnowledgeFilters {
  const status = params.get('status');
  const kind = params.get('kind');
  const page = Number(params.get('page'));
  const text = (key: string, max: number) => params.get(key)?.trim().slice(0, max) || undefined;
  return {
    q: text('q', LIMITS.query),
    status: ENTRY_STATUSES.find((s) => s === status),
    kind: ENTRY_KINDS.find((k) => k === kind),
    category: text('category', 40),
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

const FILTER_KEYS = ['q', 'status', 'kind', 'category'] as const;

/** The list's search and filters in the URL, so a link or a reload shows the same list. */
export function useKnowledgeFilters() {
  const [params, update] = useUrlParams();
  const filters = parseKnowledgeFilters(params);
  const filtered = FILTER_KEYS.some((key) => params.get(key));
  const clear = () => update(Object.fromEntries(FILTER_KEYS.map((key) => [key, undefined])));
  return { filters, update, clear, filtered };
}

export function useKnowledgeList(filters: KnowledgeFilters) {
  return useQuery({
    queryKey: [...KNOWLEDGE_KEY, 'list', filters],
    queryFn: async () =>
      unwrap(
        await feedbackApi.GET('/api/feedback/v1/knowledge', {
          params: {
            query: {
              q: filters.q,
              status: filters.status,
              kind: filters.kind,
              category: filters.category,
              page: filters.page,
              page_size: KNOWLEDGE_PAGE_SIZE,
            },
          },
        }),
      ),
  });
}

export function useEntry(id: string) {
  return useQuery({
    queryKey: entryKey(id),
    queryFn: async () => unwrap(await feedbackApi.GET('/api/feedback/v1/knowledge/{entry_id}', { params: { path: { entry_id: id } } })),
  });
}

/** Stores the entry the API answered with and refreshes the lists. */
export function useEntrySaved() {
  const queryClient = useQueryClient();
  return (saved: EntryRead) => {
    queryClient.setQueryData(entryKey(saved.id), saved);
    void queryClient.invalidateQueries({ queryKey: [...KNOWLEDGE_KEY, 'list'] });
  };
}
