import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import dayjs, { type Dayjs } from 'dayjs';
import { authApi, tasksApi } from '../api/http';
import { unwrap } from '../api/problem';
import type { PlanRead, UnitRead } from '../api/types';

export const DATE = 'YYYY-MM-DD';

/** Every annual plan, newest first. */
export function usePlans() {
  return useQuery({
    queryKey: ['tasks', 'plans'],
    queryFn: async () => {
      const plans = unwrap(await tasksApi.GET('/api/tasks/v1/plans'));
      return [...plans].sort((a, b) => b.year - a.year);
    },
  });
}

/** The year to show when none is chosen: this year's plan if there is one, else the newest plan, else this year. */
export function defaultYear(plans: PlanRead[] | undefined, today = dayjs()): number {
  const current = today.year();
  if (!plans?.length || plans.some((plan) => plan.year === current)) return current;
  return plans[0].year;
}

/** The unit directory for filters and pickers (about 50 units; one page). */
export function useUnits() {
  return useQuery({
    queryKey: ['units', 'all'],
    staleTime: 10 * 60_000,
    queryFn: async (): Promise<UnitRead[]> =>
      unwrap(await authApi.GET('/api/auth/v1/units', { params: { query: { page_size: 200 } } })).items,
  });
}

/** Select options for units, searchable by full and short name. */
export function unitOptions(units: UnitRead[] | undefined) {
  return (units ?? [])
    .filter((unit) => unit.kind !== 'hotline' && unit.kind !== 'enterprise')
    .map((unit) => ({ value: unit.id, label: unit.short_name || unit.name, search: `${unit.name} ${unit.short_name}` }));
}

export const filterUnitOption = (input: string, option?: { search?: string }) =>
  (option?.search ?? '').toLowerCase().includes(input.trim().toLowerCase());

/**
 * The business date warnings are computed for (`as_of`), kept in the URL so a link to a task or a
 * reload shows the same red/yellow tags; absent means "today" on the server.
 */
export function useAsOf(): [string | undefined, (value: Dayjs | null) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('as_of');
  const asOf = raw && /^\d{4}-\d{2}-\d{2}$/.test(raw) && dayjs(raw).isValid() ? raw : undefined;
  const setAsOf = (value: Dayjs | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set('as_of', value.format(DATE));
        else next.delete('as_of');
        next.delete('page');
        return next;
      },
      { replace: true },
    );
  return [asOf, setAsOf];
}

/** `?as_of=` to carry the chosen date over to a linked page. */
export const asOfSuffix = (asOf: string | undefined, extra: Record<string, string> = {}) => {
  const params = new URLSearchParams(extra);
  if (asOf) params.set('as_of', asOf);
  const text = params.toString();
  return text ? `?${text}` : '';
};

export const formatDate = (value: string | null | undefined) => (value ? dayjs(value).format(DATE) : '—');
export const formatTime = (value: string | null | undefined) => (value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '—');
