import {
  BENCHMARK_CLASSES,
  CATEGORIES,
  ENVIRONMENTS,
  STATUSES,
  WARNINGS,
  type BenchmarkClass,
  type Category,
  type Environment,
  type TaskStatus,
  type Warning,
} from '../../api/types';

export const SORTS = ['code', 'deadline', 'warning', 'progress'] as const;
export type Sort = (typeof SORTS)[number];

export const PAGE_SIZES = [20, 50, 100];
const DEFAULT_PAGE_SIZE = 20;

/** The ledger's state as it lives in the URL: what the API filters by, plus paging and sort. */
export interface LedgerQuery {
  year: number;
  environment?: Environment;
  category?: Category;
  benchmark_class?: BenchmarkClass;
  lead_unit_id?: string;
  responsible_unit_id?: string;
  warning?: Warning;
  status?: TaskStatus;
  q?: string;
  /** A linked indicator's code (set by links from elsewhere, e.g. a task's indicator tags). */
  indicator?: string;
  as_of?: string;
  page: number;
  page_size: number;
  sort: Sort;
}

/** URL keys that narrow the ledger (changing one starts again from page 1). */
export const FILTER_KEYS = [
  'environment',
  'category',
  'benchmark_class',
  'lead_unit_id',
  'responsible_unit_id',
  'warning',
  'status',
  'q',
  'indicator',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function oneOf<T extends string>(allowed: readonly T[], value: string | null): T | undefined {
  return allowed.find((item) => item === value);
}

function positive(value: string | null, fallback: number, max = 100_000): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback;
}

/** Reads the ledger state from the URL, dropping anything the API would refuse. */
export function parseLedgerQuery(params: URLSearchParams, defaultYear: number): LedgerQuery {
  const year = Number(params.get('year'));
  const q = params.get('q')?.trim().slice(0, 100);
  const uuid = (key: string) => {
    const value = params.get(key);
    return value && UUID.test(value) ? value : undefined;
  };
  const asOf = params.get('as_of');
  return {
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : defaultYear,
    environment: oneOf(ENVIRONMENTS, params.get('environment')),
    category: oneOf(CATEGORIES, params.get('category')),
    benchmark_class: oneOf(BENCHMARK_CLASSES, params.get('benchmark_class')),
    lead_unit_id: uuid('lead_unit_id'),
    responsible_unit_id: uuid('responsible_unit_id'),
    warning: oneOf(WARNINGS, params.get('warning')),
    status: oneOf(STATUSES, params.get('status')),
    q: q || undefined,
    indicator: params.get('indicator')?.trim().slice(0, 64) || undefined,
    as_of: asOf && DATE.test(asOf) ? asOf : undefined,
    page: positive(params.get('page'), 1),
    page_size: PAGE_SIZES.includes(Number(params.get('page_size'))) ? Number(params.get('page_size')) : DEFAULT_PAGE_SIZE,
    sort: oneOf(SORTS, params.get('sort')) ?? 'code',
  };
}

/** The query for GET /tasks: only the set values, so the URL the server logs stays short. */
export function apiQuery(query: LedgerQuery) {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined && value !== '')) as LedgerQuery;
}

/** The same filters for the Excel export, which has no paging or sort. */
export function exportQuery(query: LedgerQuery) {
  const { page, page_size, sort, ...rest } = apiQuery(query);
  return rest;
}

export const hasFilters = (query: LedgerQuery) => FILTER_KEYS.some((key) => query[key] !== undefined);
