import type { ReactNode } from 'react';
import { ApiError, problemMessage } from '../api/problem';
import { rt } from './rateText';
import { tr } from './text';

/** A labelled field with its hint and its error (announced to screen readers). */
export function Field({
  id,
  label,
  required,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  required?: boolean;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}`} data-field={id}>
      <label className="field-label" htmlFor={id}>
        {label}
        <span className={required ? 'field-required' : 'field-optional'}>{required ? tr('required') : tr('optional')}</span>
      </label>
      {children}
      {hint && !error && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** aria attributes tying an input to its hint or error. */
export const describedBy = (id: string, error?: string, hint?: boolean) => ({
  'aria-invalid': error ? true : undefined,
  'aria-describedby': error ? `${id}-error` : hint ? `${id}-hint` : undefined,
});

/** A failed call: the API's Chinese detail and its per-field messages. */
export function ProblemBox({ error, fallback }: { error: unknown; fallback?: string }) {
  if (!error) return null;
  const problem = error instanceof ApiError ? error.problem : undefined;
  const detail = problemMessage(problem) ?? (error instanceof ApiError ? undefined : error instanceof Error ? error.message : undefined);
  const fields =
    problem && typeof problem === 'object' && Array.isArray((problem as { errors?: unknown }).errors)
      ? ((problem as { errors: { message?: unknown }[] }).errors.map((e) => e.message).filter((m) => typeof m === 'string') as string[])
      : [];
  return (
    <div className="problem" role="alert">
      <p className="problem-title">{detail ?? fallback ?? tr('loadFailed')}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((message, i) => (
            <li key={i}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The page header with the two entries' links. */
export function Header({ title, intro, current }: { title: string; intro: string; current: 'report' | 'track' | 'rate' | 'league' }) {
  return (
    <header className="report-header">
      <nav className="report-nav" aria-label={tr('org')}>
        <span className="report-org">{tr('org')}</span>
        <span className="report-links">
          <a href="/report" aria-current={current === 'report' ? 'page' : undefined}>
            {tr('navReport')}
          </a>
          <a href="/track" aria-current={current === 'track' ? 'page' : undefined}>
            {tr('navTrack')}
          </a>
          <a href="/report/rate" aria-current={current === 'rate' ? 'page' : undefined}>
            {rt('navRate')}
          </a>
          <a href="/report/league" aria-current={current === 'league' ? 'page' : undefined}>
            {rt('navLeague')}
          </a>
        </span>
      </nav>
      <h1>{title}</h1>
      <p className="report-intro">{intro}</p>
    </header>
  );
}
