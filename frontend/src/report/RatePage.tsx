import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { ApiError } from '../api/problem';
import type { components } from '../api/schema/feedback';
import { checkPhone } from '../feedback/identifiers';
import { fieldMessages, publicApi } from './api';
import { useFormToken } from './formToken';
import { describedBy, Field, Header, ProblemBox } from './parts';
import { rt } from './rateText';
import { TRACKING_CODE_KEY } from './ReportPage';
import { tr } from './text';
import './rate.css';

type PublicService = components['schemas']['PublicService'];
type Created = components['schemas']['PublicRatingCreated'];

export interface RateValues {
  service_code: string;
  stars: number;
  comment: string;
  enterprise_name: string;
  contact_phone: string;
  website: string;
}

export const EMPTY_RATING: RateValues = { service_code: '', stars: 0, comment: '', enterprise_name: '', contact_phone: '', website: '' };

export type RateErrors = Partial<Record<keyof RateValues, string>>;

/** Every problem at once; an empty object means the rating may be sent (the API checks it all again). */
export function validateRating(values: RateValues): RateErrors {
  const errors: RateErrors = {};
  if (!values.service_code) errors.service_code = rt('serviceRequired');
  if (!(values.stars >= 1 && values.stars <= 5)) errors.stars = rt('starsRequired');
  if (values.comment.trim().length > 1000) errors.comment = rt('commentTooLong');
  if (values.enterprise_name.trim().length > 200) errors.enterprise_name = rt('enterpriseTooLong');
  if (values.contact_phone.trim() && !checkPhone(values.contact_phone).ok) errors.contact_phone = tr('phoneInvalid');
  return errors;
}

/** The body for POST /public/ratings: normalised phone, nothing empty sent as text. */
export function ratingBody(values: RateValues, formToken: string): components['schemas']['PublicRatingIn'] {
  const phone = values.contact_phone.trim() ? checkPhone(values.contact_phone) : null;
  return {
    service_code: values.service_code,
    stars: values.stars,
    comment: values.comment.trim() || null,
    enterprise_name: values.enterprise_name.trim() || null,
    contact_phone: phone ? (phone.ok ? phone.value : values.contact_phone.trim()) : null,
    form_token: formToken,
    website: values.website || null,
  };
}

/** Services grouped by their unit, in catalogue order, filtered by a search over service and unit names. */
export function groupServices(services: PublicService[], search: string): { unit: string; services: PublicService[] }[] {
  const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const groups = new Map<string, PublicService[]>();
  for (const service of services) {
    const text = `${service.name} ${service.unit_name} ${service.description ?? ''}`.toLowerCase();
    if (!words.every((word) => text.includes(word))) continue;
    groups.set(service.unit_name, [...(groups.get(service.unit_name) ?? []), service]);
  }
  return [...groups].map(([unit, list]) => ({ unit, services: list }));
}

const STAR_LABELS = ['star1', 'star2', 'star3', 'star4', 'star5'] as const;

function Stars({ value, onChange, error }: { value: number; onChange: (stars: number) => void; error?: string }) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}`} data-field="stars">
      <span className="field-label" id="stars-label">
        {rt('stars')}
        <span className="field-required">{tr('required')}</span>
      </span>
      <div className="stars" role="radiogroup" aria-labelledby="stars-label" id="stars" tabIndex={-1}>
        {STAR_LABELS.map((key, i) => {
          const n = i + 1;
          return (
            <label key={key} className={`star${value >= n ? ' star-on' : ''}`} title={rt(key)}>
              <input type="radio" name="stars" value={n} checked={value === n} onChange={() => onChange(n)} aria-label={rt('starLabel', { n, label: rt(key) })} />
              <span aria-hidden="true">★</span>
            </label>
          );
        })}
      </div>
      <p className="field-hint star-text" aria-live="polite">
        {value ? rt('starLabel', { n: value, label: rt(STAR_LABELS[value - 1]) }) : ' '}
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function Thanks({ created, onAnother }: { created: Created; onAnother: () => void }) {
  return (
    <section className="created" aria-live="polite">
      <h2>{rt('thanksTitle')}</h2>
      <p>{rt('thanksRated', { service: created.service_name, stars: created.stars })}</p>
      {created.tracking_code ? (
        <>
          <p className="created-label">{rt('becameCase')}</p>
          <p className="tracking-code" data-testid="tracking-code">
            {created.tracking_code}
          </p>
          {created.case_no && <p>{rt('becameCaseNo', { caseNo: created.case_no })}</p>}
          <p className="created-hint">{rt('becameCaseHint')}</p>
          <a className="button-primary" href="/track">
            {rt('goTrack')}
          </a>
        </>
      ) : (
        <p className="created-hint">{created.message}</p>
      )}
      <button type="button" className="button-link" onClick={onAnother}>
        {rt('rateAnother')}
      </button>
    </section>
  );
}

/** /report/rate: 营商环境我来评 for a 390 px phone — pick a service, give 1–5 stars, optionally comment. */
export function RatePage() {
  const [services, setServices] = useState<PublicService[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [search, setSearch] = useState('');
  const [values, setValues] = useState<RateValues>(EMPTY_RATING);
  const [errors, setErrors] = useState<RateErrors>({});
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const [picking, setPicking] = useState(true);
  const { prime, send } = useFormToken();

  const load = useCallback(() => {
    setLoadError(null);
    prime();
    void publicApi.GET('/api/feedback/v1/public/services').then(
      ({ data, error }) => (data ? setServices(data) : setLoadError(new ApiError(error))),
      (error: unknown) => setLoadError(error),
    );
  }, [prime]);

  useEffect(() => load(), [load]);

  const groups = useMemo(() => groupServices(services ?? [], search), [services, search]);
  const chosen = services?.find((s) => s.code === values.service_code);

  const set = <K extends keyof RateValues>(key: K, value: RateValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => (current[key] ? { ...current, [key]: undefined } : current));
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    const found = validateRating(values);
    setErrors(found);
    setSubmitError(null);
    const first = Object.keys(found)[0];
    if (first) {
      if (first === 'service_code') setPicking(true);
      document.getElementById(first === 'service_code' ? 'service-search' : first)?.focus();
      return;
    }
    setSubmitting(true);
    try {
      const result = await send((formToken) => publicApi.POST('/api/feedback/v1/public/ratings', { body: ratingBody(values, formToken) }));
      if (result.tracking_code) sessionStorage.setItem(TRACKING_CODE_KEY, result.tracking_code);
      setCreated(result);
      window.scrollTo?.(0, 0);
    } catch (error) {
      setSubmitError(error);
      const fields = fieldMessages(error);
      if (Object.keys(fields).length) setErrors((current) => ({ ...current, ...fields }));
    } finally {
      setSubmitting(false);
    }
  };

  const another = () => {
    setCreated(null);
    setValues(EMPTY_RATING);
    setErrors({});
    setSubmitError(null);
    setPicking(true);
    setSearch('');
    prime();
  };

  if (created) {
    return (
      <main className="report">
        <Header title={rt('rateTitle')} intro={rt('rateIntro')} current="rate" />
        <Thanks created={created} onAnother={another} />
      </main>
    );
  }

  const low = values.stars >= 1 && values.stars <= 2;
  return (
    <main className="report">
      <Header title={rt('rateTitle')} intro={rt('rateIntro')} current="rate" />
      {!services && !loadError && <p role="status">{tr('loading')}</p>}
      {loadError !== null && (
        <div>
          <ProblemBox error={loadError} fallback={rt('rateLoadFailed')} />
          <button type="button" className="button-secondary" onClick={load}>
            {tr('retry')}
          </button>
        </div>
      )}
      {services && (
        <form className="report-form" onSubmit={(event) => void onSubmit(event)} noValidate>
          <fieldset className="card">
            <legend>{rt('sectionService')}</legend>
            {chosen && !picking ? (
              <div className="chosen" data-testid="chosen-service">
                <p>{rt('serviceChosen', { name: chosen.name, unit: chosen.unit_name })}</p>
                <button type="button" className="button-link chosen-change" onClick={() => setPicking(true)}>
                  {rt('serviceChange')}
                </button>
              </div>
            ) : (
              <div className={`field${errors.service_code ? ' field-invalid' : ''}`} data-field="service_code">
                <label className="field-label" htmlFor="service-search">
                  {rt('serviceSearch')}
                </label>
                <input
                  id="service-search"
                  type="search"
                  value={search}
                  onChange={(event) => setSearch(event.target.value)}
                  placeholder={rt('serviceSearchPlaceholder')}
                  autoComplete="off"
                  className="search-input"
                  {...describedBy('service_code', errors.service_code)}
                />
                <div className="services" role="radiogroup" aria-label={rt('sectionService')} id="service_code">
                  {groups.length === 0 && <p className="field-hint">{rt('serviceNone')}</p>}
                  {groups.map((group) => (
                    <div key={group.unit} className="service-group" role="group" aria-label={group.unit}>
                      <p className="service-unit">{group.unit}</p>
                      {group.services.map((service) => (
                        <label key={service.code} className={`service${values.service_code === service.code ? ' service-on' : ''}`}>
                          <input
                            type="radio"
                            name="service_code"
                            value={service.code}
                            checked={values.service_code === service.code}
                            onChange={() => {
                              set('service_code', service.code);
                              setPicking(false);
                            }}
                          />
                          <span className="service-name">{service.name}</span>
                          <span className="service-stats">
                            {service.rating_count && service.average_stars !== null
                              ? rt('serviceStats', { count: service.rating_count, average: service.average_stars.toFixed(1) })
                              : rt('serviceNoStats')}
                          </span>
                        </label>
                      ))}
                    </div>
                  ))}
                </div>
                {errors.service_code && (
                  <p className="field-error" id="service_code-error" role="alert">
                    {errors.service_code}
                  </p>
                )}
              </div>
            )}
          </fieldset>

          <fieldset className="card">
            <legend>{rt('sectionStars')}</legend>
            <Stars value={values.stars} onChange={(stars) => set('stars', stars)} error={errors.stars} />
            <Field id="comment" label={rt('comment')} error={errors.comment} hint={low ? rt('commentLowHint') : rt('commentHint')}>
              <textarea
                id="comment"
                name="comment"
                rows={4}
                maxLength={1000}
                value={values.comment}
                onChange={(event) => set('comment', event.target.value)}
                {...describedBy('comment', errors.comment, true)}
              />
            </Field>
          </fieldset>

          <fieldset className="card">
            <legend>{rt('sectionContact')}</legend>
            <p className="note contact-intro">{rt('contactIntro')}</p>
            <Field id="enterprise_name" label={rt('enterpriseName')} error={errors.enterprise_name}>
              <input
                id="enterprise_name"
                name="enterprise_name"
                maxLength={200}
                autoComplete="organization"
                value={values.enterprise_name}
                onChange={(event) => set('enterprise_name', event.target.value)}
                {...describedBy('enterprise_name', errors.enterprise_name)}
              />
            </Field>
            <Field id="contact_phone" label={rt('phone')} error={errors.contact_phone} hint={rt('phoneHint')}>
              <input
                id="contact_phone"
                name="contact_phone"
                type="tel"
                inputMode="tel"
                maxLength={30}
                autoComplete="tel"
                value={values.contact_phone}
                onChange={(event) => set('contact_phone', event.target.value)}
                onBlur={() => {
                  const message = validateRating(values).contact_phone;
                  if (message) setErrors((current) => ({ ...current, contact_phone: message }));
                }}
                {...describedBy('contact_phone', errors.contact_phone, true)}
              />
            </Field>
            {/* Honeypot: hidden from people and screen readers, left empty by them; the API refuses a filled one. */}
            <div className="hp" aria-hidden="true">
              <label htmlFor="website">{tr('website')}</label>
              <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" value={values.website} onChange={(event) => set('website', event.target.value)} />
            </div>
          </fieldset>

          {Object.values(errors).some(Boolean) && !submitError && (
            <p className="field-error" role="alert">
              {rt('fixErrors')}
            </p>
          )}
          <ProblemBox error={submitError} />
          <button type="submit" className="button-primary" disabled={submitting}>
            {submitting ? rt('submitting') : rt('submit')}
          </button>
        </form>
      )}
    </main>
  );
}
