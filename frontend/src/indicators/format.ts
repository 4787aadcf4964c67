import type { IndicatorRead, LeaderboardItem, RankTargets } from '../api/types';
import type { Lang } from '../i18n/I18nProvider';

/**
 * The period a framework opens on when none is chosen: the latest published national evaluation and
 * B-READY round, the current quarter of the provincial league table and of the city's own indicators.
 */
export const DEFAULT_PERIODS: Record<string, string> = {
  national: '2025',
  bready: '2025',
  provincial: '2026-Q3',
  city: '2026-Q3',
};

/** The API's period pattern: 2026, 2026-Q3 or 2026-10. */
export const PERIOD_PATTERN = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;

export const isPeriod = (value: string | null | undefined): value is string => !!value && PERIOD_PATTERN.test(value);

/** Distinct periods, newest first ("2026-Q3" sorts after "2026", which sorts after "2025"). */
export function sortPeriodsDesc(periods: readonly (string | null | undefined)[]): string[] {
  return [...new Set(periods.filter(isPeriod))].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
}

const QUARTER_ZH = ['', '一', '二', '三', '四'];

/** 2025 → 2025年, 2026-Q3 → 2026年第三季度, 2026-10 → 2026年10月 (English: 2025, 2026 Q3, 2026-10). */
export function periodLabel(period: string, lang: Lang = 'zh'): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (lang === 'en') return quarter ? `${quarter[1]} Q${quarter[2]}` : period;
  if (quarter) return `${quarter[1]}年第${QUARTER_ZH[Number(quarter[2])]}季度`;
  if (month) return `${month[1]}年${Number(month[2])}月`;
  return /^\d{4}$/.test(period) ? `${period}年` : period;
}

const NUMERALS_ZH = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 3 → 三 (rank targets are small numbers: 保五争四冲三). */
export const numeral = (n: number, lang: Lang = 'zh'): string => (lang === 'zh' && n >= 0 && n <= 10 ? NUMERALS_ZH[n] : String(n));

/** 保五争四冲三 for floor 5, target 4, stretch 3. */
export const ladderName = (targets: RankTargets, lang: Lang = 'zh'): string =>
  lang === 'zh'
    ? `保${numeral(targets.floor)}争${numeral(targets.target)}冲${numeral(targets.stretch)}`
    : `hold ${targets.floor}, strive for ${targets.target}, push for ${targets.stretch}`;

/** A number as the API rounded it (no float noise), grouped; — when missing. */
export function formatNumber(value: number | null | undefined, decimals?: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat('zh-CN', { maximumFractionDigits: decimals ?? 4, minimumFractionDigits: 0 }).format(value);
}

/** 90.05 分, 98.17%, 2.8 工作日. */
export function formatValue(value: number | null | undefined, unit: string, decimals?: number): string {
  const number = formatNumber(value, decimals);
  if (number === '—' || !unit) return number;
  return unit === '%' || unit === '％' ? `${number}%` : `${number} ${unit}`;
}

/** A signed difference: +1.98 分, −0.53 分, 0 (positive gaps mean behind). */
export function formatSigned(value: number | null | undefined, unit = '', decimals?: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = formatValue(Math.abs(value), unit, decimals);
  if (value > 0) return `+${text}`;
  if (value < 0) return `−${text}`;
  return text;
}

/**
 * How far a value still is from a needed value in the indicator's direction (positive: still short,
 * zero or less: reached). Mirrors value_target(v, threshold).gap of the formulas document.
 */
export function shortfall(value: number | null | undefined, needed: number | null | undefined, higherIsBetter: boolean): number | null {
  if (value === null || value === undefined || needed === null || needed === undefined) return null;
  const gap = higherIsBetter ? needed - value : value - needed;
  return Math.round(gap * 1e6) / 1e6;
}

/** Best first by rank, regions without data last (in their given order). */
export function byRank(items: readonly LeaderboardItem[]): LeaderboardItem[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => (a.item.rank ?? Infinity) - (b.item.rank ?? Infinity) || a.index - b.index)
    .map(({ item }) => item);
}

/** Ranks held by more than one region (competition ranking: 1, 2, 2, 4). */
export function tiedRanks(items: readonly LeaderboardItem[]): Set<number> {
  const seen = new Map<number, number>();
  for (const item of items) if (item.rank !== null) seen.set(item.rank, (seen.get(item.rank) ?? 0) + 1);
  return new Set([...seen].filter(([, count]) => count > 1).map(([rank]) => rank));
}

/**
 * The indicator a framework's periods are read from: its single overall composite (国评 GP-00),
 * else its first top-level indicator that is entered rather than computed.
 */
export function anchorIndicator(indicators: readonly IndicatorRead[] | undefined): IndicatorRead | undefined {
  const roots = (indicators ?? []).filter((indicator) => indicator.parent_code === null);
  if (roots.length === 1 && roots[0].kind === 'composite') return roots[0];
  return roots.find((indicator) => indicator.kind !== 'computed') ?? roots[0];
}

/** Whether a value meets its value target in the indicator's direction (none without both). */
export function meetsTarget(value: number | null | undefined, target: number | null | undefined, higherIsBetter: boolean): boolean | null {
  const gap = shortfall(value, target, higherIsBetter);
  return gap === null ? null : gap <= 0;
}
