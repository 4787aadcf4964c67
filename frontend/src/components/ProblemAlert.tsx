import { Alert } from 'antd';
import { ApiError, isProblem, problemMessage } from '../api/problem';
import { useI18n } from '../i18n/I18nProvider';

interface FieldError {
  field?: string;
  message?: string;
}

/** Per-field messages of a problem document (`errors: [{field, message}]`), when it has any. */
export function fieldErrors(error: unknown): FieldError[] {
  const problem = error instanceof ApiError ? error.problem : error;
  if (!isProblem(problem) || !Array.isArray(problem.errors)) return [];
  return problem.errors.filter((e): e is FieldError => typeof e === 'object' && e !== null && 'message' in e);
}

/** The sentence to show for a failed call: the API's Chinese detail, else the error's own message. */
export function errorText(error: unknown, fallback: string): string {
  if (error instanceof ApiError) return problemMessage(error.problem) ?? fallback;
  if (error instanceof Error && error.message) return error.message;
  return fallback;
}

/** An error alert for a failed load or action; shows the detail and every per-field message. */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useI18n();
  if (!error) return null;
  const detail = error instanceof ApiError ? problemMessage(error.problem) : undefined;
  const fields = fieldErrors(error);
  return (
    <Alert
      type="error"
      showIcon
      message={title ?? detail ?? t('error.loadFailed')}
      description={
        title || fields.length ? (
          <>
            {title && detail && <div>{detail}</div>}
            {fields.length > 0 && (
              <ul className="problem-fields">
                {fields.map((f, i) => (
                  <li key={i}>{f.message}</li>
                ))}
              </ul>
            )}
          </>
        ) : undefined
      }
    />
  );
}

/** The load-failure alert of a page or table. */
export function LoadError({ error }: { error: Error | null }) {
  const { t } = useI18n();
  if (!error) return null;
  return <ProblemAlert error={error} title={t('error.loadFailed')} />;
}
