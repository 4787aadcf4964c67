import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { feedbackApi, tasksApi } from '../../api/http';
import { ApiError, isProblem, unwrap } from '../../api/problem';
import type { components as FeedbackSchemas } from '../../api/schema/feedback';
import { STATUSES, type TaskStatus } from '../../api/types';
import { periodOf } from '../bulletins/periods';

type Feedback = FeedbackSchemas['schemas'];
export type MetricsSummary = Feedback['MetricsSummary'];
export type MetricsTrend = Feedback['MetricsTrend'];
export type MonthMetrics = Feedback['MonthMetrics'];
export type Rate = Feedback['Rate'];
export type ClusterListItem = Feedback['ClusterListItem'];

/** The three services behind the cockpit's panels (the gateway names them the same way). */
export type Service = 'tasks' | 'indicators' | 'feedback';

/** Every query of the cockpit's own lives under this key ("刷新全部" refetches them with the reused ones). */
export const COCKPIT_KEY = 'cockpit';

/**
 * Whether an error means the service behind a panel is down rather than refusing this request: the gateway's
 * 502/504 (or any 5xx), a body that is no problem document (a proxy's error page), or no answer at all.
 */
export function isServiceDown(error: unknown): boolean {
  if (error instanceof ApiError) {
    if (!isProblem(error.problem)) return true;
    return (error.problem.status ?? 500) >= 500;
  }
  return error instanceof TypeError; // fetch rejects with a TypeError when nothing answers
}

/** A service that is down is not retried: its panels say so at once and the rest of the page carries on. */
const retryUnlessDown = (count: number, error: unknown) => !isServiceDown(error) && count < 1;

/** The dates the cockpit shows: the statistics day (as_of, else today), its year and its quarter (2026-Q4). */
export function cockpitDates(asOf: string | undefined, today = dayjs()) {
  const day = asOf ? dayjs(asOf) : today;
  return { day: day.format('YYYY-MM-DD'), year: day.year(), quarter: periodOf('quarter', day) };
}

export interface TaskCounts {
  year: number;
  asOf: string;
  total: number;
  byStatus: Record<TaskStatus, number>;
  red: number;
  yellow: number;
}

/**
 * Tasks of a plan year by status with their red and yellow counts, as the ledger computes them on `as_of`:
 * one page-size-1 ledger call per status (each answers its `total` and warning `counts`), in parallel.
 */
export function useTaskCounts(year: number, asOf: string | undefined) {
  return useQuery({
    queryKey: [COCKPIT_KEY, 'task-counts', year, asOf ?? null],
    retry: retryUnlessDown,
    queryFn: async (): Promise<TaskCounts> => {
      const lists = await Promise.all(
        STATUSES.map(async (status) =>
          unwrap(await tasksApi.GET('/api/tasks/v1/tasks', { params: { query: { year, status, as_of: asOf, page: 1, page_size: 1 } } })),
        ),
      );
      const byStatus = Object.fromEntries(STATUSES.map((status, i) => [status, lists[i].total])) as Record<TaskStatus, number>;
      return {
        year,
        asOf: lists[0].as_of,
        total: lists.reduce((sum, list) => sum + list.total, 0),
        byStatus,
        red: lists.reduce((sum, list) => sum + (list.counts.red ?? 0), 0),
        yellow: lists.reduce((sum, list) => sum + (list.counts.yellow ?? 0), 0),
      };
    },
  });
}

/** One-time resolution, satisfaction and on-time closure of a period (2026-Q4). */
export function useFeedbackRates(period: string) {
  return useQuery({
    queryKey: [COCKPIT_KEY, 'feedback-rates', period],
    retry: retryUnlessDown,
    queryFn: async (): Promise<MetricsSummary> =>
      unwrap(await feedbackApi.GET('/api/feedback/v1/metrics/summary', { params: { query: { period } } })),
  });
}

/** Received, closed and the three rates month by month over a year (to the current month). */
export function useFeedbackTrend(year: number) {
  return useQuery({
    queryKey: [COCKPIT_KEY, 'feedback-trend', year],
    retry: retryUnlessDown,
    queryFn: async (): Promise<MetricsTrend> =>
      unwrap(await feedbackApi.GET('/api/feedback/v1/metrics/trend', { params: { query: { year } } })),
  });
}

/** How many of the largest open clusters the cockpit lists. */
export const TOP_CLUSTERS = 5;

/**
 * The largest open 举一反三 clusters of a year (suggested, waiting for the office's decision, or confirmed), most
 * cases first. The API lists waiting suggestions first and has no size order, so both statuses are read in full
 * (at most the API's 200 a page, far above a year's clusters) and ordered here.
 */
export function useOpenClusters(year: number) {
  return useQuery({
    queryKey: [COCKPIT_KEY, 'open-clusters', year],
    retry: retryUnlessDown,
    queryFn: async (): Promise<{ total: number; largest: ClusterListItem[] }> => {
      const pages = await Promise.all(
        (['suggested', 'confirmed'] as const).map(async (status) =>
          unwrap(await feedbackApi.GET('/api/feedback/v1/clusters', { params: { query: { status, period: String(year), page: 1, page_size: 200 } } })),
        ),
      );
      const open = pages.flatMap((page) => page.items);
      const largest = [...open]
        .sort((a, b) => b.case_count - a.case_count || b.district_count - a.district_count || a.code.localeCompare(b.code))
        .slice(0, TOP_CLUSTERS);
      return { total: pages.reduce((sum, page) => sum + page.total, 0), largest };
    },
  });
}
