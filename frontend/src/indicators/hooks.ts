import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import { indicatorsApi } from '../api/http';
import { ApiError, unwrap } from '../api/problem';
import type { FrameworkRead } from '../api/types';
import { anchorIndicator, DEFAULT_PERIODS, isPeriod, sortPeriodsDesc } from './format';

const CATALOG_STALE = 10 * 60_000;

/** The four evaluation frameworks (B-READY, 国评, 省晾晒, 市指标) with their rank targets and benchmark. */
export function useFrameworks() {
  return useQuery({
    queryKey: ['indicators', 'frameworks'],
    staleTime: CATALOG_STALE,
    queryFn: async () => unwrap(await indicatorsApi.GET('/api/indicators/v1/frameworks')),
  });
}

/** The indicator catalog, of one framework or all (about 100 rows). */
export function useIndicatorList(framework?: string, enabled = true) {
  return useQuery({
    queryKey: ['indicators', 'catalog', framework ?? 'all'],
    staleTime: CATALOG_STALE,
    enabled,
    queryFn: async () =>
      unwrap(await indicatorsApi.GET('/api/indicators/v1/indicators', { params: { query: { framework } } })),
  });
}

export function useIndicator(code: string) {
  return useQuery({
    queryKey: ['indicators', 'detail', code],
    staleTime: CATALOG_STALE,
    queryFn: async () =>
      unwrap(await indicatorsApi.GET('/api/indicators/v1/indicators/{code}', { params: { path: { code } } })),
  });
}

export function useRegions() {
  return useQuery({
    queryKey: ['indicators', 'regions'],
    staleTime: CATALOG_STALE,
    queryFn: async () => unwrap(await indicatorsApi.GET('/api/indicators/v1/regions')),
  });
}

export function useRegionSets() {
  return useQuery({
    queryKey: ['indicators', 'region-sets'],
    staleTime: CATALOG_STALE,
    queryFn: async () => unwrap(await indicatorsApi.GET('/api/indicators/v1/region-sets')),
  });
}

export function useOverview(framework: string | undefined, period: string | undefined) {
  return useQuery({
    queryKey: ['indicators', 'overview', framework, period],
    enabled: !!framework && !!period,
    queryFn: async () =>
      unwrap(
        await indicatorsApi.GET('/api/indicators/v1/frameworks/{code}/overview', {
          params: { path: { code: framework! }, query: { period: period! } },
        }),
      ),
  });
}

/** The served city's value and rank per period (also tells which periods have data). */
export function useTrend(code: string | undefined, regionSet?: string) {
  return useQuery({
    queryKey: ['indicators', 'trend', code, regionSet ?? null],
    enabled: !!code,
    queryFn: async () =>
      unwrap(
        await indicatorsApi.GET('/api/indicators/v1/indicators/{code}/trend', {
          params: { path: { code: code! }, query: { region_set: regionSet } },
        }),
      ),
  });
}

export function useLeaderboard(code: string | undefined, period: string | undefined, regionSet?: string) {
  return useQuery({
    queryKey: ['indicators', 'leaderboard', code, period, regionSet ?? null],
    enabled: !!code && !!period,
    queryFn: async () =>
      unwrap(
        await indicatorsApi.GET('/api/indicators/v1/indicators/{code}/leaderboard', {
          params: { path: { code: code! }, query: { period: period!, region_set: regionSet } },
        }),
      ),
  });
}

const status = (error: unknown) => (error instanceof ApiError ? (error.problem as { status?: number } | undefined)?.status : undefined);

/** Tasks of the ledger naming the indicator; a 503 (tasks-api unavailable) is shown, not retried. */
export function useLinkedTasks(code: string) {
  return useQuery({
    queryKey: ['indicators', 'linked-tasks', code],
    retry: (count, error) => status(error) !== 503 && count < 1,
    queryFn: async () =>
      unwrap(await indicatorsApi.GET('/api/indicators/v1/indicators/{code}/tasks', { params: { path: { code } } })),
  });
}

export function useClassSuggestion(code: string, period: string | undefined) {
  return useQuery({
    queryKey: ['indicators', 'class-suggestion', code, period],
    enabled: !!period,
    queryFn: async () =>
      unwrap(
        await indicatorsApi.GET('/api/indicators/v1/indicators/{code}/class-suggestion', {
          params: { path: { code }, query: { period: period! } },
        }),
      ),
  });
}

/**
 * The periods to offer for a framework: those its anchor indicator has approved data for (from the
 * trend), plus the framework's default period; and the period to open on.
 */
export function useFrameworkPeriods(framework: FrameworkRead | undefined) {
  const indicators = useIndicatorList(framework?.code, !!framework);
  const anchor = anchorIndicator(indicators.data);
  const trend = useTrend(anchor?.code);
  const fallback = framework ? DEFAULT_PERIODS[framework.code] : undefined;
  const periods = sortPeriodsDesc([...(trend.data ?? []).map((point) => point.period), fallback]);
  return {
    periods,
    defaultPeriod: fallback ?? periods[0],
    indicators: indicators.data,
    isPending: indicators.isPending || (!!anchor && trend.isPending),
  };
}

/** Periods of one indicator's trend, newest first, and which one to open on. */
export function periodChoices(trendPeriods: string[] | undefined, framework: string | undefined, chosen: string | null) {
  const fallback = framework ? DEFAULT_PERIODS[framework] : undefined;
  const periods = sortPeriodsDesc([...(trendPeriods ?? []), fallback, isPeriod(chosen) ? chosen : undefined]);
  const initial = isPeriod(chosen)
    ? chosen
    : fallback && (trendPeriods === undefined || trendPeriods.includes(fallback))
      ? fallback
      : periods[0];
  return { periods, period: initial };
}

/**
 * Page state kept in the URL (so a reload, a shared link and "back" from an indicator keep it).
 * `update` replaces the entry; undefined or '' removes a key.
 */
export function useUrlState() {
  const [params, setParams] = useSearchParams();
  const update = (changes: Record<string, string | number | undefined>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === '') next.delete(key);
          else next.set(key, String(value));
        }
        return next;
      },
      { replace: true },
    );
  return { params, update };
}
