import { useEffect, useState } from 'react';
import { ApiError } from '../api/problem';
import type { components } from '../api/schema/feedback';
import { currentQuarter, isPeriod, periodChoices } from '../pages/feedback/league/periods';
import { formatTime, publicApi } from './api';
import { Header, ProblemBox } from './parts';
import { rt } from './rateText';
import './rate.css';

type Table = components['schemas']['PublicLeagueTable'];
type Item = components['schemas']['PublicLeagueItem'];
type Kind = 'unit' | 'district';

/** 2026年 / 2026年第4季度 / 2026年10月. */
export function publicPeriodLabel(period: string): string {
  const year = period.slice(0, 4);
  if (period.length === 4) return rt('periodYear', { year });
  if (period[5] === 'Q') return rt('periodQuarter', { year, q: period[6] });
  return rt('periodMonth', { year, month: Number(period.slice(5)) });
}

const percent = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${value.toFixed(2)}%`);

/** The period and kind from the address (`?period=2026-Q3&kind=district`), so a shared link shows the same table. */
function fromAddress(): { period: string; kind: Kind } {
  const params = new URLSearchParams(window.location.search);
  const period = params.get('period');
  return { period: isPeriod(period) ? period : currentQuarter(), kind: params.get('kind') === 'district' ? 'district' : 'unit' };
}

function Row({ item }: { item: Item }) {
  return (
    <li className={`league-row${item.ranked ? '' : ' league-row-unranked'}`} data-name={item.name}>
      <span className={`league-rank${item.rank && item.rank <= 3 ? ` league-rank-${item.rank}` : ''}`} aria-label={item.rank ? `第 ${item.rank} 名` : undefined}>
        {item.rank ?? '—'}
      </span>
      <div className="league-main">
        <p className="league-name">{item.name}</p>
        <p className="league-sub">
          {rt('leagueVolume', { volume: item.volume })} · {rt('leagueReopens', { count: item.reopen_count })}
        </p>
        <dl className="league-rates">
          <dt>{rt('rateResponse')}</dt>
          <dd>{percent(item.response_rate)}</dd>
          <dt>{rt('rateOnTime')}</dt>
          <dd>{percent(item.on_time_closure_rate)}</dd>
          <dt>{rt('rateOneTime')}</dt>
          <dd>{percent(item.one_time_resolution_rate)}</dd>
          <dt>{rt('rateSatisfaction')}</dt>
          <dd>{percent(item.satisfaction_rate)}</dd>
        </dl>
      </div>
      <span className="league-score">
        <small>{rt('leagueComposite')}</small>
        {item.composite?.toFixed(2) ?? '—'}
      </span>
    </li>
  );
}

/** /report/league: the public league table (names and numbers only), readable on a 390 px phone. */
export function LeaguePublicPage() {
  const [{ period, kind }, setChoice] = useState(fromAddress);
  const [table, setTable] = useState<Table | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const choices = periodChoices();

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    const url = new URL(window.location.href);
    url.searchParams.set('period', period);
    if (kind === 'district') url.searchParams.set('kind', kind);
    else url.searchParams.delete('kind');
    window.history.replaceState(null, '', url);
    publicApi.GET('/api/feedback/v1/public/league-table', { params: { query: { period, kind } } }).then(
      ({ data, error: problem }) => {
        if (!live) return;
        if (data) setTable(data);
        else setError(new ApiError(problem));
        setLoading(false);
      },
      (failure: unknown) => {
        if (!live) return;
        setError(failure);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [period, kind]);

  const ranked = table?.items.filter((item) => item.ranked) ?? [];
  const unranked = table?.items.filter((item) => !item.ranked) ?? [];
  const option = (value: string) => (
    <option key={value} value={value}>
      {publicPeriodLabel(value)}
    </option>
  );
  return (
    <main className="report league">
      <Header title={rt('leagueTitle')} intro={rt('leagueIntro')} current="league" />
      <div className="card league-controls">
        <div className="field">
          <label className="field-label" htmlFor="period">
            {rt('leaguePeriod')}
          </label>
          <select id="period" value={period} onChange={(event) => setChoice({ period: event.target.value, kind })}>
            <optgroup label="季度">{choices.quarters.map(option)}</optgroup>
            <optgroup label="年度">{choices.years.map(option)}</optgroup>
            <optgroup label="月份">{choices.months.map(option)}</optgroup>
            {![...choices.quarters, ...choices.years, ...choices.months].includes(period) && option(period)}
          </select>
        </div>
        <div className="field">
          <span className="field-label" id="kind-label">
            {rt('leagueKind')}
          </span>
          <div className="chips chips-2" role="radiogroup" aria-labelledby="kind-label">
            {(['unit', 'district'] as const).map((value) => (
              <label key={value} className={`chip${kind === value ? ' chip-on' : ''}`}>
                <input type="radio" name="kind" value={value} checked={kind === value} onChange={() => setChoice({ period, kind: value })} />
                {rt(value === 'unit' ? 'kindUnit' : 'kindDistrict')}
              </label>
            ))}
          </div>
        </div>
      </div>
      {loading && <p role="status">{rt('leagueLoading')}</p>}
      {error !== null && <ProblemBox error={error} fallback={rt('leagueLoadFailed')} />}
      {table && !error && (
        <>
          <section className="card" aria-labelledby="ranked-title">
            <h2 id="ranked-title">
              {rt('leagueRanked')} · {publicPeriodLabel(table.period)}
            </h2>
            {ranked.length ? (
              <ol className="league-list">
                {ranked.map((item) => (
                  <Row key={item.name} item={item} />
                ))}
              </ol>
            ) : (
              <p className="note">{rt('leagueEmpty')}</p>
            )}
          </section>
          {unranked.length > 0 && (
            <section className="card" aria-labelledby="unranked-title">
              <h2 id="unranked-title">{rt('leagueUnranked')}</h2>
              <p className="note">{rt('leagueUnrankedHint', { min: table.min_cases })}</p>
              <ul className="league-list">
                {unranked.map((item) => (
                  <Row key={item.name} item={item} />
                ))}
              </ul>
            </section>
          )}
          <p className="note">
            {rt('leagueWeights', {
              response: table.weights.response,
              on_time: table.weights.on_time_closure,
              one_time: table.weights.one_time_resolution,
              satisfaction: table.weights.satisfaction,
            })}
          </p>
          <p className="note">{rt('leagueAsOf', { time: formatTime(table.as_of) })}</p>
        </>
      )}
    </main>
  );
}
