import { Link } from 'react-router-dom';
import { Empty, Typography } from 'antd';
import type { FrameworkRead, Me, OverviewRow, RankTargets } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { anchorIndicator, DEFAULT_PERIODS, numeral, periodLabel } from '../../indicators/format';
import { useFrameworks, useIndicatorList, useOverview } from '../../indicators/hooks';
import { SyntheticBanner, TierTag } from '../../indicators/tags';
import { TierLadder } from '../indicators/TierLadder';
import { Panel, PanelLink } from './Panel';
import { opensArea } from './permissions';

/** The periods the cockpit shows, the ones 指标对标 opens on: the latest national round, the current provincial quarter. */
export const NATIONAL_PERIOD = DEFAULT_PERIODS.national;
export const PROVINCIAL_PERIOD = DEFAULT_PERIODS.provincial;

/** How many strengths and weaknesses are named. */
const SHOWN = 5;

const indicatorPath = (code: string, period: string) => `/indicators/${encodeURIComponent(code)}?period=${encodeURIComponent(period)}`;

const targetsOf = (framework: FrameworkRead | undefined): RankTargets | null =>
  framework?.rank_floor && framework.rank_target && framework.rank_stretch
    ? { floor: framework.rank_floor, target: framework.rank_target, stretch: framework.rank_stretch }
    : null;

/** 国评 overall rank against 保五争四冲三: the indicators area's ladder, with what each rung still needs. */
export function NationalPanel({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const overview = useOverview('national', NATIONAL_PERIOD);
  const catalog = useIndicatorList('national');
  const anchor = anchorIndicator(catalog.data);
  const status = overview.data?.overall;
  return (
    <Panel
      service="indicators"
      className="ck-national"
      title={`${t('ck.national.title')} · ${periodLabel(NATIONAL_PERIOD, lang)}`}
      extra={<PanelLink to={opensArea(me, 'indicators') ? `/indicators?framework=national&period=${NATIONAL_PERIOD}` : null} label={t('ck.national.toOverview')} />}
      error={overview.error ?? catalog.error}
      loading={overview.isPending || catalog.isPending}
      onRetry={() => {
        void overview.refetch();
        void catalog.refetch();
      }}
    >
      {overview.data && <SyntheticBanner synthetic={overview.data.synthetic} />}
      {status?.rank_targets ? (
        <TierLadder status={status} unit={anchor?.unit ?? ''} higherIsBetter={anchor?.higher_is_better ?? true} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ck.national.empty', { period: periodLabel(NATIONAL_PERIOD, lang) })} />
      )}
    </Panel>
  );
}

function RankedRow({ row, period, targets, linked }: { row: OverviewRow; period: string; targets: RankTargets | null; linked: boolean }) {
  const { t } = useI18n();
  return (
    <li className="ck-row" data-code={row.code}>
      <span className="ck-row-main">
        {linked ? <Link to={indicatorPath(row.code, period)}>{row.name}</Link> : <span>{row.name}</span>}
      </span>
      <span className="ck-row-value">
        <span className="nowrap">{row.rank === null ? t('ind.unranked') : t('ind.rankOf', { rank: row.rank, of: row.of })}</span>{' '}
        {targets && row.tier && <TierTag tier={row.tier} targets={targets} />}
      </span>
    </li>
  );
}

/** 省晾晒: where the city stands among Zhejiang's 11 cities, indicator by indicator, against 保三争二冲一. */
export function ProvincialPanel({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const frameworks = useFrameworks();
  const overview = useOverview('provincial', PROVINCIAL_PERIOD);
  const targets = targetsOf(frameworks.data?.find((framework) => framework.code === 'provincial'));
  const rows = overview.data?.indicators ?? [];
  const linked = opensArea(me, 'indicators');
  const within = targets ? rows.filter((row) => row.rank !== null && row.rank <= targets.floor).length : null;
  return (
    <Panel
      service="indicators"
      className="ck-provincial"
      title={t('ck.provincial.title', { period: periodLabel(PROVINCIAL_PERIOD, lang) })}
      extra={<PanelLink to={linked ? `/indicators/provincial?period=${PROVINCIAL_PERIOD}` : null} label={t('ck.provincial.toPage')} />}
      error={overview.error ?? frameworks.error}
      loading={overview.isPending || frameworks.isPending}
      onRetry={() => {
        void overview.refetch();
        void frameworks.refetch();
      }}
    >
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ck.provincial.empty', { period: periodLabel(PROVINCIAL_PERIOD, lang) })} />
      ) : (
        <>
          {targets && within !== null && (
            <div className="ck-headline" data-count={within}>
              {t('ind.inProvinceTop', { count: within, total: rows.length, n: numeral(targets.floor, lang) })}
            </div>
          )}
          {overview.data?.overall?.rank !== undefined && overview.data.overall.rank !== null && (
            <div className="ck-provincial-overall">
              {t('ind.rankOf', { rank: overview.data.overall.rank, of: overview.data.overall.of })}{' '}
              <TierTag tier={overview.data.overall.tier} targets={targets} />
            </div>
          )}
          <ul className="ck-list">
            {rows.map((row) => (
              <RankedRow key={row.code} row={row} period={PROVINCIAL_PERIOD} targets={targets} linked={linked} />
            ))}
          </ul>
        </>
      )}
    </Panel>
  );
}

/** 长板 and 短板 of the national evaluation: the best-ranked strengths and the worst-ranked weaknesses. */
export function StrengthsPanel({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const overview = useOverview('national', NATIONAL_PERIOD);
  const rows = overview.data?.indicators ?? [];
  const targets = overview.data?.overall?.rank_targets ?? null;
  const byRank = (a: OverviewRow, b: OverviewRow) => (a.rank ?? Infinity) - (b.rank ?? Infinity);
  const strengths = rows.filter((row) => row.classification === 'strength').sort(byRank);
  const weaknesses = rows.filter((row) => row.classification === 'weakness').sort((a, b) => byRank(b, a));
  const linked = opensArea(me, 'indicators');
  const column = (kind: 'strength' | 'weakness', list: OverviewRow[]) => (
    <section className={`ck-class ck-class-${kind}`} data-class={kind}>
      <h4 className="ck-subheading">{t(`ck.strengths.${kind}`, { count: list.length })}</h4>
      {list.length === 0 ? (
        <Typography.Text type="secondary">{t('ck.strengths.none')}</Typography.Text>
      ) : (
        <ul className="ck-list">
          {list.slice(0, SHOWN).map((row) => (
            <RankedRow key={row.code} row={row} period={NATIONAL_PERIOD} targets={targets} linked={linked} />
          ))}
        </ul>
      )}
    </section>
  );
  return (
    <Panel
      service="indicators"
      className="ck-strengths"
      title={t('ck.strengths.title', { period: periodLabel(NATIONAL_PERIOD, lang) })}
      error={overview.error}
      loading={overview.isPending}
      onRetry={() => void overview.refetch()}
    >
      <div className="ck-classes">
        {column('strength', strengths)}
        {column('weakness', weaknesses)}
      </div>
    </Panel>
  );
}
