import dayjs from 'dayjs';
import { WARNINGS, type Warning } from '../../../api/types';
import { INSPECTION_KINDS, RECTIFICATION_STATUSES, type InspectionKind, type RectificationStatus } from './types';

export const TABS = ['records', 'rectifications'] as const;
export type Tab = (typeof TABS)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VALID_DATE = /^\d{4}-\d{2}-\d{2}$/;

// dayjs rolls 2026-13-45 over into a later date; a real date formats back to itself.
const date = (value: string | null) => (value && VALID_DATE.test(value) && dayjs(value).format('YYYY-MM-DD') === value ? value : undefined);
const uuid = (value: string | null) => (value && UUID.test(value) ? value : undefined);
const oneOf = <T extends string>(values: readonly T[], value: string | null) =>
  values.find((candidate) => candidate === value);

/** The page's state as it lives in the URL; both tabs share the year and `as_of`. */
export interface InspectionQuery {
  tab: Tab;
  year: number;
  as_of?: string;
  page: number;
  // 督察记录
  kind?: InspectionKind;
  unit_id?: string;
  task_code?: string;
  from?: string;
  to?: string;
  // 整改
  owner?: string;
  status?: RectificationStatus;
  warning?: Warning;
}

export const RECORD_FILTERS = ['kind', 'unit_id', 'task_code', 'from', 'to'] as const;
export const RECTIFICATION_FILTERS = ['owner', 'status', 'warning'] as const;

export function parseInspectionQuery(params: URLSearchParams, fallbackYear: number): InspectionQuery {
  const year = Number(params.get('year'));
  const page = Number(params.get('page'));
  const code = params.get('task_code')?.trim();
  return {
    tab: oneOf(TABS, params.get('tab')) ?? 'records',
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : fallbackYear,
    as_of: date(params.get('as_of')),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    kind: oneOf(INSPECTION_KINDS, params.get('kind')),
    unit_id: uuid(params.get('unit_id')),
    task_code: code && code.length <= 32 ? code : undefined,
    from: date(params.get('from')),
    to: date(params.get('to')),
    owner: uuid(params.get('owner')),
    status: oneOf(RECTIFICATION_STATUSES, params.get('status')),
    warning: oneOf(WARNINGS, params.get('warning')),
  };
}

export const hasRecordFilters = (query: InspectionQuery) => RECORD_FILTERS.some((key) => query[key] !== undefined);
export const hasRectificationFilters = (query: InspectionQuery) => RECTIFICATION_FILTERS.some((key) => query[key] !== undefined);
