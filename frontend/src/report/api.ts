// The public endpoints of feedback-api, without an account. Typed from the same OpenAPI schema as the staff app,
// but none of its token handling: nothing here needs or sends a login.
import createClient from 'openapi-fetch';
import type { paths } from '../api/schema/feedback';
import { ApiError, isProblem } from '../api/problem';

// Looked up on every call so tests can stub globalThis.fetch.
export const publicApi = createClient<paths>({
  baseUrl: window.location.origin,
  fetch: (request: Request) => globalThis.fetch(request),
});

/** The problem code of a failed call (`public.not_found`, `public.form_token_used` …), if any. */
export function problemCode(error: unknown): string | undefined {
  const problem = error instanceof ApiError ? error.problem : error;
  return isProblem(problem) && typeof problem.code === 'string' ? problem.code : undefined;
}

/** Per-field messages of a 422 (`errors: [{field, message}]`) keyed by field name. */
export function fieldMessages(error: unknown): Record<string, string> {
  const problem = error instanceof ApiError ? error.problem : error;
  if (!isProblem(problem) || !Array.isArray(problem.errors)) return {};
  const out: Record<string, string> = {};
  for (const item of problem.errors as { field?: unknown; message?: unknown }[]) {
    if (typeof item?.field === 'string' && typeof item.message === 'string' && !(item.field in out)) out[item.field] = item.message;
  }
  return out;
}

/** Uploads one attachment to a tracked case (multipart: tracking code, phone, file). */
export async function uploadAttachment(trackingCode: string, phone: string | null, file: File) {
  const form = new FormData();
  form.append('tracking_code', trackingCode);
  if (phone) form.append('phone', phone);
  form.append('file', file);
  const result = await publicApi.POST('/api/feedback/v1/public/track/attachments', {
    body: form as unknown as { file: string; tracking_code: string },
    bodySerializer: (body) => body as unknown as FormData,
  });
  if (result.data === undefined) throw new ApiError(result.error);
  return result.data;
}

export const ACCEPTED_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'application/pdf'];
export const ACCEPTED_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.gif', '.webp', '.pdf'];
export const MAX_ATTACHMENTS = 10;

/** Images and PDF only (the API checks the bytes again). */
export function acceptedFile(file: File): boolean {
  const name = file.name.toLowerCase();
  return ACCEPTED_TYPES.includes(file.type) || ACCEPTED_EXTENSIONS.some((ext) => name.endsWith(ext));
}

/** Business dates are Shanghai dates (a deadline is 23:59:59+08:00), whatever the phone's time zone. */
const SHANGHAI = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function parts(value: string) {
  const out: Record<string, string> = {};
  for (const part of SHANGHAI.formatToParts(new Date(value))) out[part.type] = part.value;
  return out;
}

/** YYYY-MM-DD (Shanghai). */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const p = parts(value);
  return `${p.year}-${p.month}-${p.day}`;
}

/** YYYY-MM-DD HH:mm (Shanghai). */
export function formatTime(value: string | null | undefined): string {
  if (!value) return '—';
  const p = parts(value);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
