/** RFC 9457 problem details, as every service returns its errors (Chinese title/detail). */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  errors?: unknown;
}

export function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && ('detail' in value || 'title' in value);
}

/** The message a person can act on, or undefined when the body is not a problem document. */
export function problemMessage(error: unknown): string | undefined {
  if (!isProblem(error)) return undefined;
  return error.detail || error.title;
}

/** A failed API call, carrying the problem document for display. */
export class ApiError extends Error {
  constructor(readonly problem: unknown) {
    super(problemMessage(problem) ?? 'API request failed');
  }
}

/** Turns an openapi-fetch result into its data, throwing ApiError for TanStack Query to report. */
export function unwrap<T>(result: { data?: T; error?: unknown }): T {
  if (result.data === undefined) throw new ApiError(result.error);
  return result.data;
}
