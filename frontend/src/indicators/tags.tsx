import { Alert, Tag, Tooltip } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import type { Classification, ObservationStatus, QualityFlag, RankTargets, Tier, Trend } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { numeral } from './format';

/** The rank each tier is named after: 冲三 is the stretch rank, 争四 the target, 保五 (and 未保五) the floor. */
const TIER_RANK: Record<Tier, keyof RankTargets> = {
  stretch_met: 'stretch',
  target_met: 'target',
  floor_held: 'floor',
  below_floor: 'floor',
};

export const TIER_COLORS: Record<Tier, string> = {
  stretch_met: 'green',
  target_met: 'cyan',
  floor_held: 'blue',
  below_floor: 'red',
};

/** 冲三达成 / 争四达成 / 保五守住 / 未保五 for the national 5/4/3 targets (冲一达成… for the province's 3/2/1). */
export function useTierLabel() {
  const { t, lang } = useI18n();
  return (tier: Tier, targets: RankTargets | null | undefined) =>
    t(`tier.${tier}`, { n: targets ? numeral(targets[TIER_RANK[tier]], lang) : '' });
}

export function TierTag({ tier, targets }: { tier: Tier | null | undefined; targets: RankTargets | null | undefined }) {
  const tierLabel = useTierLabel();
  if (!tier) return <>—</>;
  return (
    <Tag color={TIER_COLORS[tier]} className="tier-tag" data-tier={tier}>
      {tierLabel(tier, targets)}
    </Tag>
  );
}

const CLASS_COLORS: Record<Classification, string> = { strength: 'green', weakness: 'red', neutral: 'default' };

/** 长板 / 短板 / 一般. */
export function ClassTag({ value }: { value: Classification | null | undefined }) {
  const { label } = useI18n();
  if (!value) return <>—</>;
  return (
    <Tag color={CLASS_COLORS[value]} data-class={value}>
      {label('class', value)}
    </Tag>
  );
}

const TREND_ICONS = { up: <ArrowUpOutlined />, down: <ArrowDownOutlined />, flat: <MinusOutlined /> };

/** ↑ / ↓ / — : whether the position improved since the previous period (by rank when ranked). */
export function TrendMark({ trend }: { trend: Trend | null | undefined }) {
  const { label } = useI18n();
  if (!trend) return <>—</>;
  return (
    <span className={`trend trend-${trend}`} role="img" aria-label={label('trend', trend)} title={label('trend', trend)}>
      {TREND_ICONS[trend]}
    </span>
  );
}

/** Shown whenever an answer is built on synthetic demo data, so nobody mistakes it for published results. */
export function SyntheticBanner({ synthetic }: { synthetic: boolean | undefined }) {
  const { t } = useI18n();
  if (!synthetic) return null;
  return <Alert type="warning" showIcon className="synthetic-banner" message={t('ind.synthetic')} />;
}

const STATUS_COLORS: Record<ObservationStatus, string> = { submitted: 'processing', approved: 'success', returned: 'error' };

export function ObservationStatusTag({ status }: { status: ObservationStatus }) {
  const { label } = useI18n();
  return <Tag color={STATUS_COLORS[status]}>{label('obsStatus', status)}</Tag>;
}

/** Quality flags of an entry (out of range, negative, outlier), the message on hover. */
export function FlagTags({ flags }: { flags: readonly QualityFlag[] }) {
  const { label } = useI18n();
  if (!flags.length) return null;
  return (
    <>
      {flags.map((flag) => (
        <Tooltip key={flag.code} title={flag.message}>
          <Tag color="orange" className="flag-tag" data-flag={flag.code}>
            {label('flag', flag.code)}
          </Tag>
        </Tooltip>
      ))}
    </>
  );
}
