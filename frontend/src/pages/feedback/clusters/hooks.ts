import { useQuery, useQueryClient } from '@tanstack/react-query';
import { feedbackApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import { FEEDBACK_KEY } from '../../../feedback/hooks';
import { isPeriod } from '../league/period';
import type { ClusterRead, ClusterStatus } from './permissions';
import { useUrlParams } from '../../../components/useUrlParams';

export const CLUSTER_STATUSES = ['suggested', 'confirmed', 'dismissed', 'merged'] as const satisfies readonly ClusterStatus[];
export const CLUSTER_PAGE_SIZE = 20;

export const clusterKey = (code: string) => [FEEDBACK_KEY, 'clusters', 'detail', code] as const;
export const CLUSTER_LIST_KEY = [FEEDBACK_KEY, 'clusters', 'list'] as const;

export interface ClusterFilters {
  status?: ClusterStatus;
  category?: string;
  period?: string;
  has_task?: boolean;
  q?: string;
  page: number;
}

export function parseClusterFilters(params: URLSearchParams): ClusterFilters {
  const status = params.get('status');
  const page = Number(params.get('page'));
  const hasTask = params.get('has_task');
  const text = (key: string, max: number) => params.get(key)?.trim().slice(0, max) || undefined;
  return {
    status: CLUSTER_STATUSES.find((s) => s === status),
    category: text('category', 40),
    period: isPeriod(params.get('period')) ? params.get('period')! : undefined,
    has_task: hasTask === 'yes' ? true : hasTask === 'no' ? false : undefined,
    q: text('q', 100),
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** The list's filters in the URL, so a link or a reload shows the same list. */
export function useClusterFilters() {
  const [params, update] = useUrlParams();
  const filters = parseClusterFilters(params);
  const filtered = ['status', 'category', 'period', 'has_task', 'q'].some((key) => params.get(key));
  const clear = () => update({ status: undefined, category: undefined, period: undefined, has_task: undefined, q: undefined });
  return { filters, update, clear, filtered };
}

export function useClusterList(filters: ClusterFilters, pageSize = CLUSTER_PAGE_SIZE) {
  return useQuery({
    queryKey: [...CLUSTER_LIST_KEY, filters, pageSize],
    queryFn: async () =>
      unwrap(
        await feedbackApi.GET('/api/feedback/v1/clusters', {
          params: {
            query: {
              status: filters.status,
              category: filters.category,
              period: filters.period,
              has_task: filters.has_task,
              q: filters.q,
              page: filters.page,
              page_size: pageSize,
            },
          },
        }),
      ),
  });
}

/** One cluster with its cases, counts, trend, candidates and the task's live status. */
export function useCluster(code: string, enabled = true) {
  return useQuery({
    queryKey: clusterKey(code),
    enabled,
    staleTime: 30_000,
    queryFn: async () => unwrap(await feedbackApi.GET('/api/feedback/v1/clusters/{code}', { params: { path: { code } } })),
  });
}

/** Stores the cluster the API answered with and refreshes the lists. */
export function useClusterUpdated() {
  const queryClient = useQueryClient();
  return (updated: ClusterRead) => {
    queryClient.setQueryData(clusterKey(updated.code), updated);
    void queryClient.invalidateQueries({ queryKey: CLUSTER_LIST_KEY });
  };
}
