import { Link } from 'react-router-dom';
import { Empty, Typography } from 'antd';
import { STATUSES, type Me, type TaskStatus } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { periodLabel as indicatorPeriodLabel } from '../../indicators/format';
import { asOfSuffix, formatDate } from '../../tasks/hooks';
import { useLeague } from '../bulletins/api';
import { score } from '../bulletins/parts';
import type { LeagueRow, LeagueTable } from '../bulletins/types';
import { useTaskCounts, type TaskCounts } from './hooks';
import { Panel, PanelLink } from './Panel';
import { opensArea } from './permissions';

const STATUS_COLORS: Record<TaskStatus, string> = {
  not_started: '#bfbfbf',
  in_progress: '#1677ff',
  completed: '#52c41a',
  ongoing: '#13c2c2',
};

/** The ledger filtered as a figure counts it (same year and warning date). */
const ledgerLink = (year: number, asOf: string | undefined, filter: Record<string, string> = {}) =>
  `/tasks${asOfSuffix(asOf, { year: String(year), ...filter })}`;

function StatusBar({ counts, asOf, linked }: { counts: TaskCounts; asOf?: string; linked: boolean }) {
  const { t, label } = useI18n();
  return (
    <>
      <div className="ck-status-bar" role="img" aria-label={t('ck.tasks.statusBar')}>
        {STATUSES.filter((status) => counts.byStatus[status] > 0).map((status) => (
          <span key={status} style={{ flexGrow: counts.byStatus[status], background: STATUS_COLORS[status] }} />
        ))}
      </div>
      <ul className="ck-status-legend">
        {STATUSES.map((status) => {
          const text = (
            <>
              <span className="ck-dot" style={{ background: STATUS_COLORS[status] }} />
              <span className="ck-status-name">{label('status', status)}</span>
              <strong className="ck-status-count">{counts.byStatus[status]}</strong>
            </>
          );
          return (
            <li key={status} data-status={status}>
              {linked ? <Link to={ledgerLink(counts.year, asOf, { status })}>{text}</Link> : text}
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** 年度任务: how many, by status, and how many carry a red or yellow card on the statistics day. */
export function TasksPanel({ me, year, asOf }: { me: Me; year: number; asOf?: string }) {
  const { t } = useI18n();
  const counts = useTaskCounts(year, asOf);
  const linked = opensArea(me, 'tasks');
  const data = counts.data;
  return (
    <Panel
      service="tasks"
      className="ck-tasks"
      title={t('ck.tasks.title', { year })}
      extra={<PanelLink to={linked ? ledgerLink(year, asOf) : null} label={t('ck.tasks.toLedger')} />}
      error={counts.error}
      loading={counts.isPending}
      onRetry={() => void counts.refetch()}
    >
      {data &&
        (data.total === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ck.tasks.empty', { year })} />
        ) : (
          <>
            <div className="ck-figures">
              <div className="ck-figure" data-figure="total">
                <div className="ck-figure-value">
                  {data.total}
                  <small>{t('ck.tasks.unit')}</small>
                </div>
                <div className="ck-figure-label">{t('ck.tasks.total')}</div>
              </div>
              {(['red', 'yellow'] as const).map((warning) => {
                const value = <div className="ck-figure-value">{data[warning]}</div>;
                return (
                  <div key={warning} className="ck-figure" data-figure={warning} data-tone={warning === 'red' ? 'bad' : 'warn'}>
                    {linked ? <Link to={ledgerLink(year, asOf, { warning })}>{value}</Link> : value}
                    <div className="ck-figure-label">{t(`ck.tasks.${warning}`)}</div>
                  </div>
                );
              })}
            </div>
            <StatusBar counts={data} asOf={asOf} linked={linked} />
            <Typography.Text type="secondary" className="ck-note">
              {t('ck.tasks.asOf', { date: formatDate(data.asOf) })}
            </Typography.Text>
          </>
        ))}
    </Panel>
  );
}

/** The rows the league table names 差生, worst first, as it names them. */
function worstRows(table: LeagueTable): LeagueRow[] {
  const byId = new Map(table.rows.map((row) => [row.unit.id, row]));
  return table.worst.map((unit) => byId.get(unit.id)).filter((row): row is LeagueRow => !!row);
}

/** 差生: the units the quarter's live league table names worst, with their score and cards. */
export function WorstUnitsPanel({ me, quarter, asOf }: { me: Me; quarter: string; asOf?: string }) {
  const { t, lang } = useI18n();
  const league = useLeague(quarter, asOf);
  const table = league.data;
  const rows = table ? worstRows(table) : [];
  const link = opensArea(me, 'bulletins') ? `/bulletins/league${asOfSuffix(asOf, { period: quarter })}` : null;
  return (
    <Panel
      service="tasks"
      className="ck-worst"
      title={t('ck.worst.title', { period: indicatorPeriodLabel(quarter, lang) })}
      extra={<PanelLink to={link} label={t('ck.worst.toLeague')} />}
      error={league.error}
      loading={league.isPending}
      onRetry={() => void league.refetch()}
    >
      {table &&
        (rows.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bl.sum.noHonours')} />
        ) : (
          <ol className="ck-list ck-worst-list">
            {rows.map((row) => (
              <li key={row.unit.id} className="ck-row" data-unit={row.unit.short_name || row.unit.name}>
                <span className="ck-row-rank">{row.rank ?? '—'}</span>
                <span className="ck-row-main">
                  <span className="ck-row-name">{row.unit.short_name || row.unit.name}</span>
                  <Typography.Text type="secondary" className="ck-row-sub">
                    {t('ck.worst.cards', { red: row.red, yellow: row.yellow })}
                  </Typography.Text>
                </span>
                <span className="ck-row-value">{t('ck.worst.score', { score: score(row.score) })}</span>
              </li>
            ))}
          </ol>
        ))}
    </Panel>
  );
}
