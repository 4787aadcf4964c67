import { useQuery } from '@tanstack/react-query';
import { tasksApi } from '../../../api/http';
import { unwrap } from '../../../api/problem';
import type { TaskRead } from '../../../api/types';
import type { EvaluationKind, EvaluationRead } from './types';

/** Query keys start with 'tasks' so the ledger's invalidations refresh these too. */
export const EVAL_KEY = ['tasks', 'evaluations'] as const;

const MAX_PAGE = 200;

/** Every page of a paginated list (the API caps a page at 200). */
async function allPages<T>(fetchPage: (page: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const first = await fetchPage(1);
  const items = [...first.items];
  for (let page = 2; items.length < first.total && page <= 50; page += 1) {
    const next = await fetchPage(page);
    if (!next.items.length) break;
    items.push(...next.items);
  }
  return items;
}

export function useRubric(year: number) {
  return useQuery({
    queryKey: [...EVAL_KEY, 'rubric', year],
    queryFn: async () => unwrap(await tasksApi.GET('/api/tasks/v1/evaluations/rubric', { params: { query: { year } } })),
  });
}

/** The year's tasks the caller sees, optionally led by one unit; all pages. */
export function useYearTasks(year: number, leadUnitId?: string, enabled = true) {
  return useQuery({
    queryKey: ['tasks', 'list', 'evaluations', year, leadUnitId ?? null],
    enabled,
    queryFn: () =>
      allPages<TaskRead>(async (page) =>
        unwrap(
          await tasksApi.GET('/api/tasks/v1/tasks', {
            params: { query: { year, lead_unit_id: leadUnitId, page, page_size: MAX_PAGE, sort: 'code' } },
          }),
        ),
      ),
  });
}

/** Every evaluation of one kind and period (optionally given by one unit); all pages. */
export function usePeriodEvaluations(year: number, period: string, kind: EvaluationKind, evaluatorUnitId?: string, enabled = true) {
  return useQuery({
    queryKey: [...EVAL_KEY, 'period', year, period, kind, evaluatorUnitId ?? null],
    enabled,
    queryFn: () =>
      allPages<EvaluationRead>(async (page) =>
        unwrap(
          await tasksApi.GET('/api/tasks/v1/evaluations', {
            params: { query: { year, period, kind, evaluator_unit_id: evaluatorUnitId, page, page_size: MAX_PAGE } },
          }),
        ),
      ),
  });
}
