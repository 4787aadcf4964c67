import { useQuery } from '@tanstack/react-query';
import { saveDownload, tasksApi } from '../../../api/http';
import { ApiError, unwrap } from '../../../api/problem';
import type { components } from '../../../api/schema/tasks';
import type { TaskRead } from '../../../api/types';
import { asOfSuffix } from '../../../tasks/hooks';

type Schemas = components['schemas'];
export type BestPracticeBrief = Schemas['BestPracticeBrief'];
export type BestPracticeRead = Schemas['BestPracticeRead'];
export type ReplicationRead = Schemas['ReplicationRead'];
export type EvidenceFile = Schemas['EvidenceFile'];

/** Stages from which a task may become a best practice (成果固化, 复制推广). */
export const CONSOLIDATED_STAGES: readonly TaskRead['lifecycle_stage'][] = ['consolidation', 'replication'];

export const practicePath = (code: string, asOf?: string) =>
  `/supervision/practices/${encodeURIComponent(code)}${asOfSuffix(asOf)}`;

/**
 * The best practice formed from a task, if any. The list has no task filter, so this reads the task's
 * environment's cases (a few dozen a year, one page) and picks the task's own.
 */
export function useTaskPractice(task: Pick<TaskRead, 'code' | 'environment' | 'lifecycle_stage'>) {
  return useQuery({
    queryKey: ['tasks', 'practices', 'for-task', task.code],
    enabled: CONSOLIDATED_STAGES.includes(task.lifecycle_stage),
    queryFn: async () => {
      const page = unwrap(
        await tasksApi.GET('/api/tasks/v1/best-practices', {
          params: { query: { environment: task.environment, page_size: 200 } },
        }),
      );
      return page.items.find((item) => item.task_code === task.code) ?? null;
    },
  });
}

/** Downloads an evidence file of a case with the bearer token and saves it under its name. */
export async function downloadEvidence(code: string, file: EvidenceFile) {
  const { data, error } = await tasksApi.GET('/api/tasks/v1/best-practices/{code}/attachments/{index}', {
    params: { path: { code, index: file.index } },
    parseAs: 'blob',
  });
  // Not `instanceof Blob`: the fetch implementation's Blob need not be the page's (it is not under jsdom).
  if (error !== undefined || !data) throw new ApiError(error);
  saveDownload({ blob: data as Blob, filename: file.filename });
}
