import { useQuery } from '@tanstack/react-query';
import { feedbackApi } from '../api/http';
import type { operations } from '../api/schema/feedback';
import { unwrap } from '../api/problem';
import type { UnitRead } from '../api/types';
import { useUnits } from '../tasks/hooks';
import {
  CASE_STATUSES,
  CASE_TYPES,
  CHANNELS,
  DEADLINE_STATES,
  type CaseChannel,
  type CaseListItem,
  type CaseStatus,
  type CaseType,
  type CategoryNode,
  type DeadlineState,
} from './types';
import { useUrlParams } from '../components/useUrlParams';

/** The API's hard maximum page size: a queue loads at most this many cases per status. */
export const QUEUE_LIMIT = 200;
export const PAGE_SIZES = ['20', '50', '100'];

/** Everything under /api/feedback is cached under this key; mutations invalidate it. */
export const FEEDBACK_KEY = 'feedback';

/** The category tree (the reform office edits it; inactive entries stay for filtering old cases). */
export function useCategories() {
  return useQuery({
    queryKey: [FEEDBACK_KEY, 'categories'],
    staleTime: 10 * 60_000,
    queryFn: async (): Promise<CategoryNode[]> => unwrap(await feedbackApi.GET('/api/feedback/v1/categories')),
  });
}

/** Types with their time limits, districts, satisfactions and the attachment size limit. */
export function useFeedbackOptions() {
  return useQuery({
    queryKey: [FEEDBACK_KEY, 'options'],
    staleTime: 10 * 60_000,
    queryFn: async () => unwrap(await feedbackApi.GET('/api/feedback/v1/public/options')),
  });
}

/** Counts of the caller's visible cases per status and, for open ones, per deadline state. */
export function useCaseSummary() {
  return useQuery({
    queryKey: [FEEDBACK_KEY, 'cases', 'summary'],
    queryFn: async () => unwrap(await feedbackApi.GET('/api/feedback/v1/cases/summary')),
  });
}

export interface TreeOption {
  value: string;
  title: string;
  disabled?: boolean;
  children?: TreeOption[];
}

/** TreeSelect data for the category tree; `forEntry` disables deactivated entries (old cases keep them). */
export function categoryTree(nodes: CategoryNode[] | undefined, forEntry = false): TreeOption[] {
  return (nodes ?? []).map((node) => ({
    value: node.code,
    title: node.active ? node.name : `${node.name}（已停用）`,
    disabled: forEntry && !node.active,
    children: node.children?.length ? categoryTree(node.children, forEntry) : undefined,
  }));
}

/** Units that may handle a case (departments, districts, courts, the office itself): as the API accepts them. */
const ASSIGNABLE_KINDS = new Set(['department', 'district', 'court_other', 'reform_office']);

export function assignableUnits(units: UnitRead[] | undefined) {
  return (units ?? [])
    .filter((unit) => ASSIGNABLE_KINDS.has(unit.kind) && unit.is_active)
    .map((unit) => ({ value: unit.id, label: unit.short_name || unit.name, search: `${unit.name} ${unit.short_name}` }));
}

export function useAssignableUnits() {
  const units = useUnits();
  return { ...units, options: assignableUnits(units.data) };
}

export type CaseView = 'dispatch' | 'mine' | 'all';

/** The list filters, kept in the URL so a link or a reload shows the same list. */
export interface CaseFilters {
  view?: CaseView;
  status?: CaseStatus;
  type?: CaseType;
  channel?: CaseChannel;
  category?: string;
  district?: string;
  deadline_state?: DeadlineState;
  q?: string;
  page: number;
  page_size: number;
}

export const FILTER_KEYS = ['status', 'type', 'channel', 'category', 'district', 'deadline_state', 'q'] as const;

const pick = <T extends string>(value: string | null, allowed: readonly T[]): T | undefined =>
  allowed.find((candidate) => candidate === value);

export function parseFilters(params: URLSearchParams): CaseFilters {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('page_size'));
  const text = (key: string, max: number) => {
    const value = params.get(key)?.trim();
    return value ? value.slice(0, max) : undefined;
  };
  return {
    view: pick(params.get('view'), ['dispatch', 'mine', 'all'] as const),
    status: pick(params.get('status'), CASE_STATUSES),
    type: pick(params.get('type'), CASE_TYPES),
    channel: pick(params.get('channel'), CHANNELS),
    category: text('category', 40),
    district: text('district', 12),
    deadline_state: pick(params.get('deadline_state'), DEADLINE_STATES),
    q: text('q', 100),
    page: Number.isInteger(page) && page > 0 ? page : 1,
    page_size: PAGE_SIZES.includes(String(pageSize)) ? pageSize : 20,
  };
}

export function useCaseFilters() {
  const [params, update] = useUrlParams<keyof CaseFilters>();
  const filters = parseFilters(params);
  const clear = () => update(Object.fromEntries(FILTER_KEYS.map((key) => [key, undefined])));
  const filtered = FILTER_KEYS.some((key) => filters[key] !== undefined);
  return { filters, update, clear, filtered };
}

type ListQuery = NonNullable<operations['list_cases_api_feedback_v1_cases_get']['parameters']['query']>;

/** The filters as the list endpoint's query (without paging). */
export function listQuery(filters: CaseFilters): ListQuery {
  return {
    status: filters.status,
    type: filters.type,
    channel: filters.channel,
    category: filters.category,
    district: filters.district,
    deadline_state: filters.deadline_state,
    q: filters.q,
  };
}

const byDue = (a: CaseListItem, b: CaseListItem) => a.due_at.localeCompare(b.due_at) || a.case_no.localeCompare(b.case_no);

export interface Queue {
  items: CaseListItem[];
  total: number;
  /** More cases matched than one page per status holds: narrow the filters. */
  truncated: boolean;
  notices: string[];
}

/**
 * A work queue across several statuses, earliest deadline first. The list endpoint takes one status and
 * orders by receipt, so each status is one call (of at most QUEUE_LIMIT cases) and the merge is sorted here.
 */
export function useQueue(statuses: readonly CaseStatus[], filters: CaseFilters, unitId?: string, enabled = true) {
  const wanted = filters.status ? statuses.filter((status) => status === filters.status) : statuses;
  const base = listQuery(filters);
  return useQuery({
    queryKey: [FEEDBACK_KEY, 'cases', 'queue', wanted, base, unitId],
    enabled,
    queryFn: async (): Promise<Queue> => {
      const pages = await Promise.all(
        wanted.map(async (status) =>
          unwrap(
            await feedbackApi.GET('/api/feedback/v1/cases', {
              params: { query: { ...base, status, unit_id: unitId, page_size: QUEUE_LIMIT } },
            }),
          ),
        ),
      );
      return {
        items: pages.flatMap((page) => page.items).sort(byDue),
        total: pages.reduce((sum, page) => sum + page.total, 0),
        truncated: pages.some((page) => page.total > page.items.length),
        notices: [...new Set(pages.flatMap((page) => page.notices))],
      };
    },
  });
}

/** One page of every case the caller sees, as the API orders them (newest first). */
export function useCaseList(filters: CaseFilters, enabled = true) {
  return useQuery({
    queryKey: [FEEDBACK_KEY, 'cases', 'list', filters],
    enabled,
    queryFn: async () =>
      unwrap(
        await feedbackApi.GET('/api/feedback/v1/cases', {
          params: { query: { ...listQuery(filters), page: filters.page, page_size: filters.page_size } },
        }),
      ),
  });
}
