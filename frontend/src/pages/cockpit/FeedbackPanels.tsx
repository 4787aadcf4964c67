import { lazy, Suspense } from 'react';
import { Link } from 'react-router-dom';
import { Empty, Grid, Skeleton, Tag, Typography } from 'antd';
import type { Me } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { periodLabel } from '../../indicators/format';
import { percent } from '../bulletins/parts';
import { useFeedbackRates, useFeedbackTrend, useOpenClusters, type Rate } from './hooks';
import { Panel, PanelLink } from './Panel';
import { opensArea } from './permissions';

// ECharts (~190 kB gzipped) loads after the cockpit's figures are on screen: the panels are what a leader reads
// first, and the landing screen stays within its bundle budget (scripts/check-bundle.mjs).
const FeedbackTrendChart = lazy(() => import('./charts').then((m) => ({ default: m.FeedbackTrendChart })));

const RATES = [
  ['one_time_resolution', 'ck.rates.otr'],
  ['satisfaction', 'ck.rates.satisfaction'],
  ['on_time_closure', 'ck.rates.onTime'],
] as const;

function RateFigure({ rate, label, name }: { rate: Rate; label: string; name: string }) {
  const { t } = useI18n();
  return (
    <div className="ck-figure" data-rate={name}>
      <div className="ck-figure-value">{rate.value === null ? '—' : percent(rate.value)}</div>
      <div className="ck-figure-label">{label}</div>
      <Typography.Text type="secondary" className="ck-figure-sub">
        {rate.denominator ? t('ck.rates.fraction', { numerator: rate.numerator, denominator: rate.denominator }) : t('ck.rates.noData')}
      </Typography.Text>
    </div>
  );
}

/** The three rates of the quarter (一次性化解率, 满意率, 按期办结率), each with what it counts. */
export function RatesPanel({ me, quarter }: { me: Me; quarter: string }) {
  const { t, lang } = useI18n();
  const rates = useFeedbackRates(quarter);
  return (
    <Panel
      service="feedback"
      className="ck-rates"
      title={t('ck.rates.title', { period: periodLabel(quarter, lang) })}
      extra={<PanelLink to={opensArea(me, 'feedback') ? '/feedback/league' : null} />}
      error={rates.error}
      loading={rates.isPending}
      onRetry={() => void rates.refetch()}
    >
      {rates.data && (
        <div className="ck-figures">
          {RATES.map(([key, label]) => (
            <RateFigure key={key} name={key} rate={rates.data[key]} label={t(label)} />
          ))}
        </div>
      )}
    </Panel>
  );
}

/** Cases received and closed month by month over the year, with the three rates per month. */
export function TrendPanel({ year }: { year: number }) {
  const { t, lang } = useI18n();
  const trend = useFeedbackTrend(year);
  const monthFormat = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en', { month: 'short' });
  const monthName = (month: string) => monthFormat.format(new Date(Number(month.slice(0, 4)), Number(month.slice(5)) - 1, 1));
  const compact = Grid.useBreakpoint().md === false;
  const data = trend.data;
  return (
    <Panel
      service="feedback"
      className="ck-trend"
      title={t('ck.trend.title', { year })}
      error={trend.error}
      loading={trend.isPending}
      onRetry={() => void trend.refetch()}
    >
      {data &&
        (data.received === 0 && data.closed === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ck.trend.empty', { year })} />
        ) : (
          <>
            <div className="ck-headline" data-received={data.received} data-closed={data.closed}>
              {t('ck.trend.totals', { received: data.received, closed: data.closed })}
            </div>
            <Suspense fallback={<Skeleton active paragraph={{ rows: 6 }} title={false} />}>
              <FeedbackTrendChart
                months={data.months}
                compact={compact}
                ariaLabel={t('ck.trend.chart', { year })}
                labels={{
                  received: t('ck.trend.received'),
                  closed: t('ck.trend.closed'),
                  otr: t('ck.rates.otr'),
                  satisfaction: t('ck.rates.satisfaction'),
                  onTime: t('ck.rates.onTime'),
                  month: monthName,
                }}
              />
            </Suspense>
          </>
        ))}
    </Panel>
  );
}

/** 举一反三: the open clusters with the most cases — the matters to fix once, as a reform task. */
export function ClustersPanel({ me, year }: { me: Me; year: number }) {
  const { t } = useI18n();
  const clusters = useOpenClusters(year);
  const linked = opensArea(me, 'feedback');
  const largest = clusters.data?.largest ?? [];
  return (
    <Panel
      service="feedback"
      className="ck-clusters"
      title={t('ck.clusters.title', { year })}
      extra={<PanelLink to={linked ? '/feedback/clusters' : null} label={t('ck.clusters.toList')} />}
      error={clusters.error}
      loading={clusters.isPending}
      onRetry={() => void clusters.refetch()}
    >
      {clusters.data &&
        (largest.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ck.clusters.empty')} />
        ) : (
          <ol className="ck-list ck-cluster-list">
            {largest.map((cluster) => (
              <li key={cluster.code} className="ck-row" data-code={cluster.code}>
                <span className="ck-row-count">{t('ck.clusters.cases', { count: cluster.case_count })}</span>
                <span className="ck-row-main">
                  {linked ? (
                    <Link to={`/feedback/clusters/${encodeURIComponent(cluster.code)}`} className="ck-row-name">
                      {cluster.title}
                    </Link>
                  ) : (
                    <span className="ck-row-name">{cluster.title}</span>
                  )}
                  <span className="ck-row-sub">
                    <Tag color={cluster.status === 'suggested' ? 'gold' : 'blue'}>
                      {cluster.status === 'suggested' || cluster.status === 'confirmed' ? t(`ck.clusters.status.${cluster.status}`) : cluster.status_label}
                    </Tag>
                    {cluster.task_code && <Tag color="green">{t('ck.clusters.task', { code: cluster.task_code })}</Tag>}
                    <Typography.Text type="secondary">
                      {cluster.period.label} · {t('ck.clusters.spread', { districts: cluster.district_count, units: cluster.unit_count })}
                    </Typography.Text>
                  </span>
                </span>
              </li>
            ))}
          </ol>
        ))}
    </Panel>
  );
}
