import { useQuery } from '@tanstack/react-query';
import { saveDownload, tasksApi } from '../../../api/http';
import { ApiError, unwrap } from '../../../api/problem';

/** Query keys start with 'tasks' so the ledger's invalidations refresh these pages too. */
export const KEYS = {
  inspections: ['tasks', 'inspections'] as const,
  rectifications: ['tasks', 'rectifications'] as const,
};

export function useInspection(code: string, asOf?: string) {
  return useQuery({
    queryKey: [...KEYS.inspections, 'detail', code, asOf],
    queryFn: async () =>
      unwrap(await tasksApi.GET('/api/tasks/v1/inspections/{code}', { params: { path: { code }, query: { as_of: asOf } } })),
  });
}

export function useRectification(id: string, asOf?: string) {
  return useQuery({
    queryKey: [...KEYS.rectifications, 'detail', id, asOf],
    queryFn: async () =>
      unwrap(
        await tasksApi.GET('/api/tasks/v1/rectifications/{rectification_id}', {
          params: { path: { rectification_id: id }, query: { as_of: asOf } },
        }),
      ),
  });
}

/** Adds one evidence file to an open rectification (multipart `file`). */
export async function uploadRectificationAttachment(id: string, file: File, asOf?: string) {
  return unwrap(
    await tasksApi.POST('/api/tasks/v1/rectifications/{rectification_id}/attachments', {
      params: { path: { rectification_id: id }, query: { as_of: asOf } },
      // The generated type models the file part as a string; the real body is multipart.
      body: { file: file as unknown as string },
      bodySerializer: (body) => {
        const form = new FormData();
        form.append('file', body.file as unknown as File);
        return form;
      },
    }),
  );
}

/** Downloads an evidence file with the bearer token and saves it under its original name. */
export async function downloadRectificationAttachment(id: string, index: number, filename: string) {
  const { data, error } = await tasksApi.GET('/api/tasks/v1/rectifications/{rectification_id}/attachments/{index}', {
    params: { path: { rectification_id: id, index } },
    parseAs: 'blob',
  });
  if (error !== undefined || !(data instanceof Blob)) throw new ApiError(error);
  saveDownload({ blob: data, filename });
}
