import { useCallback, useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { ApiError } from '../api/problem';
import { checkPhone } from '../feedback/identifiers';
import type { PublicCaseCreated, PublicOptions } from '../feedback/types';
import { acceptedFile, formatDate, MAX_ATTACHMENTS, publicApi, uploadAttachment, fieldMessages, ACCEPTED_EXTENSIONS, ACCEPTED_TYPES } from './api';
import { describedBy, Field, Header, ProblemBox } from './parts';
import { useFormToken } from './formToken';
import { tr } from './text';
import { EMPTY_REPORT, isAnonymous, reportBody, validateReport, type ReportErrors, type ReportValues } from './validate';

/** sessionStorage key that hands the new tracking code to /track (the phone number is never stored). */
export const TRACKING_CODE_KEY = 'report.trackingCode';

interface Upload {
  name: string;
  error?: string;
}

function Created({ created, uploads, uploading, onAnother }: { created: PublicCaseCreated; uploads: Upload[]; uploading: { done: number; total: number } | null; onAnother: () => void }) {
  const [copied, setCopied] = useState(false);
  const failed = uploads.filter((u) => u.error);
  const copy = () => {
    void navigator.clipboard?.writeText(created.tracking_code).then(() => setCopied(true), () => undefined);
  };
  return (
    <section className="created" aria-live="polite">
      <h2>{tr('createdTitle')}</h2>
      <p className="created-label">{tr('createdCode')}</p>
      <p className="tracking-code" data-testid="tracking-code">
        {created.tracking_code}
      </p>
      {typeof navigator !== 'undefined' && navigator.clipboard && (
        <button type="button" className="button-secondary" onClick={copy}>
          {copied ? tr('copied') : tr('copy')}
        </button>
      )}
      <p className="created-hint">{tr('createdCodeHint')}</p>
      <p>{tr('createdCaseNo', { caseNo: created.case_no })}</p>
      <p>{tr('createdDue', { date: formatDate(created.due_at) })}</p>
      {uploading && <p role="status">{tr('uploading', uploading)}</p>}
      {!uploading && uploads.length > 0 && uploads.length > failed.length && (
        <p>{tr('uploadedAll', { count: uploads.length - failed.length })}</p>
      )}
      {failed.length > 0 && (
        <div className="problem" role="alert">
          {failed.map((u) => (
            <p key={u.name}>{tr('uploadFailed', { name: u.name, reason: u.error ?? '' })}</p>
          ))}
          <p>{tr('uploadFailedHint')}</p>
        </div>
      )}
      <a className="button-primary" href="/track">
        {tr('goTrack')}
      </a>
      <button type="button" className="button-link" onClick={onAnother}>
        {tr('another')}
      </button>
    </section>
  );
}

/** /report: the complaint form for a 390 px phone, spam-guarded by a form token and a honeypot. */
export function ReportPage() {
  const [options, setOptions] = useState<PublicOptions | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [values, setValues] = useState<ReportValues>(EMPTY_REPORT);
  const [errors, setErrors] = useState<ReportErrors>({});
  const [files, setFiles] = useState<File[]>([]);
  const [fileError, setFileError] = useState<string | null>(null);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const [created, setCreated] = useState<PublicCaseCreated | null>(null);
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [uploading, setUploading] = useState<{ done: number; total: number } | null>(null);
  const formToken = useFormToken();

  const load = useCallback(() => {
    setLoadError(null);
    // The token is taken when the form opens, so its minimum fill time has passed by the time a person submits.
    formToken.prime();
    void publicApi.GET('/api/feedback/v1/public/options').then(
      ({ data, error }) => (data ? setOptions(data) : setLoadError(new ApiError(error))),
      (error: unknown) => setLoadError(error),
    );
  }, []);

  useEffect(() => load(), [load]);

  const anonymousTypes = (options?.types ?? []).filter((type) => type.anonymous_allowed).map((type) => type.code);
  const anonymous = isAnonymous(values, anonymousTypes);
  const maxBytes = options?.max_attachment_bytes ?? 10 * 1024 * 1024;
  const maxMb = Math.floor(maxBytes / 1024 / 1024);

  const set = <K extends keyof ReportValues>(key: K, value: ReportValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => (current[key] ? { ...current, [key]: undefined } : current));
  };
  const onText = (key: keyof ReportValues) => (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
    set(key, event.target.value as never);

  /** Re-checks one field when leaving it (credit code and phone get their message before sending). */
  const onBlur = (key: keyof ReportValues) => () => {
    const message = validateReport(values, anonymousTypes)[key];
    if (message && (values[key] as string).trim()) setErrors((current) => ({ ...current, [key]: message }));
  };

  const onFiles = (event: ChangeEvent<HTMLInputElement>) => {
    const picked = [...(event.target.files ?? [])];
    event.target.value = '';
    const problems: string[] = [];
    const next = [...files];
    for (const file of picked) {
      if (!acceptedFile(file)) problems.push(tr('attachmentType', { name: file.name }));
      else if (file.size > maxBytes) problems.push(tr('attachmentSize', { name: file.name, mb: maxMb }));
      else if (next.length >= MAX_ATTACHMENTS) problems.push(tr('attachmentCount', { count: MAX_ATTACHMENTS }));
      else next.push(file);
    }
    setFiles(next);
    setFileError(problems.length ? [...new Set(problems)].join('；') : null);
  };

  const send = (): Promise<PublicCaseCreated> =>
    formToken.send((token) =>
      publicApi.POST('/api/feedback/v1/public/cases', { body: reportBody(values, anonymousTypes, token) }),
    );

  const upload = async (result: PublicCaseCreated) => {
    const checked = anonymous ? null : checkPhone(values.contact_phone);
    const phone = checked?.ok ? checked.value : null;
    const done: Upload[] = [];
    for (const [i, file] of files.entries()) {
      setUploading({ done: i, total: files.length });
      try {
        await uploadAttachment(result.tracking_code, phone, file);
        done.push({ name: file.name });
      } catch (error) {
        const detail = error instanceof ApiError ? (error.message || tr('loadFailed')) : tr('loadFailed');
        done.push({ name: file.name, error: detail });
      }
      setUploads([...done]);
    }
    setUploading(null);
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    const found = validateReport(values, anonymousTypes);
    setErrors(found);
    setSubmitError(null);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(first)?.focus();
      return;
    }
    setSubmitting(true);
    try {
      const result = await send();
      sessionStorage.setItem(TRACKING_CODE_KEY, result.tracking_code);
      setCreated(result);
      window.scrollTo?.(0, 0);
      if (files.length) await upload(result);
    } catch (error) {
      setSubmitError(error);
      // The API's per-field messages go on the fields too.
      const fields = fieldMessages(error);
      if (Object.keys(fields).length) setErrors((current) => ({ ...current, ...fields }));
    } finally {
      setSubmitting(false);
    }
  };

  const another = () => {
    setCreated(null);
    setValues(EMPTY_REPORT);
    setErrors({});
    setFiles([]);
    setUploads([]);
    setSubmitError(null);
    formToken.prime();
  };

  if (created) {
    return (
      <main className="report">
        <Header title={tr('reportTitle')} intro={tr('urgent')} current="report" />
        <Created created={created} uploads={uploads} uploading={uploading} onAnother={another} />
      </main>
    );
  }

  const selectedType = options?.types.find((type) => type.code === values.type);
  const input = (key: keyof ReportValues, hint = false) => ({
    id: key,
    name: key,
    value: values[key] as string,
    onChange: onText(key),
    ...describedBy(key, errors[key], hint),
  });

  return (
    <main className="report">
      <Header title={tr('reportTitle')} intro={tr('reportIntro')} current="report" />
      <p className="report-urgent">
        <a href="tel:12345">{tr('urgent')}</a>
      </p>
      {!options && !loadError && <p role="status">{tr('loading')}</p>}
      {loadError !== null && (
        <div>
          <ProblemBox error={loadError} fallback={tr('loadFailed')} />
          <button type="button" className="button-secondary" onClick={load}>
            {tr('retry')}
          </button>
        </div>
      )}
      {options && (
        <form className="report-form" onSubmit={(event) => void onSubmit(event)} noValidate>
          <fieldset className="card">
            <legend>{tr('sectionMatter')}</legend>
            <div className={`field${errors.type ? ' field-invalid' : ''}`} data-field="type">
              <span className="field-label" id="type-label">
                {tr('type')}
                <span className="field-required">{tr('required')}</span>
              </span>
              <div className="chips" role="radiogroup" aria-labelledby="type-label" id="type" tabIndex={-1}>
                {options.types.map((type) => (
                  <label key={type.code} className={`chip${values.type === type.code ? ' chip-on' : ''}`}>
                    <input type="radio" name="type" value={type.code} checked={values.type === type.code} onChange={() => set('type', type.code)} />
                    {type.label}
                  </label>
                ))}
              </div>
              {selectedType && !errors.type && (
                <p className="field-hint">{tr('typeLimit', { label: selectedType.label, days: selectedType.time_limit_working_days })}</p>
              )}
              {errors.type && (
                <p className="field-error" role="alert">
                  {errors.type}
                </p>
              )}
            </div>
            <Field id="category_code" label={tr('category')} required error={errors.category_code}>
              <select {...input('category_code')}>
                <option value="">{tr('categoryPlaceholder')}</option>
                {options.categories.map((group) =>
                  group.children?.length ? (
                    <optgroup key={group.code} label={group.name}>
                      {group.children.map((child) => (
                        <option key={child.code} value={child.code}>
                          {child.name}
                        </option>
                      ))}
                    </optgroup>
                  ) : (
                    <option key={group.code} value={group.code}>
                      {group.name}
                    </option>
                  ),
                )}
              </select>
            </Field>
            <Field id="title" label={tr('title')} required error={errors.title}>
              <input {...input('title')} maxLength={200} placeholder={tr('titlePlaceholder')} autoComplete="off" />
            </Field>
            <Field id="description" label={tr('description')} required error={errors.description} hint={`${values.description.trim().length} / 5000`}>
              <textarea {...input('description', true)} rows={6} maxLength={5000} placeholder={tr('descriptionPlaceholder')} />
            </Field>
            <Field id="desired_outcome" label={tr('desiredOutcome')} error={errors.desired_outcome}>
              <textarea {...input('desired_outcome')} rows={3} maxLength={2000} />
            </Field>
            <Field id="district" label={tr('district')} error={errors.district}>
              <select {...input('district')}>
                <option value="">{tr('districtPlaceholder')}</option>
                {options.districts.map((d) => (
                  <option key={d.code} value={d.code}>
                    {d.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="address" label={tr('address')} error={errors.address}>
              <input {...input('address')} maxLength={300} autoComplete="street-address" />
            </Field>
          </fieldset>

          <fieldset className="card">
            <legend>{tr('sectionEnterprise')}</legend>
            {anonymousTypes.includes(values.type) && (
              <label className="checkbox">
                <input type="checkbox" checked={values.anonymous} onChange={(event) => set('anonymous', event.target.checked)} />
                {tr('anonymous')}
              </label>
            )}
            {!anonymous && (
              <>
                <Field id="enterprise_name" label={tr('enterpriseName')} required error={errors.enterprise_name}>
                  <input {...input('enterprise_name')} maxLength={200} autoComplete="organization" />
                </Field>
                <Field id="credit_code" label={tr('creditCode')} error={errors.credit_code} hint={tr('creditCodeHint')}>
                  <input
                    {...input('credit_code', true)}
                    onBlur={onBlur('credit_code')}
                    maxLength={40}
                    autoCapitalize="characters"
                    autoComplete="off"
                    spellCheck={false}
                    className="mono"
                  />
                </Field>
                <Field id="contact_name" label={tr('contactName')} required error={errors.contact_name}>
                  <input {...input('contact_name')} maxLength={50} autoComplete="name" />
                </Field>
                <Field id="contact_phone" label={tr('contactPhone')} required error={errors.contact_phone} hint={tr('contactPhoneHint')}>
                  <input {...input('contact_phone', true)} onBlur={onBlur('contact_phone')} type="tel" inputMode="tel" maxLength={30} autoComplete="tel" />
                </Field>
              </>
            )}
            <p className="note">{tr('privacy')}</p>
            {/* Honeypot: hidden from people and screen readers, left empty by them; the API refuses a filled one. */}
            <div className="hp" aria-hidden="true">
              <label htmlFor="website">{tr('website')}</label>
              <input id="website" name="website" type="text" tabIndex={-1} autoComplete="off" value={values.website} onChange={onText('website')} />
            </div>
          </fieldset>

          <fieldset className="card">
            <legend>{tr('sectionAttachments')}</legend>
            <p className="field-hint">{tr('attachmentsHint', { count: MAX_ATTACHMENTS, mb: maxMb })}</p>
            {files.length > 0 && (
              <ul className="files">
                {files.map((file, i) => (
                  <li key={`${file.name}-${i}`}>
                    <span className="file-name">{file.name}</span>
                    <button type="button" className="button-link" onClick={() => setFiles(files.filter((_, j) => j !== i))}>
                      {tr('attachmentRemove')}
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {files.length < MAX_ATTACHMENTS && (
              <label className="button-secondary file-pick">
                {tr('attachmentsPick')}
                <input
                  type="file"
                  multiple
                  accept={[...ACCEPTED_TYPES, ...ACCEPTED_EXTENSIONS].join(',')}
                  onChange={onFiles}
                  aria-label={tr('attachmentsPick')}
                />
              </label>
            )}
            {fileError && (
              <p className="field-error" role="alert">
                {fileError}
              </p>
            )}
          </fieldset>

          {Object.values(errors).some(Boolean) && !submitError && <p className="field-error" role="alert">{tr('fixErrors')}</p>}
          <ProblemBox error={submitError} />
          <button type="submit" className="button-primary" disabled={submitting}>
            {submitting ? tr('submitting') : tr('submit')}
          </button>
        </form>
      )}
    </main>
  );
}
