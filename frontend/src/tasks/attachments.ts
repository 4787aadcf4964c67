import { saveDownload, tasksApi } from '../api/http';
import { ApiError, unwrap } from '../api/problem';

/** Adds one file to a submitted progress report (multipart `file`). */
export async function uploadAttachment(reportId: string, file: File, asOf?: string) {
  return unwrap(
    await tasksApi.POST('/api/tasks/v1/reports/{report_id}/attachments', {
      params: { path: { report_id: reportId }, query: { as_of: asOf } },
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

/** Downloads an attachment with the bearer token and saves it under its original name. */
export async function downloadAttachment(reportId: string, index: number, filename: string) {
  const { data, error } = await tasksApi.GET('/api/tasks/v1/reports/{report_id}/attachments/{index}', {
    params: { path: { report_id: reportId, index } },
    parseAs: 'blob',
  });
  if (error !== undefined || !(data instanceof Blob)) throw new ApiError(error);
  saveDownload({ blob: data, filename });
}
