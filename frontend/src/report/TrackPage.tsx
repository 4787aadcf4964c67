import { useState, type ChangeEvent, type FormEvent } from 'react';
import { ApiError } from '../api/problem';
import { checkPhone, formatTrackingCode } from '../feedback/identifiers';
import { SATISFACTIONS, type Satisfaction, type TrackedCase } from '../feedback/types';
import { acceptedFile, formatDate, formatTime, publicApi, uploadAttachment, ACCEPTED_EXTENSIONS, ACCEPTED_TYPES } from './api';
import { TRACKING_CODE_KEY } from './ReportPage';
import { describedBy, Field, Header, ProblemBox } from './parts';
import { tr } from './text';

const CODE_ALPHABET = /^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{12}$/;
const MAX_BYTES = 10 * 1024 * 1024;
const SATISFACTION_LABELS: Record<Satisfaction, string> = { satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意' };

interface Credentials {
  tracking_code: string;
  phone: string | null;
}

/** Validates the lookup form: 12 characters of the code alphabet and, if given, a phone number. */
export function checkLookup(code: string, phone: string): { errors: Record<string, string>; credentials?: Credentials } {
  const errors: Record<string, string> = {};
  const raw = code.toUpperCase().replace(/[^0-9A-Z]/g, '');
  if (!CODE_ALPHABET.test(raw)) errors.tracking_code = tr('trackingCodeRequired');
  let normalised: string | null = null;
  if (phone.trim()) {
    const checked = checkPhone(phone);
    if (checked.ok) normalised = checked.value;
    else errors.contact_phone = tr('phoneInvalid');
  }
  return Object.keys(errors).length ? { errors } : { errors, credentials: { tracking_code: raw, phone: normalised } };
}

async function track(credentials: Credentials): Promise<TrackedCase> {
  const { data, error } = await publicApi.POST('/api/feedback/v1/public/track', { body: credentials });
  if (!data) throw new ApiError(error);
  return data;
}

function AddInfo({ credentials, onCase }: { credentials: Credentials; onCase: (c: TrackedCase) => void }) {
  const [content, setContent] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const length = content.trim().length;
    if (length < 2 || length > 2000) {
      setError(tr('addInfoRequired'));
      return;
    }
    setBusy(true);
    setFailure(null);
    setDone(null);
    try {
      const { data, error: problem } = await publicApi.POST('/api/feedback/v1/public/track/info', {
        body: { ...credentials, content: content.trim() },
      });
      if (!data) throw new ApiError(problem);
      onCase(data);
      setContent('');
      setDone(tr('addInfoDone'));
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    setFailure(null);
    setDone(null);
    if (!acceptedFile(file)) {
      setFailure(new Error(tr('attachmentType', { name: file.name })));
      return;
    }
    if (file.size > MAX_BYTES) {
      setFailure(new Error(tr('attachmentSize', { name: file.name, mb: MAX_BYTES / 1024 / 1024 })));
      return;
    }
    setBusy(true);
    try {
      onCase(await uploadAttachment(credentials.tracking_code, credentials.phone, file));
      setDone(tr('attachmentUploaded'));
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="add-info-title">
      <h2 id="add-info-title">{tr('addInfo')}</h2>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Field id="info" label={tr('addInfo')} required error={error} hint={tr('addInfoHint')}>
          <textarea
            id="info"
            rows={3}
            maxLength={2000}
            value={content}
            onChange={(event) => {
              setContent(event.target.value);
              setError(undefined);
            }}
            {...describedBy('info', error, true)}
          />
        </Field>
        <div className="row-actions">
          <button type="submit" className="button-secondary" disabled={busy}>
            {tr('addInfoSubmit')}
          </button>
          <label className="button-secondary file-pick">
            {tr('addAttachment')}
            <input type="file" accept={[...ACCEPTED_TYPES, ...ACCEPTED_EXTENSIONS].join(',')} onChange={(event) => void onFile(event)} aria-label={tr('addAttachment')} disabled={busy} />
          </label>
        </div>
      </form>
      {done && (
        <p className="success" role="status">
          {done}
        </p>
      )}
      <ProblemBox error={failure} />
    </section>
  );
}

function Rate({ credentials, onCase }: { credentials: Credentials; onCase: (c: TrackedCase) => void }) {
  const [choice, setChoice] = useState<Satisfaction | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const ask = (event: FormEvent) => {
    event.preventDefault();
    if (!choice) {
      setError(tr('rateRequired'));
      return;
    }
    if (comment.trim().length > 1000) {
      setError(tr('tooLong', { max: 1000 }));
      return;
    }
    setConfirming(true);
  };

  const send = async () => {
    if (!choice) return;
    setBusy(true);
    setFailure(null);
    try {
      const { data, error: problem } = await publicApi.POST('/api/feedback/v1/public/track/rating', {
        body: { ...credentials, satisfaction: choice, comment: comment.trim() || null },
      });
      if (!data) throw new ApiError(problem);
      onCase(data);
    } catch (err) {
      setFailure(err);
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card rate" aria-labelledby="rate-title">
      <h2 id="rate-title">{tr('rate')}</h2>
      <p className="field-hint">{tr('rateHint')}</p>
      <form onSubmit={ask} noValidate>
        <div className="chips" role="radiogroup" aria-label={tr('rate')}>
          {SATISFACTIONS.map((value) => (
            <label key={value} className={`chip${choice === value ? ' chip-on' : ''}`}>
              <input
                type="radio"
                name="satisfaction"
                value={value}
                checked={choice === value}
                onChange={() => {
                  setChoice(value);
                  setError(undefined);
                  setConfirming(false);
                }}
              />
              {SATISFACTION_LABELS[value]}
            </label>
          ))}
        </div>
        <Field id="rate-comment" label={tr('rateComment')}>
          <textarea id="rate-comment" rows={3} maxLength={1000} value={comment} onChange={(event) => setComment(event.target.value)} />
        </Field>
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
        {confirming && choice ? (
          <div className="confirm" role="alertdialog" aria-label={tr('rateSubmit')}>
            <p>{tr('rateConfirm', { label: SATISFACTION_LABELS[choice] })}</p>
            <div className="row-actions">
              <button type="button" className="button-primary" disabled={busy} onClick={() => void send()}>
                {tr('rateConfirmYes')}
              </button>
              <button type="button" className="button-secondary" disabled={busy} onClick={() => setConfirming(false)}>
                {tr('rateConfirmNo')}
              </button>
            </div>
          </div>
        ) : (
          <button type="submit" className="button-primary">
            {tr('rateSubmit')}
          </button>
        )}
      </form>
      <ProblemBox error={failure} />
    </section>
  );
}

function CaseView({ tracked, credentials, onCase, rated }: { tracked: TrackedCase; credentials: Credentials; onCase: (c: TrackedCase) => void; rated: boolean }) {
  return (
    <>
      <section className="card case" aria-labelledby="case-title">
        <p className="case-no">
          {tr('caseNo')} {tracked.case_no}
        </p>
        <h2 id="case-title">{tracked.title}</h2>
        <dl className="facts">
          <dt>{tr('status')}</dt>
          <dd>
            <span className={`status status-${tracked.status}`} data-status={tracked.status}>
              {tracked.status_label}
            </span>
          </dd>
          <dt>{tr('type')}</dt>
          <dd>{tracked.type_label}</dd>
          <dt>{tr('received')}</dt>
          <dd>{formatTime(tracked.received_at)}</dd>
          <dt>{tr('due')}</dt>
          <dd>{formatDate(tracked.due_at)}</dd>
          <dt>{tr('handlingUnit')}</dt>
          <dd>{tracked.handling_unit ?? tr('handlingUnitNone')}</dd>
        </dl>
      </section>

      {rated && (
        <p className="success" role="status">
          {tracked.status === 'closed' ? tr('ratedClosed') : tr('ratedReopened')}
        </p>
      )}

      {tracked.reply && (
        <section className="card reply" aria-labelledby="reply-title">
          <h2 id="reply-title">{tr('reply')}</h2>
          <p className="pre-wrap">{tracked.reply}</p>
          <p className="note">{tr('repliedAt', { time: formatTime(tracked.replied_at) })}</p>
          {tracked.satisfaction && <p>{tr('satisfactionDone', { label: SATISFACTION_LABELS[tracked.satisfaction] })}</p>}
        </section>
      )}

      {tracked.can_rate && <Rate credentials={credentials} onCase={onCase} />}

      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{tr('timeline')}</h2>
        <ol className="timeline">
          {[...tracked.timeline].reverse().map((event, i) => (
            <li key={`${event.occurred_at}-${i}`} data-event={event.event}>
              <span className="timeline-time">{formatTime(event.occurred_at)}</span>
              <span className="timeline-label">{event.label}</span>
              {event.text && <span className="timeline-text pre-wrap">{event.text}</span>}
            </li>
          ))}
        </ol>
        {tracked.attachments.length > 0 && (
          <>
            <h3>{tr('yourAttachments')}</h3>
            <ul className="files">
              {tracked.attachments.map((a, i) => (
                <li key={`${a.filename}-${i}`}>
                  <span className="file-name">{a.filename}</span>
                  <span className="note">{formatDate(a.created_at)}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      {tracked.can_add_info ? <AddInfo credentials={credentials} onCase={onCase} /> : <p className="note">{tr('closedNote')}</p>}
    </>
  );
}

/** /track: the enterprise follows its case with the tracking code and phone, adds information, rates the reply. */
export function TrackPage() {
  const [code, setCode] = useState(() => formatTrackingCode(sessionStorage.getItem(TRACKING_CODE_KEY) ?? ''));
  const [phone, setPhone] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [credentials, setCredentials] = useState<Credentials | null>(null);
  const [tracked, setTracked] = useState<TrackedCase | null>(null);
  const [rated, setRated] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkLookup(code, phone);
    setErrors(checked.errors);
    setFailure(null);
    if (!checked.credentials) {
      document.getElementById(Object.keys(checked.errors)[0])?.focus();
      return;
    }
    setBusy(true);
    try {
      setTracked(await track(checked.credentials));
      setCredentials(checked.credentials);
      setRated(false);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const onCase = (next: TrackedCase) => {
    if (tracked?.can_rate && !next.can_rate && next.satisfaction) setRated(true);
    setTracked(next);
  };

  const reset = () => {
    setTracked(null);
    setCredentials(null);
    setPhone('');
    setCode('');
    setRated(false);
  };

  return (
    <main className="report">
      <Header title={tr('trackTitle')} intro={tr('trackIntro')} current="track" />
      {tracked && credentials ? (
        <>
          <CaseView tracked={tracked} credentials={credentials} onCase={onCase} rated={rated} />
          <button type="button" className="button-link" onClick={reset}>
            {tr('queryAnother')}
          </button>
        </>
      ) : (
        <form className="card" onSubmit={(event) => void onSubmit(event)} noValidate>
          <Field id="tracking_code" label={tr('trackingCode')} required error={errors.tracking_code}>
            <input
              id="tracking_code"
              name="tracking_code"
              value={code}
              onChange={(event) => {
                setCode(formatTrackingCode(event.target.value).slice(0, 14));
                setErrors((current) => ({ ...current, tracking_code: '' }));
              }}
              placeholder={tr('trackingCodePlaceholder')}
              autoCapitalize="characters"
              autoComplete="off"
              spellCheck={false}
              className="mono"
              {...describedBy('tracking_code', errors.tracking_code)}
            />
          </Field>
          <Field id="contact_phone" label={tr('phoneForTrack')} error={errors.contact_phone} hint={tr('phoneForTrackHint')}>
            <input
              id="contact_phone"
              name="contact_phone"
              type="tel"
              inputMode="tel"
              maxLength={30}
              autoComplete="tel"
              value={phone}
              onChange={(event) => {
                setPhone(event.target.value);
                setErrors((current) => ({ ...current, contact_phone: '' }));
              }}
              {...describedBy('contact_phone', errors.contact_phone, true)}
            />
          </Field>
          <ProblemBox error={failure} />
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? tr('querying') : tr('query')}
          </button>
        </form>
      )}
    </main>
  );
}
