import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { feedbackApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import type { components } from '../../../api/schema/feedback';
import { FEEDBACK_KEY } from '../../../feedback/hooks';
import { percent } from '../league/period';

export type DispatchModel = components['schemas']['DispatchModelRead'];
export type DispatchModelList = components['schemas']['DispatchModelList'];
export type Acceptance = components['schemas']['Acceptance'];

export const MODELS_PAGE_SIZE = 20;
export const MODELS_KEY = [FEEDBACK_KEY, 'dispatch', 'models'] as const;

export function useDispatchModels(page: number) {
  return useQuery({
    queryKey: [...MODELS_KEY, page],
    queryFn: async () =>
      unwrap(await feedbackApi.GET('/api/feedback/v1/dispatch/models', { params: { query: { page, page_size: MODELS_PAGE_SIZE } } })),
  });
}

/** 立即重新训练: a new version (a rules version while closed cases are too few); the list refreshes. */
export function useRetrain(onDone: (version: DispatchModel) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await feedbackApi.POST('/api/feedback/v1/dispatch/models')),
    onSuccess: (version) => {
      void queryClient.invalidateQueries({ queryKey: MODELS_KEY });
      onDone(version);
    },
  });
}

/** A number from a version's `metrics` (the API stores them as free JSON: absent for rules and failed versions). */
export const metric = (version: DispatchModel, key: string): number | null => {
  const value = version.metrics[key];
  return typeof value === 'number' ? value : null;
};

/** A 0–1 share as the app shows rates elsewhere (晾晒, 我来评): 97.50%. */
export const share = (value: number | null | undefined) => percent(value === null || value === undefined ? value : value * 100);
