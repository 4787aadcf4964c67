import { Link } from 'react-router-dom';
import { Card, Empty, Spin, Typography } from 'antd';
import { RightOutlined, TrophyOutlined, WarningOutlined } from '@ant-design/icons';
import type { Me } from '../../api/types';
import { LoadError } from '../../components/ProblemAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDate, useAsOf } from '../../tasks/hooks';
import { useBulletin, useBulletins, useLeague } from './api';
import { BulletinsNav } from './BulletinsNav';
import { usePeriodParam } from './LeaguePage';
import { rowState } from './LeagueTableView';
import { DownloadButtons, percent, PeriodPicker, periodLabel, score } from './parts';
import type { LeagueRow, LeagueTable } from './types';

/** The rows named 优生 (best first) or 差生 (worst first), as the league table names them. */
function named(table: LeagueTable, honour: 'best' | 'worst'): LeagueRow[] {
  const byId = new Map(table.rows.map((row) => [row.unit.id, row]));
  return table[honour].map((unit) => byId.get(unit.id)).filter((row): row is LeagueRow => !!row);
}

function HonourCards({ rows, honour }: { rows: LeagueRow[]; honour: 'best' | 'worst' }) {
  const { t } = useI18n();
  return (
    <section className="sum-honours" data-honour={honour}>
      <h3 className="sum-heading">
        {honour === 'best' ? <TrophyOutlined /> : <WarningOutlined />} {t(`bl.honour.${honour}`)}
      </h3>
      {rows.length === 0 ? (
        <Typography.Text type="secondary">{t('bl.sum.noHonours')}</Typography.Text>
      ) : (
        <div className="sum-cards">
          {rows.map((row) => (
            <div key={row.unit.id} className={`sum-card sum-card-${honour}`} data-unit={row.unit.name}>
              <div className="sum-card-rank">{t('bl.sum.rank', { rank: row.rank ?? '—' })}</div>
              <div className="sum-card-name">{row.unit.short_name || row.unit.name}</div>
              <div className="sum-card-score">{score(row.score)}</div>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}

/** The latest published bulletin: its 文号, date, headline figures, a download and a link to the full text. */
function LatestBulletin() {
  const { t } = useI18n();
  const latest = useBulletins({ status: 'published', page: 1, page_size: 1 });
  const id = latest.data?.items[0]?.id;
  const detail = useBulletin(id);
  const data = detail.data;
  return (
    <Card size="small" className="sum-bulletin" title={t('bl.sum.latest')}>
      <LoadError error={latest.error ?? detail.error} />
      {(latest.isPending || (id && detail.isPending)) && <Spin />}
      {latest.data && !id && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bl.sum.noBulletin')} />}
      {data && (
        <>
          <div className="sum-bulletin-number">{data.number}</div>
          <Link to={`/bulletins/${data.id}`} className="sum-bulletin-title">
            {data.title} <RightOutlined />
          </Link>
          <Typography.Paragraph type="secondary" className="sum-bulletin-date">
            {t('bl.sum.issued', { date: formatDate(data.issued_on), unit: data.content.issuing_unit })}
          </Typography.Paragraph>
          <div className="sum-figures">
            <Figure label={t('bl.fig.tasks')} value={data.content.summary.tasks} />
            <Figure label={t('bl.fig.completed')} value={data.content.summary.completed} tone="good" />
            <Figure label={t('bl.fig.red')} value={data.content.summary.red} tone="bad" />
            <Figure label={t('bl.fig.yellow')} value={data.content.summary.yellow} tone="warn" />
            <Figure label={t('bl.fig.onTimeRate')} value={percent(data.content.summary.on_time_rate)} />
            <Figure label={t('bl.fig.ranked')} value={data.content.summary.units_ranked} />
          </div>
          <div className="sum-bulletin-honours">
            <span>
              <strong>{t('bl.honour.best')}：</strong>
              {data.content.league.best.map((unit) => unit.short_name || unit.name).join('、') || t('bl.none')}
            </span>
            <span>
              <strong>{t('bl.honour.worst')}：</strong>
              {data.content.league.worst.map((unit) => unit.short_name || unit.name).join('、') || t('bl.none')}
            </span>
          </div>
          <DownloadButtons id={data.id} />
        </>
      )}
    </Card>
  );
}

function Figure({ label, value, tone }: { label: string; value: number | string; tone?: 'good' | 'bad' | 'warn' }) {
  return (
    <div className="sum-figure" data-tone={tone}>
      <div className="sum-figure-value">{value}</div>
      <div className="sum-figure-label">{label}</div>
    </div>
  );
}

/**
 * The leader's one screen (built for a 390 px phone, nothing scrolls sideways): the period's 优生 and 差生 as
 * cards, the whole ranking as a compact list, and the latest published bulletin.
 */
export function SummaryPage({ me }: { me: Me }) {
  const { t } = useI18n();
  const [period, setPeriod] = usePeriodParam();
  const [asOf] = useAsOf();
  const league = useLeague(period.key, asOf);
  const table = league.data;

  return (
    <div className="summary-page">
      <BulletinsNav me={me} active="summary" />
      <PeriodPicker value={period} onChange={setPeriod} className="sum-period" />
      <LoadError error={league.error} />
      {league.isPending && <Spin className="page-spin" />}
      {table && (
        <>
          <div className="sum-title" data-period={table.period}>
            <strong>{t('bl.sum.title', { period: periodLabel(table.period, t) })}</strong>
            <Typography.Text type="secondary">{t('bl.sum.asOf', { date: formatDate(table.as_of) })}</Typography.Text>
          </div>
          <HonourCards rows={named(table, 'best')} honour="best" />
          <HonourCards rows={named(table, 'worst')} honour="worst" />
          <section className="sum-ranking">
            <h3 className="sum-heading">{t('bl.sum.ranking')}</h3>
            {table.rows.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bl.league.empty')} />
            ) : (
              <ol className="sum-list">
                {table.rows.map((row) => (
                  <li key={row.unit.id} className="sum-row" data-state={rowState(row)}>
                    <span className="sum-row-rank">{row.ranked ? row.rank : '—'}</span>
                    <span className="sum-row-name">{row.unit.short_name || row.unit.name}</span>
                    <span className="sum-row-score">{row.ranked ? score(row.score) : t('bl.unranked')}</span>
                  </li>
                ))}
              </ol>
            )}
            <Link to={`/bulletins/league?period=${table.period}${asOf ? `&as_of=${asOf}` : ''}`} className="sum-more">
              {t('bl.sum.details')} <RightOutlined />
            </Link>
          </section>
        </>
      )}
      <LatestBulletin />
    </div>
  );
}
