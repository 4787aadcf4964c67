import { Card, Space, Tag, Typography } from 'antd';
import { CheckCircleFilled, RiseOutlined } from '@ant-design/icons';
import type { ServedStatus } from '../../api/types';
import { useI18n } from '../../i18n/I18nProvider';
import { formatSigned, formatValue, ladderName, numeral, periodLabel, shortfall } from '../../indicators/format';
import { TierTag } from '../../indicators/tags';

type Rung = 'stretch' | 'target' | 'floor';
const RUNGS: Rung[] = ['stretch', 'target', 'floor'];

/**
 * The served city's overall rank against the framework's rank targets (国评: 保五争四冲三): the rank
 * and tier, then one rung per target, top rung first, each reached or with the value it still needs.
 */
export function TierLadder({
  status,
  unit,
  higherIsBetter = true,
  benchmarkName,
}: {
  status: ServedStatus;
  unit: string;
  higherIsBetter?: boolean;
  benchmarkName?: string;
}) {
  const { t, lang } = useI18n();
  const targets = status.rank_targets;
  if (!targets) return null;
  const needed: Record<Rung, number | null> = {
    stretch: status.value_for_stretch_rank,
    target: status.value_for_target_rank,
    floor: null,
  };
  const change = status.rank_change;
  return (
    <Card size="small" className="tier-ladder" title={t('ind.ladderTitle', { name: ladderName(targets, lang) })} data-tier={status.tier ?? 'none'}>
      <div className="ladder-body">
        <div className="ladder-rank">
          <Typography.Text type="secondary">{t('ind.overallRank')}</Typography.Text>
          <div className="ladder-rank-number" data-rank={status.rank ?? ''}>
            {status.rank === null ? (
              t('ind.unranked')
            ) : (
              <>
                {t('ind.rankPrefix')}
                <strong>{status.rank}</strong>
                {t('ind.rankSuffix')}
                <span className="ladder-of"> / {status.of}</span>
              </>
            )}
          </div>
          <TierTag tier={status.tier} targets={targets} />
          <Typography.Text type="secondary" className="ladder-value">
            {t('ind.overallScoreIs', { value: formatValue(status.value, unit) })}
          </Typography.Text>
        </div>
        <ol className="ladder-rungs" aria-label={t('ind.ladderRungs')}>
          {RUNGS.map((rung) => {
            const rank = targets[rung];
            const reached = status.rank !== null && status.rank <= rank;
            const gap = shortfall(status.value, needed[rung], higherIsBetter);
            return (
              <li key={rung} className={`ladder-rung ladder-rung-${rung}${reached ? ' ladder-rung-reached' : ''}`} data-rung={rung} data-reached={reached}>
                <span className="ladder-rung-name">{t(`ind.rung.${rung}`, { n: numeral(rank, lang) })}</span>
                <span className="ladder-rung-rank">{t('ind.rankN', { rank })}</span>
                <span className="ladder-rung-state">
                  {reached ? (
                    <Tag color="success" icon={<CheckCircleFilled />}>
                      {t('ind.reached')}
                    </Tag>
                  ) : needed[rung] !== null ? (
                    <Typography.Text>
                      <RiseOutlined /> {t('ind.needValue', { value: formatValue(needed[rung], unit) })}
                      {gap !== null && gap > 0 && <Typography.Text type="danger">{t('ind.shortBy', { gap: formatValue(gap, unit) })}</Typography.Text>}
                    </Typography.Text>
                  ) : (
                    <Tag>{t('ind.notReached')}</Tag>
                  )}
                </span>
              </li>
            );
          })}
        </ol>
      </div>
      <Space wrap size={[16, 4]} className="ladder-foot">
        {status.benchmark_region && (
          <Typography.Text type="secondary">
            {t('ind.gapToNamedIs', { city: benchmarkName ?? status.benchmark_region, gap: formatSigned(status.gap_to_benchmark, unit) })}
          </Typography.Text>
        )}
        {status.previous_rank !== null && (
          <Typography.Text type="secondary">
            {t('ind.previousRank', { period: periodLabel(status.previous_period, lang), rank: status.previous_rank })}
            {change !== null && (change > 0 ? t('ind.rankUp', { n: change }) : change < 0 ? t('ind.rankDown', { n: -change }) : t('ind.rankSame'))}
          </Typography.Text>
        )}
        {status.official_rank !== null && (
          <Typography.Text type="secondary">{t('ind.officialRankIs', { rank: status.official_rank })}</Typography.Text>
        )}
      </Space>
    </Card>
  );
}
