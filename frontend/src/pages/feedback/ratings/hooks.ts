import { useQuery } from '@tanstack/react-query';
import { feedbackApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import type { components } from '../../../api/schema/feedback';
import { FEEDBACK_KEY } from '../../../feedback/hooks';

export type RatingSummary = components['schemas']['RatingSummary'];
export type Stats = components['schemas']['Stats'];
export type ServiceStats = components['schemas']['ServiceStats'];
export type UnitStats = components['schemas']['UnitStats'];
export type RatingRead = components['schemas']['RatingRead'];
export type RatedService = components['schemas']['RatedServiceRead'];

export const RATINGS_KEY = [FEEDBACK_KEY, 'ratings'] as const;
export const SERVICES_KEY = [FEEDBACK_KEY, 'ratings', 'services'] as const;

export function useRatingSummary(period: string, unit: string | undefined) {
  return useQuery({
    queryKey: [...RATINGS_KEY, 'summary', period, unit ?? null],
    queryFn: async () => unwrap(await feedbackApi.GET('/api/feedback/v1/ratings/summary', { params: { query: { period, unit } } })),
  });
}

export interface RatingFilters {
  period: string;
  unit?: string;
  stars?: number;
  has_case?: boolean;
  page: number;
}

export const RATINGS_PAGE_SIZE = 20;

export function useRatings(filters: RatingFilters, enabled = true) {
  return useQuery({
    queryKey: [...RATINGS_KEY, 'list', filters],
    enabled,
    queryFn: async () =>
      unwrap(
        await feedbackApi.GET('/api/feedback/v1/ratings', {
          params: {
            query: {
              period: filters.period,
              unit: filters.unit,
              stars: filters.stars,
              has_case: filters.has_case,
              page: filters.page,
              page_size: RATINGS_PAGE_SIZE,
            },
          },
        }),
      ),
  });
}

/** The catalogue with inactive services (staff). */
export function useRatedServices(enabled = true) {
  return useQuery({
    queryKey: SERVICES_KEY,
    enabled,
    queryFn: async () => unwrap(await feedbackApi.GET('/api/feedback/v1/ratings/services')),
  });
}

/** ★★★★☆ for an average of 4.2 (rounded to whole stars), with the number beside it. */
export const starText = (average: number | null | undefined) =>
  average === null || average === undefined ? '—' : `${'★'.repeat(Math.round(average))}${'☆'.repeat(5 - Math.round(average))}`;
