import { Card, Descriptions, Progress, Typography } from 'antd';
import type { ServedStatus } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { formatNumber, formatSigned, formatValue, numeral, periodLabel, shortfall } from '../../indicators/format';
import { TierTag, TrendMark } from '../../indicators/tags';

/** "needs X (short by Y)", "reached", or — for a rank no value can miss (fewer peers than the rank). */
function NeededValue({ value, needed, unit, decimals, higherIsBetter }: { value: number | null; needed: number | null; unit: string; decimals?: number; higherIsBetter: boolean }) {
  const { t } = useI18n();
  if (needed === null) return <Typography.Text type="secondary">{t('ind.guaranteed')}</Typography.Text>;
  const gap = shortfall(value, needed, higherIsBetter);
  return (
    <span>
      {formatValue(needed, unit, decimals)}
      {gap !== null &&
        (gap > 0 ? (
          <Typography.Text type="danger">{t('ind.shortBy', { gap: formatValue(gap, unit, decimals) })}</Typography.Text>
        ) : (
          <Typography.Text type="success">{t('ind.reachedParen')}</Typography.Text>
        ))}
    </span>
  );
}

/**
 * The served city's standing on one indicator in one period: rank and tier, what the target and stretch
 * ranks need, the gap to the benchmark city and to the value target, the change since the previous period.
 */
export function StatusCard({
  status,
  unit,
  decimals,
  higherIsBetter,
  benchmarkName,
  title,
}: {
  status: ServedStatus;
  unit: string;
  decimals?: number;
  higherIsBetter: boolean;
  benchmarkName?: string;
  title?: string;
}) {
  const { t, lang } = useI18n();
  const targets = status.rank_targets;
  const change = status.rank_change;
  const items = [
    {
      key: 'rank',
      label: t('ind.currentRank'),
      children: (
        <span className="status-rank" data-rank={status.rank ?? ''}>
          {status.rank === null ? t('ind.unranked') : t('ind.rankOf', { rank: status.rank, of: status.of })}{' '}
          {targets && <TierTag tier={status.tier} targets={targets} />}
        </span>
      ),
    },
    { key: 'value', label: t('ind.currentValue'), children: formatValue(status.value, unit, decimals) },
    {
      key: 'percentile',
      label: t('ind.percentileScore'),
      children: `${formatNumber(status.percentile, 2)} / ${formatNumber(status.score, 2)}`,
    },
    ...(targets
      ? [
          {
            key: 'target-rank',
            label: t('ind.neededFor', { rung: t('ind.rung.target', { n: numeral(targets.target, lang) }) }),
            children: <NeededValue value={status.value} needed={status.value_for_target_rank} unit={unit} decimals={decimals} higherIsBetter={higherIsBetter} />,
          },
          {
            key: 'stretch-rank',
            label: t('ind.neededFor', { rung: t('ind.rung.stretch', { n: numeral(targets.stretch, lang) }) }),
            children: <NeededValue value={status.value} needed={status.value_for_stretch_rank} unit={unit} decimals={decimals} higherIsBetter={higherIsBetter} />,
          },
        ]
      : []),
    ...(status.benchmark_region
      ? [
          {
            key: 'benchmark',
            label: t('ind.gapToNamed', { city: benchmarkName ?? status.benchmark_region }),
            children: (
              <span>
                <Typography.Text
                  type={status.gap_to_benchmark !== null && status.gap_to_benchmark > 0 ? 'danger' : status.gap_to_benchmark !== null && status.gap_to_benchmark < 0 ? 'success' : undefined}
                  strong
                >
                  {formatSigned(status.gap_to_benchmark, unit, decimals)}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {' '}
                  {t('ind.benchmarkValue', { value: formatValue(status.benchmark_value, unit, decimals) })}
                </Typography.Text>
              </span>
            ),
          },
        ]
      : []),
    ...(status.target_value !== null
      ? [
          { key: 'target', label: t('ind.valueTarget'), children: formatValue(status.target_value, unit, decimals) },
          {
            key: 'target-gap',
            label: t('ind.targetGap'),
            children:
              status.gap_to_target === null ? (
                '—'
              ) : status.gap_to_target <= 0 ? (
                <Typography.Text type="success">{t('ind.targetMet')}</Typography.Text>
              ) : (
                <Typography.Text type="danger">{formatValue(status.gap_to_target, unit, decimals)}</Typography.Text>
              ),
          },
          {
            key: 'attainment',
            label: t('ind.attainment'),
            children:
              status.attainment === null ? (
                '—'
              ) : (
                <Progress
                  className="attainment"
                  percent={Math.min(100, status.attainment)}
                  format={() => `${formatNumber(status.attainment, 2)}%`}
                  status={status.attainment >= 100 ? 'success' : 'normal'}
                  size="small"
                />
              ),
          },
        ]
      : []),
    {
      key: 'previous',
      label: t('ind.previous', { period: periodLabel(status.previous_period, lang) }),
      children:
        status.previous_value === null && status.previous_rank === null
          ? t('ind.noData')
          : `${formatValue(status.previous_value, unit, decimals)}${status.previous_rank !== null ? ` · ${t('ind.rankN', { rank: status.previous_rank })}` : ''}`,
    },
    {
      key: 'change',
      label: t('ind.rankChange'),
      children: (
        <span>
          <TrendMark trend={status.trend} />{' '}
          {change === null ? '—' : change > 0 ? t('ind.rankUp', { n: change }) : change < 0 ? t('ind.rankDown', { n: -change }) : t('ind.rankSame')}
        </span>
      ),
    },
    {
      key: 'official',
      label: t('ind.officialRank'),
      children: status.official_rank === null ? <Typography.Text type="secondary">{t('ind.noOfficial')}</Typography.Text> : t('ind.rankN', { rank: status.official_rank }),
    },
  ];
  return (
    <Card size="small" title={title ?? t('ind.statusTitle', { city: status.region_name })} className="status-card">
      <Descriptions size="small" column={1} items={items} styles={{ label: { whiteSpace: 'nowrap' } }} />
    </Card>
  );
}
